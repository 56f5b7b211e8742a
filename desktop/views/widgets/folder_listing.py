"""What the app's own file dialog lists and how it reads a typed name (no Tk here).

Kept apart from the dialog so the rules are tested without a display: which entries a
folder shows for a file type (folders first, then files, each in Persian alphabetical
order; hidden ones left out), what a typed name means (a folder to go into, a file to
open, a new file to save — with the type's extension added when it has none — or one
that exists and must be confirmed), and which places the dialog offers.
File names are the person's own: they stay exactly as typed or as found on disk.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.strings.file_dialog_views import FileDialogText as Text
from desktop.text.collation import persian_sort_key
from desktop.text.digits import PERSIAN_DECIMAL_SEPARATOR, group_thousands, persian_digits
from desktop.text.display import ltr_in_rtl

Mode = Literal["open", "save"]
# tkinter's filetypes: (label, "*.csv"), (label, "*.png *.jpg") or (label, ("*.x", "*.X")).
FileTypes = Sequence[tuple[str, str | Sequence[str]]]


@dataclass(frozen=True)
class FileType:
    label: str
    patterns: tuple[str, ...]

    def matches(self, name: str) -> bool:
        """Case-insensitive, as people name files «فهرست.XLSX» as often as «.xlsx»."""
        folded = name.casefold()
        return any(fnmatch.fnmatchcase(folded, pattern.casefold()) for pattern in self.patterns)

    @property
    def extension(self) -> str:
        """The one extension a saved file of this type gets («.csv»), or ""."""
        match = re.fullmatch(r"\*(\.[^*?\[\]]+)", self.patterns[0]) if self.patterns else None
        return match.group(1).lower() if match else ""


def file_types(filetypes: FileTypes, all_label: str = Text.FILETYPE_ALL) -> list[FileType]:
    """tkinter-style filetypes → FileTypes; none given means every file."""
    types = []
    for label, patterns in filetypes:
        split = patterns.split() if isinstance(patterns, str) else list(patterns)
        types.append(FileType(label, tuple(split) or ("*",)))
    return types or [FileType(all_label, ("*",))]


@dataclass(frozen=True)
class FolderEntry:
    name: str
    is_dir: bool
    size: int
    modified: dt.datetime

    @property
    def kind(self) -> str:
        if self.is_dir:
            return Text.FOLDER
        suffix = Path(self.name).suffix.lstrip(".")
        return suffix.upper() if suffix else Text.FILE


def list_folder(
    folder: Path, file_type: FileType, *, show_hidden: bool = False
) -> list[FolderEntry]:
    """The folders and the files of `file_type` in `folder`: folders first, each group in
    Persian alphabetical order. OSError when the folder cannot be read; an entry that
    vanishes while being read is left out."""
    entries = []
    with os.scandir(folder) as scan:
        for item in scan:
            if not show_hidden and item.name.startswith("."):
                continue
            try:
                is_dir = item.is_dir()
                stat = item.stat()
            except OSError:
                continue
            if not is_dir and not file_type.matches(item.name):
                continue
            modified = dt.datetime.fromtimestamp(stat.st_mtime)
            entries.append(FolderEntry(item.name, is_dir, 0 if is_dir else stat.st_size, modified))
    return sorted(entries, key=lambda entry: (not entry.is_dir, persian_sort_key(entry.name)))


def format_size(size: int) -> str:
    """A file's size as a person reads it: «۸۵۰ بایت», «۱۲ کیلوبایت», «۳٫۴ مگابایت»."""
    if size < 1024:
        return Text.BYTES.format(size=group_thousands(size))
    if size < 1024**2:
        return Text.KILOBYTES.format(size=group_thousands(-(-size // 1024)))
    if size < 1024**3:
        return Text.MEGABYTES.format(size=_one_decimal(size / 1024**2))
    return Text.GIGABYTES.format(size=_one_decimal(size / 1024**3))


def _one_decimal(value: float) -> str:
    whole, tenth = divmod(round(value * 10), 10)
    text = group_thousands(whole)
    return f"{text}{PERSIAN_DECIMAL_SEPARATOR}{persian_digits(tenth)}" if tenth else text


class ChoiceError(ValueError):
    """A typed name the dialog cannot take; `message` says why, in Persian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Choice:
    """What a typed name means: go into a folder, take the file, or ask to replace it."""

    path: Path
    action: Literal["enter", "accept", "replace"]


def interpret(
    mode: Mode,
    folder: Path,
    typed: str,
    file_type: FileType,
    default_extension: str = "",
) -> Choice:
    """Read `typed` (a name in `folder`, a relative or absolute path, «~/…») the way
    the dialog acts on it; ChoiceError with a Persian message when it cannot."""
    name = typed.strip()
    if not name:
        raise ChoiceError(Text.NAME_REQUIRED)
    if "\0" in name:
        raise ChoiceError(Text.NAME_INVALID)
    path = Path(os.path.normpath(folder / os.path.expanduser(name)))
    if path.is_dir():
        return Choice(path, "enter")
    if mode == "open":
        if path.is_file():
            return Choice(path, "accept")
        raise ChoiceError(Text.NOT_FOUND.format(name=ltr_in_rtl(path.name)))
    if name.endswith(("/", os.sep)):
        raise ChoiceError(Text.FOLDER_MISSING.format(name=ltr_in_rtl(path.name)))
    extension = file_type.extension or _dotted(default_extension)
    if extension and not path.suffix:
        path = path.with_name(path.name + extension)
    if not path.parent.is_dir():
        raise ChoiceError(Text.FOLDER_MISSING.format(name=ltr_in_rtl(path.parent.name)))
    if path.is_dir():
        raise ChoiceError(Text.FOLDER_EXISTS.format(name=ltr_in_rtl(path.name)))
    if not os.access(path.parent, os.W_OK):
        raise ChoiceError(
            Text.CANNOT_WRITE.format(name=ltr_in_rtl(path.parent.name or path.parent))
        )
    return Choice(path, "replace" if path.exists() else "accept")


def with_extension(name: str, old: FileType, new: FileType) -> str:
    """A typed name moved to another file type: «گزارش.xlsx» → «گزارش.csv»."""
    if old.extension and new.extension and name.lower().endswith(old.extension):
        return name[: -len(old.extension)] + new.extension
    return name


def _dotted(extension: str) -> str:
    return f".{extension.lstrip('.')}" if extension else ""


def user_folder(key: str, fallback: Path, home: Path | None = None) -> Path:
    """A folder from the desktop's user-dirs.dirs («DESKTOP», «DOCUMENTS»), which names
    them in the user's language; `fallback` when it does not say."""
    home = home or Path.home()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config") / "user-dirs.dirs"
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return fallback
    for line in lines:
        match = re.fullmatch(rf'\s*XDG_{key}_DIR="(.*)"\s*', line)
        if match:
            value = match.group(1).replace("$HOME", str(home))
            return Path(value) if value and Path(value) != home else fallback
    return fallback


def places(data_folder: Path | None = None, home: Path | None = None) -> list[tuple[str, Path]]:
    """The places beside the list: home, desktop, documents, the app's data folder and
    the whole disk — those that exist, each once."""
    home = home or Path.home()
    candidates = [
        (Text.HOME, home),
        (Text.DESKTOP, user_folder("DESKTOP", home / "Desktop", home)),
        (Text.DOCUMENTS, user_folder("DOCUMENTS", home / "Documents", home)),
        (Text.DATA, data_folder),
        (Text.ROOT, Path(os.path.abspath(os.sep))),
    ]
    found: list[tuple[str, Path]] = []
    for label, path in candidates:
        if path is not None and path.is_dir() and all(path != seen for _, seen in found):
            found.append((label, path))
    return found
