#!/usr/bin/env bash
# Set up and run the whole test suite: ./scripts/test.sh [pytest args…]
# Creates .venv (if missing), installs the app with its test extra, starts Xvfb when
# there is no display, then runs ruff (lint and format), mypy and pytest. Exit code is pytest's.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

xvfb_pid=""
if [ -z "${DISPLAY:-}" ]; then
  if ! command -v Xvfb >/dev/null; then
    echo "Xvfb is needed for the GUI tests: sudo apt-get install xvfb xdotool" >&2
    exit 2
  fi
  display_number=$((90 + RANDOM % 100))
  Xvfb ":$display_number" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY=":$display_number"
  for _ in $(seq 50); do
    xdpyinfo -display "$DISPLAY" >/dev/null 2>&1 && break
    [ -e "/tmp/.X11-unix/X$display_number" ] && break
    sleep 0.1
  done
fi
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true' EXIT

.venv/bin/ruff check desktop tests bench scripts
.venv/bin/ruff format --check desktop tests bench scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
