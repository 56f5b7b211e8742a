#!/usr/bin/env bash
# Set up and run the whole test suite: ./scripts/test.sh [pytest args…]
# Creates .venv (if missing), installs the app with its test and postgres extras, starts
# Xvfb when there is no display, then runs ruff (lint and format), mypy and pytest on SQLite; then the
# service tests (not `gui`) again on PostgreSQL: at $TAVANA_TEST_POSTGRES if set, else
# on a private cluster started here (initdb + pg_ctl in a temporary folder, a free port,
# stopped on exit) when PostgreSQL's binaries are installed. Exit code is non-zero if
# either run fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,postgres]'

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
pg_dir=""
pg_ctl=""
as_postgres=()
cleanup() {
  if [ -n "$pg_dir" ]; then
    "${as_postgres[@]}" "$pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

# PostgreSQL's binaries: on PATH, or where Debian's packages put them.
postgres_bin() {
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local found=""
  for folder in /usr/lib/postgresql/*/bin; do
    if [ -x "$folder/pg_ctl" ] && [ -x "$folder/initdb" ]; then found="$folder"; fi
  done
  [ -n "$found" ] && echo "$found"
}

# A throw-away cluster only the tests use: trust on 127.0.0.1, no fsync (nothing to keep).
start_postgres() {
  local bin=$1 port
  port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_dir=$(mktemp -d /tmp/tavana-test-pg.XXXXXX)
  pg_ctl="$bin/pg_ctl"
  if [ "$(id -u)" -eq 0 ]; then  # the server refuses to run as root
    chown postgres "$pg_dir"
    as_postgres=(runuser -u postgres --)
  fi
  (cd / && "${as_postgres[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
    -E UTF8 --no-sync >"$pg_dir/initdb.log" 2>&1) || { cat "$pg_dir/initdb.log" >&2; return 1; }
  (cd / && "${as_postgres[@]}" "$pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/server.log" -o \
    "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -F -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null) || { cat "$pg_dir/server.log" >&2; return 1; }
  export TAVANA_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
}

.venv/bin/ruff check desktop tests bench scripts
.venv/bin/ruff format --check desktop tests bench scripts
.venv/bin/mypy

status=0
.venv/bin/python -m pytest "$@" || status=$?

if [ -z "${TAVANA_TEST_POSTGRES:-}" ]; then
  if bin=$(postgres_bin); then
    start_postgres "$bin" || { echo "PostgreSQL: the test cluster did not start" >&2; exit 1; }
  else
    echo "PostgreSQL is not installed (no initdb/pg_ctl): the service tests ran on SQLite only" >&2
    exit "$status"
  fi
fi
echo "The service tests again, on PostgreSQL:"
.venv/bin/python -m pytest --backend=postgres -m "not gui" "$@" || status=$?
exit "$status"
