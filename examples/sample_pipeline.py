"""The main job on a generated sample: a small robot recording, converted,
transformed and summarised.

It builds static and temporal chunks for a few entities (joint angles, an IMU
struct, a point cloud, a robot name), writes them as an .rrd file, reads that
file back as a lazy stream, transforms it (split by entity, re-home the IMU,
drop the point cloud, compact), writes the result as a new .rrd file and
prints its summary, read from the new file's footer.

Run: python examples/sample_pipeline.py --out build/sample
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import pyarrow as pa

import rrflow


def build_recording(num_frames: int) -> list[rrflow.Chunk]:
    frames = list(range(num_frames))
    times = [0.05 * f for f in frames]
    index = [rrflow.TimeColumn("frame", sequence=frames), rrflow.TimeColumn("sim_time", duration=times)]

    joints = pa.array([[math.sin(t + k) for k in range(6)] for t in times], pa.list_(pa.float64()))
    imu_type = pa.struct([("x", pa.float32()), ("y", pa.float32()), ("z", pa.float32())])
    imu = pa.array([{"x": math.cos(t), "y": math.sin(t), "z": 9.81} for t in times], imu_type)
    points = pa.array(
        [[[float(i), float(f), 0.0] for i in range(3)] for f in frames],
        pa.list_(pa.list_(pa.float32(), 3)),
    )
    return [
        rrflow.Chunk.from_columns(
            "/robot",
            [],
            [rrflow.ComponentColumn(rrflow.ComponentDescriptor("Robot:name", "Robot"), pa.array(["arm-7"]))],
        ),
        rrflow.Chunk.from_columns(
            "/robot/joints",
            index,
            [rrflow.ComponentColumn(rrflow.ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars",
                                                               "rerun.components.Scalar"), joints.flatten(),
                                    lengths=[6] * num_frames)],
        ),
        rrflow.Chunk.from_columns(
            "/robot/imu",
            index,
            [rrflow.ComponentColumn(rrflow.ComponentDescriptor("Imu:accel", "Imu"), imu)],
        ),
        rrflow.Chunk.from_columns(
            "/world/points",
            index[:1],
            [rrflow.ComponentColumn(rrflow.ComponentDescriptor("Points3D:positions", "rerun.archetypes.Points3D",
                                                               "rerun.components.Position3D"), points.flatten(),
                                    lengths=[3] * num_frames)],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the recordings, tables and summary")
    parser.add_argument("--frames", type=int, default=20)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    # 1. Build the recording as chunks and write it as an .rrd file.
    source = args.out / "robot.rrd"
    rrflow.ChunkStore.from_chunks(build_recording(args.frames)).write_rrd(
        source, application_id="rrflow_sample", recording_id="robot"
    )

    # 2. Read it back lazily and transform it: keep the robot, move the IMU
    #    under the robot's sensors, drop the point cloud, compact the chunks.
    reader = rrflow.RrdReader(source)
    robot, rest = reader.stream().split(content="/robot/**")
    moved = robot.map(
        lambda chunk: chunk.with_entity_path("/robot/sensors/imu") if chunk.entity_path == "/robot/imu" else chunk
    )
    result = rrflow.LazyChunkStream.merge(moved, rest.drop(components="Points3D:positions")).collect()

    # 3. Write the result, then summarise it from the new file's footer.
    target = args.out / "robot_transformed.rrd"
    result.write_rrd(target, application_id="rrflow_sample", recording_id="robot_transformed")
    store = rrflow.RrdReader(target).store()
    summary = store.summary()
    (args.out / "summary.txt").write_text(summary + "\n")
    tables = "\n\n".join(chunk.format(width=200) for chunk in store.stream().to_chunks())
    (args.out / "chunks.txt").write_text(tables + "\n")

    print(f"{source}: {len(reader.store())} chunks -> {target}: {len(store)} chunks")
    print(store.stream().filter(content="/robot/joints").to_chunks()[0].format(width=160, redact=True))
    print(summary)
    print(f"wrote {target}, {args.out / 'chunks.txt'} and {args.out / 'summary.txt'}")


if __name__ == "__main__":
    main()
