#!/usr/bin/env bash
# Creates .venv-latest: the newest rerun-sdk from the package index, used by
# the interop tests to check that files rrflow writes are read by current
# Rerun too (the main .venv pins the 0.33.1 API the project follows).
# Idempotent; pass --upgrade to move to a newer release.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv-latest
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup_latest_rerun: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
if [ "${1:-}" = "--upgrade" ] || ! "$VENV/bin/python" -c "import rerun" 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q --upgrade rerun-sdk
fi
"$VENV/bin/python" -c "import rerun; print('setup_latest_rerun: rerun-sdk', rerun.__version__)"
