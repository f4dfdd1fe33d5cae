#!/usr/bin/env bash
# Builds the fuzz targets with clang 19, libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs each on a working copy of its seed
# corpus:
#   rrd_decoder_fuzz     fuzz/rrd_decoder_fuzz.cc, corpus fuzz/corpus/rrd (tiny
#                        files written by rerun-sdk 0.33.1 with and without
#                        footer, and by 0.23.4)
#   mcap_container_fuzz  fuzz/mcap_container_fuzz.cc, corpus fuzz/corpus/mcap
#                        (the Python `mcap` writer's samples of tests/data/mcap)
#   protobuf_decoding_fuzz  fuzz/protobuf_decoding_fuzz.cc, corpus
#                        fuzz/corpus/protobuf (payloads of its fixed schemas)
#   rrd_structure_fuzz   the RRD decoders with fuzz/rrd_structure_mutator.cc,
#                        which keeps framing valid; corpus fuzz/corpus/rrd
#   selector_fuzz        fuzz/selector_fuzz.cc, corpus fuzz/corpus/selector,
#                        dictionary fuzz/selector.dict
#   content_filter_fuzz  fuzz/content_filter_fuzz.cc, corpus
#                        fuzz/corpus/content_filter
#   ros2_cdr_fuzz        fuzz/ros2_cdr_fuzz.cc, corpus fuzz/corpus/ros2_cdr
#                        (CDR payloads of its fixed .msg schemas)
# fuzz/README.md says what each checks, what a run reaches and what was found.
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS per target (default 25); TARGETs default to all of them.
# The fixed seed makes a run on the seed corpus repeatable, so CI's verdict
# does not depend on luck; run longer by hand to explore further.
# Crashing inputs are written to build/fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-25}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rrd_decoder_fuzz rrd_structure_fuzz mcap_container_fuzz protobuf_decoding_fuzz
  selector_fuzz content_filter_fuzz ros2_cdr_fuzz)

# Debian's default clang (14) cannot compile the project's C++20 (lambdas
# capturing structured bindings); bookworm also ships clang 19.
CLANG=clang++-19
if ! command -v "$CLANG" >/dev/null || [ ! -d /usr/lib/llvm-19/lib/clang/19/lib/linux ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang-19 libclang-rt-19-dev >/dev/null
fi
[ -x .venv/bin/python ] || scripts/setup.sh

cmake -S . -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER="$CLANG" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPython_EXECUTABLE="$PWD/.venv/bin/python" -DRRFLOW_BUILD_FUZZERS=ON \
  -DRRFLOW_SANITIZE=address,undefined >/dev/null
cmake --build build/fuzz --target "${targets[@]}" -j "${CMAKE_BUILD_PARALLEL_LEVEL:-2}"

for target in "${targets[@]}"; do
  options=()
  case "$target" in
    rrd_decoder_fuzz | rrd_structure_fuzz) seeds=fuzz/corpus/rrd ;;
    mcap_container_fuzz) seeds=fuzz/corpus/mcap ;;
    protobuf_decoding_fuzz) seeds=fuzz/corpus/protobuf ;;
    selector_fuzz) seeds=fuzz/corpus/selector; options+=(-dict=fuzz/selector.dict) ;;
    content_filter_fuzz) seeds=fuzz/corpus/content_filter ;;
    ros2_cdr_fuzz) seeds=fuzz/corpus/ros2_cdr ;;
    *) echo "fuzz.sh: unknown target $target" >&2; exit 2 ;;
  esac
  # Each target its own working corpus: the two RRD targets share seeds, not findings.
  corpus=build/fuzz/corpus/$target
  artifacts=build/fuzz/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  cp -n "$seeds"/* "$corpus"/
  echo "fuzz.sh: $target for ${seconds}s"
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    build/fuzz/fuzz/"$target" -seed=1 -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
    -timeout=10 -artifact_prefix="$artifacts" "${options[@]}" "$corpus"
done
