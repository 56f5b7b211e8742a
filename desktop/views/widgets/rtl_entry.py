"""RtlEntry: a one-line Persian text entry that works on X11 Tk.

Tk 8.6 on X11 neither joins Persian letters nor lays text out right to left, and an
ordinary Entry holding converted text goes wrong everywhere (typing lands on the wrong
side, get() and the clipboard return scrambled text, arrows and BackSpace go the wrong
way). So on X11 this entry keeps the *logical* string as its model and only shows Tk a
*visual* string (desktop.text.visual: same length, with index maps). The Entry's class
tag is taken out of its bindtags, so Tk never edits the drawn text itself: keys, mouse
and clipboard act on the logical model, then the widget redraws.

Where Tk shapes by itself (Windows, macOS, or the user's setting: `display().converts`
is False) it is a plain right-justified ttkbootstrap Entry with the same extras
(`set`, `maxlength`, `<<RtlEntryChanged>>`).

All indices callers pass or get back are logical; only `bbox` (Tk's own) is visual.
"""

from __future__ import annotations

import contextlib
import tkinter as tk
import unicodedata
from typing import Any

import ttkbootstrap as ttk

from desktop.text.visual import ZWNJ, VisualLayout, visual_layout
from desktop.views.widgets.rtl import display

CHANGED = "<<RtlEntryChanged>>"
_TAG = "TavanaRtlEntry"  # takes the place of the TEntry class tag in bindtags

_SHIFT, _CONTROL, _ALT = 0x1, 0x4, 0x8
_LEFT, _RIGHT = ("Left", "KP_Left"), ("Right", "KP_Right")
_HOME, _END = ("Home", "KP_Home"), ("End", "KP_End")
# Ctrl+letter with a Persian (ISIRI 9147) layout active reports the Persian keysym.
_CONTROL_KEYS = {
    "a": "select_all",
    "A": "select_all",
    "Arabic_sheen": "select_all",
    "Arabic_zain": "copy",
    "Arabic_tah": "cut",
    "Arabic_ra": "paste",
    "2": "zwnj",  # Ctrl+Shift+2, the ZWNJ key of many Persian layouts
    "at": "zwnj",
}
# Never put into the model: they make python-bidi raise, or reorder the drawn text.
_STRIPPED = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"))
_ONE_LINE = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\ufeff")


class RtlEntry(ttk.Entry):
    """A right-to-left entry whose model, variable, clipboard and indices are logical.

    Options beyond ttk.Entry's: `maxlength` (0 = unlimited). `textvariable` holds the
    logical text in both directions. `<<RtlEntryChanged>>` fires after every change of
    the value, whoever made it.
    """

    def __init__(
        self,
        master: tk.Misc | None = None,
        *,
        textvariable: tk.Variable | None = None,
        maxlength: int = 0,
        **kwargs: Any,
    ):
        self._converts = display().converts
        self._maxlength = int(maxlength or 0)
        self._variable: tk.Variable | None = None
        self._trace: str | None = None
        self._text = ""
        self._caret = 0
        self._anchor = 0  # selection = logical range between anchor and caret
        self._caret_x: int | None = None  # visual gap chosen by click/arrow, if any
        self._writing_variable = False
        kwargs.setdefault("justify", "right")
        self._drawn: tk.StringVar | None  # the visual string Tk draws; None when Tk lays out
        if self._converts:
            self._drawn = tk.StringVar(master)
            super().__init__(master, textvariable=self._drawn, exportselection=False, **kwargs)
            self._install_bindings()
            self._attach_variable(textvariable)
        else:
            self._drawn = None
            own = textvariable if textvariable is not None else tk.StringVar(master)
            super().__init__(master, textvariable=own, **kwargs)
            self._attach_variable(own)
            self._text = own.get()
            self.configure(validate="key", validatecommand=(self.register(self._fits), "%P"))

    # ---- public API (logical) -------------------------------------------------------

    def get(self) -> str:
        # Native mode reads the variable: our trace runs before Tk's own one, so inside
        # a <<RtlEntryChanged>> handler the widget would still show the old text.
        return self._text if self._converts else self._variable.get()  # type: ignore[union-attr]

    def set(self, text: str) -> None:
        """Replace the whole value (works in any state, like writing the variable)."""
        if self._converts:
            self._set_model(self._clean(text), caret=None)
        else:
            self._variable.set(text[: self._maxlength] if self._maxlength else text)  # type: ignore[union-attr]

    def insert(self, index: Any, string: str) -> None:
        if not self._converts:
            super().insert(index, string)
            return
        if self._editable():
            at = self._logical_index(index)
            self._replace(at, at, string, caret=None)

    def delete(self, first: Any, last: Any = None) -> None:
        if not self._converts:
            super().delete(first, last)
            return
        if self._editable():
            start = self._logical_index(first)
            end = start + 1 if last is None else self._logical_index(last)
            if end > start:
                self._replace(start, end, "", caret=None)

    def index(self, index: Any) -> int:
        return self._logical_index(index) if self._converts else super().index(index)

    def icursor(self, index: Any) -> None:
        if not self._converts:
            super().icursor(index)
            return
        self._caret = self._anchor = self._layout().snap(self._logical_index(index))
        self._caret_x = None
        self._redraw()

    def selection_range(self, start: Any, end: Any) -> None:
        if not self._converts:
            super().selection_range(start, end)
            return
        self._anchor, self._caret = self._logical_index(start), self._logical_index(end)
        self._caret_x = None
        self._redraw()

    def selection_clear(self, **kw: Any) -> None:
        if not self._converts:
            super().selection_clear(**kw)
            return
        self._anchor = self._caret
        self._redraw()

    def selection_present(self) -> bool:
        return self._anchor != self._caret if self._converts else super().selection_present()

    select_range = selection_range
    select_clear = selection_clear
    select_present = selection_present

    @property
    def selected_text(self) -> str:
        start, end = self._selection()
        return self._text[start:end]

    @property
    def visual_text(self) -> str:
        """What Tk draws (tests and debugging only)."""
        return self._drawn.get() if self._drawn is not None else super().get()

    def configure(self, cnf: Any = None, **kwargs: Any) -> Any:
        query = cnf is None and not kwargs
        if isinstance(cnf, dict):
            kwargs = {**cnf, **kwargs}
            cnf = None
        if cnf == "maxlength":
            return self._maxlength
        if "maxlength" in kwargs:
            self._maxlength = int(kwargs.pop("maxlength") or 0)
        if "textvariable" in kwargs:
            variable = kwargs.pop("textvariable") or None
            if not self._converts:  # Tk shows it; we keep one to watch for changes
                variable = variable or tk.StringVar(self)
                kwargs["textvariable"] = variable
            self._attach_variable(variable)
        if cnf is None and not kwargs and not query:
            return None
        return super().configure(cnf, **kwargs)

    config = configure

    def cget(self, key: str) -> Any:
        if key == "maxlength":
            return self._maxlength
        if key == "textvariable" and self._converts:
            return str(self._variable) if self._variable is not None else ""
        return super().cget(key)

    def __getitem__(self, key: str) -> Any:
        if key in ("maxlength", "textvariable"):
            return self.cget(key)
        return super().__getitem__(key)

    def destroy(self) -> None:
        self._detach_variable()
        super().destroy()

    # ---- model -----------------------------------------------------------------------

    def _layout(self) -> VisualLayout:
        return visual_layout(self._text)

    def _clean(self, text: str) -> str:
        return str(text).translate(_STRIPPED).translate(_ONE_LINE)

    def _fits(self, proposed: str) -> bool:
        return not self._maxlength or len(proposed) <= self._maxlength

    def _editable(self) -> bool:
        return not (self.instate(["disabled"]) or self.instate(["readonly"]))

    def _selection(self) -> tuple[int, int]:
        return min(self._anchor, self._caret), max(self._anchor, self._caret)

    def _logical_index(self, index: Any) -> int:
        n = len(self._text)
        if isinstance(index, int):
            return max(0, min(index, n))
        name = str(index)
        if name.lstrip("-").isdigit():
            return max(0, min(int(name), n))
        if name == "end":
            return n
        if name == "insert":
            return self._caret
        if name == "anchor":
            return self._anchor
        if name in ("sel.first", "sel.last"):
            if not self.selection_present():
                raise tk.TclError("selection isn't in widget " + str(self))
            return self._selection()[0 if name == "sel.first" else 1]
        if name.startswith("@"):
            return self._layout().caret_from_visual(self._gap_at(int(name[1:])))
        raise tk.TclError(f'bad entry index "{index}"')

    def _replace(self, start: int, end: int, text: str, caret: int | None = -1) -> bool:
        """Put `text` in place of logical start..end; the caret goes after it.

        `caret=None` keeps the caret where it was (shifted if the edit was before it).
        Returns False if nothing fitted (maxlength).
        """
        text = self._clean(text)
        if self._maxlength:
            room = self._maxlength - (len(self._text) - (end - start))
            text = text[: max(room, 0)]
            if not text and start == end:
                self.bell()
                return False
        new = self._text[:start] + text + self._text[end:]
        if caret is None:
            old = self._caret
            caret = old + len(text) - (end - start) if old >= end else min(old, start)
        else:
            caret = start + len(text)
        self._set_model(new, caret)
        return True

    def _set_model(self, text: str, caret: int | None) -> None:
        changed = text != self._text
        self._text = text
        self._caret = len(text) if caret is None else max(0, min(caret, len(text)))
        self._anchor = self._caret
        self._caret_x = None
        if self._variable is not None and self._variable.get() != text:
            self._writing_variable = True
            try:
                self._variable.set(text)
            finally:
                self._writing_variable = False
        self._redraw()
        if changed:
            self.event_generate(CHANGED)

    # ---- textvariable ----------------------------------------------------------------

    def _attach_variable(self, variable: tk.Variable | None) -> None:
        self._detach_variable()
        self._variable = variable
        if variable is None:
            return
        self._trace = variable.trace_add("write", self._on_variable_write)
        if self._converts:
            self._set_model(self._clean(variable.get()), caret=None)

    def _detach_variable(self) -> None:
        if self._variable is not None and self._trace is not None:
            with contextlib.suppress(tk.TclError):  # variable gone with its interpreter
                self._variable.trace_remove("write", self._trace)
        self._variable = self._trace = None

    def _on_variable_write(self, *_: Any) -> None:
        if self._writing_variable or self._variable is None:
            return
        if not self._converts:
            self._text = self._variable.get()
            self.event_generate(CHANGED)
            return
        text = self._clean(self._variable.get())
        if text != self._text:
            caret = min(self._caret, len(text))
            self._set_model(text, caret)

    # ---- drawing ---------------------------------------------------------------------

    def _redraw(self) -> None:
        layout = self._layout()
        drawn = self._drawn
        assert drawn is not None  # only an entry that converts draws by itself
        if drawn.get() != layout.visual:
            drawn.set(layout.visual)
        x = self._visual_caret(layout)
        self.tk.call(str(self), "icursor", x)
        start, end = self._selection()
        if start < end:
            first, last = layout.visual_span(start, end)
            self.tk.call(str(self), "selection", "range", first, last)
        else:
            self.tk.call(str(self), "selection", "clear")
        self.tk.call("ttk::entry::See", str(self), x)

    def _visual_caret(self, layout: VisualLayout) -> int:
        """Where the caret is drawn: the gap the user chose, if it still means the caret."""
        chosen = self._caret_x
        if chosen is not None and 0 <= chosen <= len(layout):
            meanings = {layout.snap(c) for c in layout.caret_candidates(chosen)}
            if self._caret in meanings:
                return chosen
        return layout.caret_to_visual(self._caret)

    def _gap_at(self, x_pixel: int) -> int:
        """The visual gap (Tk index) nearest to pixel x: Tk's @x names the character
        under the pointer, so take the gap after it when the pointer is on its right half."""
        index = int(self.tk.call(str(self), "index", f"@{x_pixel}"))
        if index < len(self._text):
            box = self.tk.call(str(self), "bbox", index)
            if box and x_pixel > int(box[0]) + int(box[2]) / 2:
                index += 1
        return index

    # ---- user actions ----------------------------------------------------------------

    def _move_to(self, caret: int, extend: bool, caret_x: int | None = None) -> None:
        self._caret = caret
        if not extend:
            self._anchor = caret
        self._caret_x = caret_x
        self._redraw()

    def _move_visually(self, step: int, extend: bool) -> None:
        """Left/Right move the caret one visible place on screen, whatever the logical
        direction of the text under it (in Persian, Left is logically forward)."""
        layout = self._layout()
        if not extend and self.selection_present():
            start, end = self._selection()
            edges = sorted((layout.caret_to_visual(c), c) for c in (start, end))
            self._move_to(edges[0 if step < 0 else -1][1], False)
            return
        x = self._visual_caret(layout)
        target = x + step
        while 0 <= target <= len(layout):
            stops = [layout.snap(c) for c in layout.caret_candidates(target)]
            drawn_here = [c for c in stops if layout.caret_to_visual(c) == target]
            caret = (drawn_here or stops)[0]
            between = layout.visual[min(x, target) : max(x, target)]
            invisible = all(ch in _ZERO_WIDTH or _is_mark(ch) for ch in between)
            if caret != self._caret or not invisible:
                self._move_to(caret, extend, target)
                return
            target += step
        self._move_to(self._caret, extend, self._caret_x)

    def _insert_typed(self, text: str) -> None:
        start, end = self._selection()
        self._replace(start, end, text)

    def _backspace(self) -> None:
        start, end = self._selection()
        if start == end and start > 0:
            start -= 1
        if start < end:
            self._replace(start, end, "")

    def _delete_forward(self) -> None:
        start, end = self._selection()
        if start == end and end < len(self._text):
            end = self._layout().snap(end + 1)  # a whole drawn cluster: lam-alef, marks
        if start < end:
            self._replace(start, end, "")

    def _copy(self) -> bool:
        text = self.selected_text
        if text:
            self.clipboard_clear()
            self.clipboard_append(text)
        return bool(text)

    def _paste(self) -> None:
        try:
            text = self.clipboard_get()
        except tk.TclError:  # empty clipboard
            return
        self._insert_typed(text)

    def _select_all(self) -> None:
        self._anchor, self._caret, self._caret_x = 0, len(self._text), None
        self._redraw()

    def _select_word(self) -> None:
        start = end = self._caret
        while start > 0 and not self._text[start - 1].isspace():
            start -= 1
        while end < len(self._text) and not self._text[end].isspace():
            end += 1
        self._anchor, self._caret, self._caret_x = start, end, None
        self._redraw()

    # ---- event handlers (bound once per interpreter on _TAG) -------------------------

    def _on_key(self, event: tk.Event) -> str | None:
        if self.instate(["disabled"]):
            return "break"
        keysym, state, editable = event.keysym, int(event.state), self._editable()
        extend = bool(state & _SHIFT)
        if keysym in _LEFT or keysym in _RIGHT:
            self._move_visually(-1 if keysym in _LEFT else 1, extend)
        elif keysym in _HOME or keysym in _END:
            self._move_to(0 if keysym in _HOME else len(self._text), extend)
        elif keysym == "BackSpace":
            if editable:
                self._backspace()
        elif keysym in ("Delete", "KP_Delete"):
            if editable:
                self._delete_forward()
        elif state & _CONTROL:
            action = _CONTROL_KEYS.get(keysym)
            if action == "zwnj" and not extend:
                action = None
            if action is None:
                return None  # application shortcuts (Ctrl+S, …) must still work
            self._on_action(action)
        elif state & _ALT:
            return None
        elif keysym == "space" and extend:
            if editable:
                self._insert_typed(ZWNJ)  # Shift+Space: the Persian half-space
        elif event.char and (event.char >= " " and event.char != "\x7f"):
            if editable:
                self._insert_typed(event.char)
        else:
            return None  # Tab, Return, Escape, F-keys: let the window have them
        return "break"

    def _on_action(self, action: str) -> str:
        if self.instate(["disabled"]):
            return "break"
        editable = self._editable()
        if action == "select_all":
            self._select_all()
        elif action == "copy":
            self._copy()
        elif action == "cut":
            if editable and self._copy():
                self._backspace()
        elif action == "paste":
            if editable:
                self._paste()
        elif action == "zwnj" and editable:
            self._insert_typed(ZWNJ)
        return "break"

    def _on_press(self, event: tk.Event) -> str:
        if self.instate(["disabled"]):
            return "break"
        self.focus_set()
        gap = self._gap_at(event.x)
        caret = self._layout().caret_from_visual(gap)
        self._move_to(caret, bool(int(event.state) & _SHIFT), gap)
        return "break"

    def _on_drag(self, event: tk.Event) -> str:
        if self.instate(["disabled"]):
            return "break"
        gap = self._gap_at(event.x)
        self._move_to(self._layout().caret_from_visual(gap), True, gap)
        return "break"

    def _install_bindings(self) -> None:
        tags = list(self.bindtags())
        tags[tags.index(self.winfo_class())] = _TAG
        self.bindtags(tuple(tags))
        if self.bind_class(_TAG):
            return  # this interpreter already has them
        handlers = {
            "<KeyPress>": lambda w, e: w._on_key(e),
            "<<Copy>>": lambda w, e: w._on_action("copy"),
            "<<Cut>>": lambda w, e: w._on_action("cut"),
            "<<Paste>>": lambda w, e: w._on_action("paste"),
            "<<SelectAll>>": lambda w, e: w._on_action("select_all"),
            "<Button-1>": lambda w, e: w._on_press(e),
            "<B1-Motion>": lambda w, e: w._on_drag(e),
            "<Double-Button-1>": lambda w, e: w._select_word(),
            "<Triple-Button-1>": lambda w, e: w._select_all(),
        }
        for sequence, handler in handlers.items():
            self.bind_class(_TAG, sequence, _dispatch(handler))


def _dispatch(handler: Any) -> Any:
    def on_event(event: tk.Event) -> Any:
        widget = event.widget
        return handler(widget, event) if isinstance(widget, RtlEntry) else None

    return on_event


def _is_mark(ch: str) -> bool:
    return unicodedata.combining(ch) > 0
