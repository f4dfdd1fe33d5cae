#!/usr/bin/env bash
# Creates .venv-pyarrow-newest: the test dependencies with the newest pyarrow
# rrflow supports (the development .venv pins the oldest), and rrflow built
# against it and installed as a wheel, so that its requirement on pyarrow is
# the one users get. Only the Python module is built (no C++ tests, no CLI), in
# its own build dir: Arrow's headers differ, so few compiler-cache hits carry
# over from build/cp. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv-pyarrow-newest
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup_newest_pyarrow: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi

stamp="$VENV/.deps-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "setup_newest_pyarrow: installing Python build and test dependencies"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" scripts/list_deps.py --newest-pyarrow | xargs "$VENV/bin/python" -m pip install -q --upgrade
  touch "$stamp"
fi

echo "setup_newest_pyarrow: building rrflow against pyarrow $("$VENV/bin/python" -c 'import pyarrow; print(pyarrow.__version__)')"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
"$VENV/bin/python" -m pip install -q --no-build-isolation --no-deps \
  -Cbuild-dir=build/cp-pyarrow-newest -Ccmake.define.RRFLOW_BUILD_CLI=OFF \
  -Ccmake.define.RRFLOW_WERROR="${RRFLOW_WERROR:-ON}" .
