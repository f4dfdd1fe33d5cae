#!/usr/bin/env bash
# The main job on a generated sample: set-up and build, then build a small
# robot recording as chunks, take it through pyarrow and back, convert a
# Parquet table and an MCAP file (with `rrflow mcap convert`), and write each
# chunk's table and the summaries under build/sample/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python examples/sample_pipeline.py --out build/sample
