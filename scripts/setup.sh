#!/usr/bin/env bash
# Idempotent set-up: Debian build packages, the project's virtual environment,
# and an editable build of rrflow (C++ core, tests, CLI and Python module).
# Quick when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential ccache
  libprotobuf-dev protobuf-compiler libgrpc++-dev protobuf-compiler-grpc
  liblz4-dev libzstd-dev libre2-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxxhash-dev libssl-dev pkg-config
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON=${PYTHON:-python3}
VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi

# Build and test dependencies, pinned in pyproject.toml; re-installed only when it changes.
stamp="$VENV/.deps-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing Python build and test dependencies"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" scripts/list_deps.py | xargs "$VENV/bin/python" -m pip install -q
  touch "$stamp"
fi

# Editable build into build/cp: one CMake tree serves the Python module, the
# C++ tests, the CLI and the benchmarks, so nothing is compiled twice.
echo "setup: building rrflow"
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
"$VENV/bin/python" -m pip install -q --no-build-isolation --no-deps \
  -Cbuild-dir=build/cp -Ccmake.define.RRFLOW_BUILD_TESTS=ON \
  -Ccmake.define.RRFLOW_WERROR="${RRFLOW_WERROR:-ON}" \
  -e .
