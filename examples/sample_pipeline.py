"""The main job on a generated sample: a small robot recording, converted,
transformed and summarised, plus a LeRobot-shaped Parquet table converted.

It builds static and temporal chunks for a few entities (joint angles, an IMU
struct, a point cloud, a robot name), writes them as an .rrd file, reads that
file back as a lazy stream, transforms it (split by entity, re-home the IMU,
drop the point cloud, compact), writes the result as a new .rrd file and
prints its summary, read from the new file's footer. It then writes a small
LeRobot-style Parquet table, reads it with ParquetReader (frame index and
timestamp as timelines) and converts it to .rrd as well. Last, it writes a
small MCAP recording (JSON IMU readings, binary camera frames, metadata) with
the `mcap` package's writer, converts it with `rrflow mcap convert` and
summarises the .rrd file it made.

Run: python examples/sample_pipeline.py --out build/sample
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa

import rrflow


def build_recording(num_frames: int) -> list[rrflow.Chunk]:
    frames = list(range(num_frames))
    times = [0.05 * f for f in frames]
    index = [rrflow.TimeColumn("frame", sequence=frames), rrflow.TimeColumn("sim_time", duration=times)]

    # Flat values, grouped into rows by `lengths` below: six joints a frame, three points.
    joints = pa.array([math.sin(t + k) for t in times for k in range(6)], pa.float64())
    imu_type = pa.struct([("x", pa.float32()), ("y", pa.float32()), ("z", pa.float32())])
    imu = pa.array([{"x": math.cos(t), "y": math.sin(t), "z": 9.81} for t in times], imu_type)
    points = pa.array([[float(i), float(f), 0.0] for f in frames for i in range(3)], pa.list_(pa.float32(), 3))
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
                                                               "rerun.components.Scalar"), joints,
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
                                                               "rerun.components.Position3D"), points,
                                    lengths=[3] * num_frames)],
        ),
    ]


def write_lerobot_table(path: Path, num_frames: int) -> None:
    """A LeRobot-style episode table: state and action vectors, time and indexes."""
    import pyarrow.parquet as pq

    frames = list(range(num_frames))
    table = pa.table({
        "observation.state": pa.array([[math.sin(0.1 * f + k) for k in range(6)] for f in frames], pa.list_(pa.float32())),
        "action": pa.array([[math.cos(0.1 * f + k) for k in range(6)] for f in frames], pa.list_(pa.float32())),
        "timestamp": pa.array([f / 30 for f in frames], pa.float64()),
        "frame_index": pa.array(frames, pa.int64()),
        "episode_index": pa.array([0] * num_frames, pa.int64()),
    })
    pq.write_table(table, path)


def write_mcap_recording(path: Path, num_frames: int) -> None:
    """A small robot recording as MCAP: IMU readings as JSON, camera frames as bytes, metadata."""
    from mcap.writer import CompressionType, Writer

    with open(path, "wb") as stream:
        writer = Writer(stream, chunk_size=2048, compression=CompressionType.ZSTD)
        writer.start(profile="", library="rrflow sample")
        imu_schema = writer.register_schema("Imu", "jsonschema", json.dumps({"type": "object"}).encode())
        imu = writer.register_channel("/robot/imu", "json", imu_schema)
        camera = writer.register_channel("/robot/camera", "application/octet-stream", 0)
        for frame in range(num_frames):
            time = 1_700_000_000_000_000_000 + frame * 50_000_000
            reading = {"accel": [math.cos(0.05 * frame), math.sin(0.05 * frame), 9.81], "frame": frame}
            writer.add_message(imu, time, json.dumps(reading).encode(), time)
            writer.add_message(camera, time, bytes([frame % 256]) * 64, time)
        writer.add_metadata("robot", {"name": "arm-7", "site": "lab"})
        writer.finish()  # type: ignore[no-untyped-call]  # mcap's Writer.finish has no annotations


def rrflow_command() -> str:
    """The `rrflow` command installed next to this Python."""
    local = Path(sys.executable).parent / "rrflow"
    found = str(local) if local.exists() else shutil.which("rrflow")
    if found is None:
        raise SystemExit("the rrflow command is not installed (run scripts/setup.sh)")
    return found


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

    # 4. A LeRobot-shaped Parquet table through the same pipeline.
    episodes = args.out / "episodes.parquet"
    write_lerobot_table(episodes, args.frames)
    parquet = rrflow.ParquetReader(
        episodes, entity_path_prefix="/dataset", index_columns=[("frame_index", "sequence"), ("timestamp", "duration", "s")]
    )
    converted = args.out / "episodes.rrd"
    parquet.stream().write_rrd(converted, application_id="rrflow_sample", recording_id="episodes")
    parquet_summary = rrflow.RrdReader(converted).store().summary()
    (args.out / "episodes_summary.txt").write_text(parquet_summary + "\n")

    print(f"{source}: {len(reader.store())} chunks -> {target}: {len(store)} chunks")
    print(store.stream().filter(content="/robot/joints").to_chunks()[0].format(width=160, redact=True))
    print(summary)
    # 5. An MCAP recording converted by the command line tool.
    recording = args.out / "robot.mcap"
    write_mcap_recording(recording, args.frames)
    from_mcap = args.out / "robot_mcap.rrd"
    subprocess.run([rrflow_command(), "mcap", "convert", str(recording), "-o", str(from_mcap),
                    "--application-id", "rrflow_sample", "--recording-id", "robot_mcap", "--quiet"], check=True)
    mcap_summary = rrflow.RrdReader(from_mcap).store().summary()
    (args.out / "robot_mcap_summary.txt").write_text(mcap_summary + "\n")

    print(f"{episodes} -> {converted}:")
    print(parquet_summary)
    print(f"{recording} -> {from_mcap}:")
    print(mcap_summary)
    print(f"wrote {target}, {converted}, {from_mcap} and their tables/summaries in {args.out}")


if __name__ == "__main__":
    main()
