"""What several test modules share (a test module never imports another one).

- people.py: users logged in by role, applicants registered as the form would.
- courses.py: courses in the states tests need (running, finished, weekly, …).
- cli.py: the command line run in-process or without privileges, another program
  holding the write lock, CSV lines and Excel sheets to import.
- gui.py and keymap.py: GUI helpers (contexts, filling forms, keys, a Persian keymap);
  their fixtures are in tests/gui/conftest.py.
- boot_app.py: the real app booted in a process of its own (tests/gui/test_boot.py).
"""
