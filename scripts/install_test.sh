#!/usr/bin/env bash
# Installs the C++ package (component rrflow_dev) into build/install and builds
# and runs tests/install, a separate project that finds it with
# find_package(rrflow) and filters an .rrd through it. Reuses the build tree
# of scripts/setup.sh (build/cp) when there is one; otherwise configures a
# plain C++ build in build/plain. Needs the .venv of scripts/setup.sh (its
# pyarrow provides Arrow C++).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { echo "install_test: $*"; }
# run WHAT COMMAND...: runs COMMAND quietly; on failure shows its output and stops.
run() {
  local what=$1 log
  shift
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "install_test: FAILED: $what" >&2
    exit 1
  fi
  rm -f "$log"
}

if [ ! -x .venv/bin/python ]; then
  echo "install_test: FAILED: no .venv, run scripts/setup.sh first" >&2
  exit 1
fi
JOBS=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}
PREFIX="$PWD/build/install"
APP_BUILD=build/install_test
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

if [ -f build/cp/CMakeCache.txt ]; then
  LIB_BUILD=build/cp
else
  LIB_BUILD=build/plain
  step "configuring a C++ build in $LIB_BUILD"
  run "configure $LIB_BUILD" cmake -S . -B "$LIB_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPython_EXECUTABLE="$PWD/.venv/bin/python" -DRRFLOW_WERROR=ON
fi

step "building the library in $LIB_BUILD"
run "build rrflow_core" cmake --build "$LIB_BUILD" --target rrflow_core rrflow_rrd_proto -j "$JOBS"

step "installing component rrflow_dev into $PREFIX"
rm -rf "$PREFIX"
run "cmake --install" cmake --install "$LIB_BUILD" --component rrflow_dev --prefix "$PREFIX"

step "building tests/install against $PREFIX"
rm -rf "$APP_BUILD"
run "configure tests/install" cmake -S tests/install -B "$APP_BUILD" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$PREFIX" "${launcher[@]}"
run "build tests/install" cmake --build "$APP_BUILD" -j "$JOBS"

step "running the app"
if ! "$APP_BUILD/app" tests/data/rerun_0_33_1_recording.rrd "$APP_BUILD/filtered.rrd"; then
  echo "install_test: FAILED: the app" >&2
  exit 1
fi
step "passed"
