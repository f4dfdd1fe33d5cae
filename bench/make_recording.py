"""Writes a large benchmark recording with the real rerun-sdk (test dependency).

Content: camera images (part noise, part gradient, so LZ4 finds some but not
all redundancy) and a lidar point cloud per frame (logged with `rr.log`, so
they also carry log_time/log_tick), scalar series sent as columns, and static
data.

Run: .venv/bin/python bench/make_recording.py OUT.rrd [--megabytes 600]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import rerun as rr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=int, default=600, help="approximate size of the image data")
    args = parser.parse_args()

    height, width = 480, 640
    frames = max(1, args.megabytes * 1024 * 1024 // (height * width * 3))
    rng = np.random.default_rng(0)
    rec = rr.RecordingStream("rrflow_bench", recording_id="bench")
    rec.save(args.out)

    rec.log("robot/description", rr.TextDocument("benchmark robot"), static=True)
    gradient = np.broadcast_to(np.arange(width, dtype=np.uint8)[None, :, None], (height // 2, width, 3))
    for frame in range(frames):
        image = np.concatenate([gradient, rng.integers(0, 255, (height - height // 2, width, 3), dtype=np.uint8)])
        rec.set_time("frame", sequence=frame)
        rec.log("camera/image", rr.Image(image))
        points = rng.normal(size=(2000, 3)).astype(np.float32)
        rec.log("lidar/points", rr.Points3D(points))
    steps = np.arange(frames * 100, dtype=np.int64)
    for joint in range(12):
        rec.send_columns(f"robot/joint_{joint}", indexes=[rr.TimeColumn("frame", sequence=steps // 100)],
                         columns=rr.Scalars.columns(scalars=np.sin(steps * 0.01 + joint)))
    rec.flush()
    rec.disconnect()
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.0f} MB, {frames} frames)")


if __name__ == "__main__":
    main()
