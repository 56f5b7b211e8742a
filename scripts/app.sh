#!/usr/bin/env bash
# Set up and open the app: ./scripts/app.sh [--db PATH]
# Creates .venv (if missing), installs the app into it, and starts it. On first run
# (no database yet) the app asks for the center and its administrator and offers demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c "import tkinter" 2>/dev/null; then
  echo "Python's tkinter is missing: sudo apt-get install python3-tk python3-venv" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e .
  touch .venv/.installed
fi
exec .venv/bin/python run.py "$@"
