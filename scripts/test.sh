#!/usr/bin/env bash
# Every test: the layer check of the C++ folders (tools/layer_graph.py), set-up
# and build (scripts/setup.sh), the C++ suite (ctest) in the release build, the
# installed C++ package used by a separate project (scripts/install_test.sh),
# the C++ suite under AddressSanitizer + UndefinedBehaviorSanitizer, the
# threaded tests of the engine, the MCAP reader and verify under
# ThreadSanitizer, 25 s of fuzzing of each decoder and parser, then the
# Python suite (pytest) with
# the development pyarrow (the oldest supported), then again against the newest
# pyarrow (scripts/setup_newest_pyarrow.sh, built meanwhile), whose summary
# line ends the output.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Layer check (tools/layer_graph.py)"
"${PYTHON:-python3}" tools/layer_graph.py

scripts/setup.sh

echo "== C++ tests (ctest)"
ctest --test-dir build/cp --output-on-failure -j "$(nproc)"

echo "== Install test"
scripts/install_test.sh

echo "== C++ tests under ASan/UBSan (ctest)"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DPython_EXECUTABLE="$PWD/.venv/bin/python" \
  -DRRFLOW_BUILD_TESTS=ON -DRRFLOW_WERROR=ON -DRRFLOW_SANITIZE=address,undefined >/dev/null
cmake --build build/asan --target rrflow_tests -j "$(nproc)"
# Arrow's mimalloc pool is invisible to the sanitizers: with it, ASan cannot
# see overruns or reuse of pool memory, and TSan takes the reuse of a freed
# buffer by another thread for a race. The system allocator they intercept.
export ARROW_DEFAULT_MEMORY_POOL=system
UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$(nproc)"

echo "== Stream engine, MCAP reader and verify tests under ThreadSanitizer"
cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DPython_EXECUTABLE="$PWD/.venv/bin/python" \
  -DRRFLOW_BUILD_TESTS=ON -DRRFLOW_WERROR=ON -DRRFLOW_SANITIZE=thread >/dev/null
cmake --build build/tsan --target rrflow_tests -j "$(nproc)"
TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/cpp/rrflow_tests --gtest_brief=1 \
  --gtest_filter='VerifyRrdFile*:LazyChunkStream*:ChunkStore*:StreamSeam*:BoundedQueue*:OrderedTasks*:LazyStoreHints*:TimeOrderedMerge*:McapChunkReader*:McapReader*'

echo "== Fuzzing: RRD decoder (plain and structure-aware), MCAP container, protobuf decoding, selector and content-filter parsers, ROS 2 CDR (libFuzzer, ASan/UBSan, 25 s each)"
scripts/fuzz.sh 25

unset ARROW_DEFAULT_MEMORY_POOL  # the Python suite runs as users do

# The module built against the newest pyarrow, while the suite below runs:
# it leaves a core idle most of the time.
mkdir -p build
scripts/setup_newest_pyarrow.sh >build/setup_newest_pyarrow.log 2>&1 &
newest_pyarrow_setup=$!
trap 'kill "$newest_pyarrow_setup" 2>/dev/null || true' EXIT

echo "== Python tests (pytest)"
scripts/setup_latest_rerun.sh || echo "newest rerun-sdk unavailable: its interop tests are skipped"
.venv/bin/python -m pytest -q -p no:cacheprovider tests/python

echo "== Python tests against the newest pyarrow (pytest)"
if ! wait "$newest_pyarrow_setup"; then
  cat build/setup_newest_pyarrow.log
  exit 1
fi
trap - EXIT
grep '^setup_newest_pyarrow' build/setup_newest_pyarrow.log
.venv-pyarrow-newest/bin/python -m pytest -q -p no:cacheprovider -n 2 tests/python
