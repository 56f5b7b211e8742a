"""Use cases: plain data in, plain data out, `UserError` on bad input.

The GUI, the command line and the tests call these same functions. Every write runs in
one transaction and appends to the change log in it. Roles are enforced here, not only
by hiding buttons. Nothing here imports tkinter.
"""
