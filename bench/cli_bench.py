"""`rrflow` subcommands against the `rerun rrd` ones on the same recording.

Each pair runs as separate child processes, in the same run, alternating so
that both see the same page cache; the median wall time of `--repeat` runs,
and the peak RSS of the child (from wait4), are printed with the ratio.

Run: .venv/bin/python bench/cli_bench.py --path bench/out/bench_large.rrd [--repeat 3]
(make the recording with bench/make_recording.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of `command`; stdout and stderr discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def cases(path: Path, out: Path, rrflow: str, rerun: str) -> dict[str, tuple[list[str], list[str]]]:
    """Name -> (rrflow command, rerun command) doing the same work."""
    return {
        "filter (drop one entity)": (
            [rrflow, "filter", str(path), "-o", str(out / "a.rrd"), "--content", "/** -/lidar/points"],
            [rerun, "rrd", "filter", str(path), "-o", str(out / "b.rrd"), "--drop-entity", "/lidar/points"],
        ),
        "merge (two recordings)": (
            [rrflow, "merge", str(path), str(out / "second.rrd"), "-o", str(out / "a.rrd")],
            [rerun, "rrd", "merge", str(path), str(out / "second.rrd"), "-o", str(out / "b.rrd")],
        ),
        "route (new recording id)": (
            [rrflow, "route", str(path), "-o", str(out / "a.rrd"), "--recording-id", "routed"],
            [rerun, "rrd", "route", str(path), "-o", str(out / "b.rrd"), "--recording-id", "routed"],
        ),
        "split (at frame 512)": (
            [rrflow, "split", str(path), "-o", str(out / "a"), "--by", "time=frame:512"],
            [rerun, "rrd", "split", "--output-dir", str(out / "b"), "--timeline", "frame", "--time", "512", str(path)],
        ),
        "compare (file with itself)": (
            [rrflow, "compare", str(path), str(path)],
            [rerun, "rrd", "compare", str(path), str(path)],
        ),
        "verify": ([rrflow, "verify", str(path)], [rerun, "rrd", "verify", str(path)]),
        "stats": ([rrflow, "stats", str(path)], [rerun, "rrd", "stats", str(path)]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    rrflow = str(bin_dir / "rrflow") if (bin_dir / "rrflow").exists() else shutil.which("rrflow")
    rerun = str(bin_dir / "rerun")
    if rrflow is None or not Path(rerun).exists():
        raise SystemExit("needs the rrflow command and rerun-sdk's rerun in the environment")
    size_mb = args.path.stat().st_size / 1e6
    print(f"input: {args.path} ({size_mb:.0f} MB), {args.repeat} runs each, median\n")
    print("| command | rrflow s | rerun s | speed-up | rrflow MiB | rerun MiB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(dir=args.path.parent) as scratch:
        out = Path(scratch)
        # A second recording for merge: the same data under another id.
        subprocess.run([rrflow, "route", str(args.path), "-o", str(out / "second.rrd"), "--recording-id", "second"],
                       check=True)
        (out / "b").mkdir()  # rerun rrd split does not make its output directory
        for name, (ours, theirs) in cases(args.path, out, rrflow, rerun).items():
            if args.only and args.only not in name:
                continue
            ours_runs, theirs_runs = [], []
            for _ in range(args.repeat):
                ours_runs.append(measure(ours))
                theirs_runs.append(measure(theirs))
            ours_s = statistics.median(s for s, _ in ours_runs)
            theirs_s = statistics.median(s for s, _ in theirs_runs)
            ours_mib = max(m for _, m in ours_runs)
            theirs_mib = max(m for _, m in theirs_runs)
            print(f"| {name} | {ours_s:.2f} | {theirs_s:.2f} | {theirs_s / ours_s:.1f}x | {ours_mib:.0f} | {theirs_mib:.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
