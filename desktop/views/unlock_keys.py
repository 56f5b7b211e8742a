"""The key file's passphrase: asked of an administrator, set by one; the keys section.

Where the private keys live in a key file protected by a passphrase
(services/key_protection.py), each run of the app must be given it once before it can
sign. The shell opens `UnlockKeysDialog` right after an administrator logs in while the
keys are locked (`needs_unlock`); «Later» leaves them locked — everything but signing
works, and signing says why it cannot, which tells anyone else to ask an administrator.
The settings page shows where the keys are (`KeysSection`), with a button to protect an
unprotected file and one to unlock a locked one.

Deriving the key from a passphrase takes a moment on purpose (argon2id: 0.12 s on a
2-core machine, 0.5 s while it is busy). Like a login's password check it runs on the Tk
thread, under a busy cursor, once per run.
As idlelib's query dialogs do, `wait=False` skips `wait_window()` so tests drive the
dialog without hanging.
"""

from __future__ import annotations

import tkinter as tk
from collections.abc import Callable, Sequence

import ttkbootstrap as ttk

from desktop.context import AppContext
from desktop.errors import UserError
from desktop.services.key_protection import (
    IN_FILE,
    IN_KEYRING,
    IN_MEMORY,
    IN_PROTECTED_FILE,
    MIN_PASSPHRASE_LENGTH,
    KeysStatus,
    keys_status,
    needs_unlock,
    protect_keys,
    unlock_keys,
)
from desktop.strings.keys import KeyMessages
from desktop.strings.keys_views import KeysSectionText, ProtectText, UnlockText
from desktop.text.digits import format_number
from desktop.text.display import ltr_in_rtl
from desktop.views.widgets.button_row import pack_buttons
from desktop.views.widgets.form import Form, PasswordEntry
from desktop.views.widgets.message_line import MessageLine
from desktop.views.widgets.rtl import RButton, RLabel
from desktop.views.widgets.windows import center_on, set_title

WRAP = 420  # pixels: the explanation's width, the dialog's


class PassphraseDialog(ttk.Toplevel):
    """A small modal window: what is asked and why, passphrase fields, two buttons.
    Subclasses say what the passphrase is for (`act`); a refusal stands under its field."""

    title_text = ""
    explanation = ""
    submit_text = ""
    cancel_text = ""

    def __init__(
        self,
        parent: tk.Misc,
        context: AppContext,
        *,
        on_done: Callable[[], None] = lambda: None,
        wait: bool = True,
    ):
        super().__init__(
            master=parent.winfo_toplevel(),
            transient=parent.winfo_toplevel(),
            resizable=(False, False),
        )
        set_title(self, self.title_text)
        self.context = context
        self.on_done = on_done
        self.done = False
        body = ttk.Frame(self, padding=20)
        body.pack(fill="both", expand=True)
        RLabel(body, text=self.title_text, font="-size 12 -weight bold").pack(fill="x")
        RLabel(body, text=self.explanation, wraplength=WRAP).pack(fill="x", pady=(8, 4))
        self.form = Form(body, on_submit=self.submit, on_cancel=self.cancel, label_width=12)
        self.form.pack(fill="x")
        for name, label, hint in self.fields():
            self.form.add(name, label, lambda p: PasswordEntry(p, width=32), hint=hint)
        row = ttk.Frame(body)
        row.pack(fill="x", pady=(14, 0))
        self.submit_button = RButton(
            row, text=self.submit_text, bootstyle="primary", command=self.submit
        )
        self.cancel_button = RButton(
            row, text=self.cancel_text, bootstyle="secondary", command=self.cancel
        )
        pack_buttons([self.submit_button, self.cancel_button])
        self.bind("<Escape>", lambda _e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        center_on(self, parent)
        self.entry(next(iter(self.form.fields))).focus_set()
        if wait:
            self.grab_set()
            self.wait_window()

    def fields(self) -> Sequence[tuple[str, str, str]]:
        """(name, label, hint) of each passphrase field, top to bottom."""
        raise NotImplementedError

    def act(self) -> None:
        """Give the typed passphrase to its service; a UserError is shown by its field."""
        raise NotImplementedError

    def entry(self, name: str) -> PasswordEntry:
        return self.form.fields[name]  # type: ignore[return-value]

    def submit(self) -> None:
        self.form.clear_errors()
        self.configure(cursor="watch")  # the derivation takes a moment, on purpose
        self.update_idletasks()
        try:
            self.act()
        except UserError as error:
            for name in self.form.fields:
                self.entry(name).delete(0, "end")
            first = next(iter(self.form.fields))
            field = error.field if error.field in self.form.fields else first
            self.form.show_errors({field or first: error.message})
            return
        finally:
            if self.winfo_exists():
                self.configure(cursor="")
        self.done = True
        self.destroy()
        self.on_done()

    def cancel(self) -> None:
        self.destroy()


class UnlockKeysDialog(PassphraseDialog):
    """Asks an administrator for the passphrase of the locked key file."""

    title_text = UnlockText.TITLE
    explanation = UnlockText.EXPLAIN
    submit_text = UnlockText.UNLOCK
    cancel_text = UnlockText.LATER

    def fields(self) -> Sequence[tuple[str, str, str]]:
        return [("passphrase", UnlockText.PASSPHRASE, "")]

    def act(self) -> None:
        assert self.context.session is not None
        unlock_keys(self.context.session, self.entry("passphrase").get())


class ProtectKeysDialog(PassphraseDialog):
    """Asks an administrator for a new passphrase (twice) to seal the key file with."""

    title_text = ProtectText.TITLE
    explanation = ProtectText.EXPLAIN
    submit_text = ProtectText.PROTECT
    cancel_text = ProtectText.CANCEL

    def fields(self) -> Sequence[tuple[str, str, str]]:
        hint = ProtectText.PASSPHRASE_HINT.format(minimum=format_number(MIN_PASSPHRASE_LENGTH))
        return [
            ("passphrase", ProtectText.PASSPHRASE, hint),
            ("passphrase_confirm", ProtectText.CONFIRM, ""),
        ]

    def act(self) -> None:
        assert self.context.session is not None
        protect_keys(
            self.context.session,
            self.entry("passphrase").get(),
            self.entry("passphrase_confirm").get(),
        )


def describe(status: KeysStatus) -> str:
    """Where the keys are, in a sentence or two for the settings page."""
    if status.where == IN_MEMORY:
        return KeysSectionText.IN_MEMORY
    if status.where == IN_KEYRING:
        return KeysSectionText.IN_KEYRING
    path = ltr_in_rtl(status.key_file)  # a path in a Persian sentence, kept whole
    if status.where == IN_FILE:
        return KeysSectionText.IN_FILE.format(path=path)
    if status.where == IN_PROTECTED_FILE:
        text = KeysSectionText.IN_PROTECTED_FILE.format(path=path)
        state = KeysSectionText.LOCKED if status.locked else KeysSectionText.UNLOCKED
        return f"{text}\n{state}"
    return KeysSectionText.NOWHERE.format(path=path)


class KeysSection(ttk.Frame):
    """The settings page's part on the private keys: where they are, and a button to
    protect them (an unprotected file) or unlock them (a locked one)."""

    def __init__(self, master: tk.Misc, context: AppContext):
        super().__init__(master)
        self.context = context
        RLabel(self, text=KeysSectionText.TITLE, font="-size 13 -weight bold").pack(fill="x")
        self.where = RLabel(self, text="", wraplength=640)
        self.where.pack(fill="x", pady=(6, 0))
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(8, 0))
        self.protect_button = RButton(
            row, text=KeysSectionText.PROTECT, bootstyle="secondary", command=self.protect
        )
        self.unlock_button = RButton(
            row, text=KeysSectionText.UNLOCK, bootstyle="primary", command=self.unlock
        )
        self.done = MessageLine(self, bootstyle="success", scope=self)
        self.done.pack(fill="x", pady=(8, 0))
        self.dialog: PassphraseDialog | None = None  # the last one opened (tests answer it)
        self.refresh()

    def refresh(self) -> None:
        status = keys_status()
        problem = status.problem
        self.where.set_text(describe(status) if not problem else _problem_text(status))
        self.where.configure(bootstyle="danger" if problem else "default")
        self.protect_button.pack_forget()
        self.unlock_button.pack_forget()
        shown = [self.protect_button] if status.protectable else []
        shown += [self.unlock_button] if status.locked and not problem else []
        pack_buttons(shown)

    def protect(self) -> None:
        self.dialog = ProtectKeysDialog(
            self,
            self.context,
            on_done=lambda: self._done(ProtectText.PROTECTED),
            wait=self.context.modal_dialogs,
        )

    def unlock(self) -> None:
        self.dialog = UnlockKeysDialog(
            self,
            self.context,
            on_done=lambda: self._done(UnlockText.UNLOCKED),
            wait=self.context.modal_dialogs,
        )

    def _done(self, message: str) -> None:
        if self.winfo_exists():
            self.refresh()
            self.done.set_text(message)


def _problem_text(status: KeysStatus) -> str:
    return KeyMessages.DAMAGED[status.problem].format(where=ltr_in_rtl(status.key_file))


def offer_unlock(parent: tk.Misc, context: AppContext, error: BaseException) -> None:
    """After a refusal for locked keys (a sync file, a certificate…): an administrator is
    asked for the passphrase there and then — the work is tried again by them; anyone
    else has read the message that says to ask an administrator."""
    session = context.session
    locked = isinstance(error, UserError) and error.code == "keys_locked"
    if locked and session is not None and needs_unlock(session):
        UnlockKeysDialog(parent, context)
