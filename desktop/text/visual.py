"""Same-length visual layout of one logical line, with index maps (no tkinter here).

The RTL entry on X11 keeps the *logical* string as its model and hands Tk a *visual*
string to draw. Editing needs to know where each logical character and each caret
position ends up on screen, which `display.convert_line` cannot say: reshaping with
ligatures changes the length, and `bidi.algorithm.get_display` drops ZWNJ and hides the
permutation it applied. So here:

- letters are reshaped with ligatures off (one presentation form per letter), then each
  lam-alef pair is put back as the ligature glyph plus a zero-width filler (U+200B,
  measured to draw as nothing in Vazirmatn under Tk) — the length never changes;
- bidi levels come from python-bidi's pure-Python rule steps (base direction RTL); the
  characters the algorithm removes (ZWNJ and other boundary neutrals, embedding
  controls) take the level of the character before them and stay in the string;
- reordering (L1, L2), keeping combining marks after their base (L3) and mirroring (L4)
  are applied here from those levels, so the permutation is known exactly.

Only drawing may use the visual string: never store, search or compare it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

FILLER = "\u200b"  # zero-width space: the slot left by the alef of a lam-alef ligature
ZWNJ = "\u200c"

_LAM = "\u0644"
# alef variant → (isolated ligature, final ligature)
_LAM_ALEF = {
    "\u0622": ("\ufef5", "\ufef6"),
    "\u0623": ("\ufef7", "\ufef8"),
    "\u0625": ("\ufef9", "\ufefa"),
    "\u0627": ("\ufefb", "\ufefc"),
}
_LAM_INITIAL, _LAM_MEDIAL = "\ufedf", "\ufee0"
# Vazirmatn lacks the isolated presentation form of ۀ; the plain letter draws the same.
_MISSING_GLYPHS = {"\ufba4": "\u06c0"}
# Isolates make python-bidi raise; embeddings are removed by rule X9. Neither is drawn.
_ISOLATES = frozenset("\u2066\u2067\u2068\u2069")
_EMBEDDINGS = frozenset("\u202a\u202b\u202c\u202d\u202e")
_INVISIBLE = _ISOLATES | _EMBEDDINGS
_BASE_LEVEL = 1  # the app's paragraphs are right to left, whatever their first letter


@dataclass(frozen=True)
class VisualLayout:
    """One logical line and how it is drawn, left to right.

    `logical_to_visual[i]` is where logical character i is drawn; `visual_to_logical`
    is its inverse. Carets sit between characters: logical caret c (0..n) is before
    logical character c; visual caret x (0..n) is before visual character x, which is
    also Tk's entry index for that gap.
    """

    logical: str
    visual: str
    logical_to_visual: tuple[int, ...]
    visual_to_logical: tuple[int, ...]
    levels: tuple[int, ...]  # resolved bidi level of each logical character
    ligature_starts: frozenset[int]  # logical index of each lam drawn as lam-alef

    def __len__(self) -> int:
        return len(self.logical)

    def is_rtl(self, index: int) -> bool:
        return self.levels[index] % 2 == 1

    def is_caret_stop(self, caret: int) -> bool:
        """False inside a drawn cluster: between lam and alef of a ligature, or between
        a letter and its combining marks — a caret there could not be seen."""
        if caret <= 0 or caret >= len(self.logical):
            return True
        if caret - 1 in self.ligature_starts:
            return False
        return not self.is_attached_mark(caret)

    def is_attached_mark(self, index: int) -> bool:
        """A combining mark drawn over a letter. A mark whose base is an invisible
        control (an embedding, an isolate) has nothing to sit on: it stands alone."""
        logical = self.logical
        if not unicodedata.combining(logical[index]):
            return False
        base = index
        while base > 0 and unicodedata.combining(logical[base]):
            base -= 1
        return not unicodedata.combining(logical[base]) and logical[base] not in _INVISIBLE

    def snap(self, caret: int) -> int:
        """The nearest caret stop at or after `caret` (clamped to 0..n)."""
        caret = max(0, min(caret, len(self.logical)))
        while not self.is_caret_stop(caret):
            caret += 1
        return caret

    def caret_to_visual(self, caret: int) -> int:
        """Where logical caret `caret` is drawn.

        At a direction boundary a caret has two possible places; a Persian user
        expects it right after the character just typed, so the caret follows the
        character before it (its left edge if RTL, its right edge if LTR). Caret 0
        sits at the leading edge of the first character.
        """
        n = len(self.logical)
        if n == 0:
            return 0
        caret = max(0, min(caret, n))
        if caret == 0:
            if not self.is_rtl(0):
                return self.logical_to_visual[0]
            end = self.snap(1)  # the first letter with its marks, drawn after it
            return max(self.logical_to_visual[:end]) + 1
        before = caret - 1
        if not self.is_rtl(before):
            return self.logical_to_visual[before] + 1
        while before > 0 and self.is_attached_mark(before):
            before -= 1  # marks are drawn over their letter: use the letter's left edge
        return self.logical_to_visual[before]

    def caret_candidates(self, x: int) -> list[int]:
        """The logical carets that visual gap x can stand for (one or two)."""
        n = len(self.logical)
        x = max(0, min(x, n))
        found: list[int] = []
        if x > 0:  # right edge of the character on the left
            j = self.visual_to_logical[x - 1]
            if self.is_rtl(j):
                while j > 0 and self.is_attached_mark(j):
                    j -= 1  # a mark is drawn over its letter: the letter's right edge
                found.append(j)
            else:
                found.append(j + 1)
        if x < n:  # left edge of the character on the right
            j = self.visual_to_logical[x]
            found.append(j + 1 if self.is_rtl(j) else j)
        return found or [0]

    def caret_from_visual(self, x: int) -> int:
        """The logical caret for visual gap x (a click, an arrow key), snapped to a stop.

        Prefer the candidate that `caret_to_visual` would draw at x, so that placing
        the caret and drawing it agree whenever they can.
        """
        candidates = self.caret_candidates(x)
        for caret in candidates:
            if self.caret_to_visual(caret) == x and self.is_caret_stop(caret):
                return caret
        return self.snap(candidates[0])

    def visual_span(self, start: int, end: int) -> tuple[int, int]:
        """The visual gaps enclosing logical characters start..end-1 (empty → (x, x)).

        In mixed-direction text a logical range can be drawn in pieces; the entry can
        highlight only one piece, so this is the smallest span that covers them all.
        """
        if start >= end:
            x = self.caret_to_visual(start)
            return x, x
        xs = [self.logical_to_visual[i] for i in range(start, end)]
        return min(xs), max(xs) + 1


@lru_cache(maxsize=1)
def _reshaper() -> Any:
    import arabic_reshaper

    # Same settings as display._reshaper, but one output character per input one.
    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": False}
    )


def _shape(logical: str) -> tuple[list[str], frozenset[int]]:
    """Presentation forms, one per logical character, and where lam-alef ligatures are."""
    shaped = list(_reshaper().reshape(logical))
    if len(shaped) != len(logical):  # never seen; draw unjoined rather than misplace
        shaped = list(logical)
    ligatures: set[int] = set()
    for i in range(len(logical) - 1):
        forms = _LAM_ALEF.get(logical[i + 1])
        if logical[i] == _LAM and forms and shaped[i] in (_LAM_INITIAL, _LAM_MEDIAL):
            shaped[i] = forms[0] if shaped[i] == _LAM_INITIAL else forms[1]
            shaped[i + 1] = FILLER
            ligatures.add(i)
    for i, ch in enumerate(shaped):
        if ch in _ISOLATES or ch in _EMBEDDINGS:
            shaped[i] = FILLER
        else:
            shaped[i] = _MISSING_GLYPHS.get(ch, ch)
    return shaped, frozenset(ligatures)


def _levels(logical: str) -> list[int]:
    """Resolved bidi level of every logical character (rules P–I, then L1)."""
    from bidi import algorithm as bidi

    storage = bidi.get_empty_storage()
    storage["base_level"] = _BASE_LEVEL
    storage["base_dir"] = "R"
    bidi.get_embedding_levels(logical, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
        if char["ch"] in _ISOLATES:  # python-bidi asserts on them: make them removable
            char["type"] = char["orig"] = "BN"
    bidi.explicit_embed_and_overrides(storage)
    bidi.resolve_weak_types(storage)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)

    resolved: list[int | None] = [None] * len(logical)
    for char in storage["chars"]:
        resolved[char["index"]] = char["level"]
    levels: list[int] = []
    previous = _BASE_LEVEL
    for level in resolved:  # removed characters take the level of the one before
        previous = previous if level is None else level
        levels.append(previous)

    # L1: separators, and whitespace before them or at the end, go back to the base.
    at_end = True
    for i in range(len(logical) - 1, -1, -1):
        kind = unicodedata.bidirectional(logical[i])
        if kind in ("B", "S"):
            levels[i] = _BASE_LEVEL
            at_end = True
        elif at_end and (kind in ("WS", "BN") or logical[i] in _ISOLATES):
            levels[i] = _BASE_LEVEL
        else:
            at_end = False
    return levels


def _reorder(logical: str, levels: list[int]) -> list[int]:
    """Visual order as logical indices (L2, then L3 for combining marks)."""
    order = list(range(len(logical)))
    if not order:
        return order
    odd_levels = [level for level in levels if level % 2]
    lowest_odd = min(odd_levels) if odd_levels else max(levels) + 1
    for level in range(max(levels), lowest_odd - 1, -1):
        k = 0
        while k < len(order):
            if levels[order[k]] >= level:
                end = k
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    # L3: a reversed run puts marks before their base; Tk draws a mark over the glyph
    # on its left, so put the base first again.
    k = 0
    while k < len(order):
        if levels[order[k]] % 2 and unicodedata.combining(logical[order[k]]):
            end = k
            while (
                end < len(order)
                and order[end] == order[k] - (end - k)
                and unicodedata.combining(logical[order[end]])
            ):
                end += 1
            if end < len(order) and end > k and order[end] == order[end - 1] - 1:
                order[k : end + 1] = [order[end], *order[k:end][::-1]]
                k = end + 1
                continue
        k += 1
    return order


@lru_cache(maxsize=1024)
def visual_layout(logical: str) -> VisualLayout:
    """Lay out one logical line for a renderer that neither shapes nor reorders (X11 Tk).

    Pure and cached by content: the entry calls it on every redraw.
    """
    from bidi.mirror import MIRRORED

    shaped, ligatures = _shape(logical)
    levels = _levels(logical)
    order = _reorder(logical, levels)
    for i, ch in enumerate(shaped):
        if levels[i] % 2 and unicodedata.mirrored(ch):
            shaped[i] = MIRRORED.get(ch, ch)
    logical_to_visual = [0] * len(order)
    for x, i in enumerate(order):
        logical_to_visual[i] = x
    return VisualLayout(
        logical=logical,
        visual="".join(shaped[i] for i in order),
        logical_to_visual=tuple(logical_to_visual),
        visual_to_logical=tuple(order),
        levels=tuple(levels),
        ligature_starts=ligatures,
    )
