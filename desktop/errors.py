"""The one error type a person sees.

Services raise `UserError` for anything the user can fix (bad input, not allowed,
duplicate…). Its message is Persian and complete; `field` names the form field it
belongs to (views put the message next to that field), `code` is a stable machine code
for the CLI and tests. Every other exception is a bug: logged with its traceback, shown
as a generic "unexpected error" dialog.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(UserError):
    """Several field errors at once: {field: Persian message}. Nothing was written."""

    def __init__(self, errors: dict[str, str]):
        first_field, first_message = next(iter(errors.items()))
        super().__init__(first_message, code="validation", field=first_field)
        self.errors = dict(errors)


class PermissionDenied(UserError):
    def __init__(self, message: str = "شما اجازهٔ این کار را ندارید."):
        super().__init__(message, code="forbidden")
