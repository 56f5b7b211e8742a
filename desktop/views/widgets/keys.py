"""Page-wide keys without `bind_all`: bound on each focusable widget of a page.

A page (the applicant form, a file page, the search list) wants keys such as Ctrl+S,
Ctrl+N or Escape to work from any of its fields. Binding them on the toplevel or with
`bind_all` would outlive the page and reach other views that share the window; bound
on the page's own widgets they go when the page is destroyed.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Iterator, Sequence

import ttkbootstrap as ttk

# The widgets that can take the keyboard focus, so the only ones that ever see a key.
FOCUSABLE = (ttk.Entry, ttk.Button, ttk.Checkbutton, ttk.Radiobutton, ttk.Treeview, ttk.Notebook)


def then_break(action: Callable[[], object]) -> Callable[[tk.Event[tk.Misc]], str]:
    """An event handler that runs `action` and stops the event there ("break"), so
    the class bindings (a new line, a Tab) do not run after it."""

    def handler(_event: tk.Event[tk.Misc]) -> str:
        action()
        return "break"

    return handler


def descendants(widget: tk.Misc) -> Iterator[tk.Misc]:
    """Every widget under `widget`, depth first (not `widget` itself)."""
    for child in widget.winfo_children():
        yield child
        yield from descendants(child)


def bind_keys(
    widget: tk.Misc,
    sequences: Sequence[str],
    handler: Callable[[], object],
    *,
    where: Callable[[tk.Misc], bool] = lambda _w: True,
    done: set[str] | None = None,
) -> None:
    """Bind `sequences` on `widget` and every descendant for which `where` holds.

    Page-wide keys are bound on each focusable widget (not on the toplevel, which
    other views share, nor with bind_all): they go when the page is destroyed. `done` remembers
    the widgets already bound, so the walk can be repeated when widgets are added.
    Widget bindings run before class bindings, so keys such as Ctrl+N reach the page
    even from an RtlEntry.
    """

    def run(_event: tk.Event) -> str:
        handler()
        return "break"

    for target in (widget, *descendants(widget)):
        if done is not None and str(target) in done:
            continue
        if done is not None:
            done.add(str(target))
        # Only widgets that take focus ever see a key, and Tk's Tab traversal stops at
        # any widget with a key binding: a bound label would become a Tab stop.
        if isinstance(target, FOCUSABLE) and where(target):
            for sequence in sequences:
                target.bind(sequence, run, add="+")
