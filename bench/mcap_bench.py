"""McapReader benchmarks: MCAP files converted to RRD, and the raw container read.

Inputs, generated once into bench/out/ (not timed), each about `--megabytes`
MB on disk and written with zstd and with lz4 chunk compression (1 MiB
chunks, the writers' default):
- `imu`: a custom IMU-like protobuf message (`bench.Imu`: a Timestamp, a
  frame id, a quaternion, two Vector3 and a 9-value covariance; ~170 bytes)
  on 4 topics at a high rate, written with `mcap` + `mcap-protobuf-support`.
- `large`: foxglove-sdk RawImage (640x480 rgb8), CompressedImage (~200 kB)
  and PointCloud (64k points of xyz f32 + rgba u8), written with foxglove-sdk.

Cases (each in a fresh process per library, see harness.py):
- `<input>_<compression>` converts: `McapReader(p).stream().write_rrd(out)`
  with rrflow and with rerun-sdk's `rerun.experimental.McapReader`.
- `raw_<input>_<compression>` is the container read: the `raw` decoder only,
  so every chunk is read, decompressed and split into messages whose
  payloads become one blob column per channel and chunk, nothing decoded;
  the stream is iterated and dropped.
After the table, the script times `rerun mcap convert` (rerun-sdk's CLI) on
each input with `/usr/bin/time` (wall, peak RSS, CPU), and the decode floor:
the chunks' own decompression, single thread (python-zstandard / python-lz4,
fresh buffers), and `zstd -b` / `lz4 -b` on the decompressed chunk contents
(first 256 MiB, blocks of the chunks' size).

Run: .venv/bin/python bench/mcap_bench.py [--megabytes N] [--repeat K] [--cases ...]
(the recorded run used `--megabytes 1000`, and `--megabytes 250` to check
that peak RSS does not grow with the file).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

OUT = Path(__file__).parent / "out"
INPUTS = ("imu", "large")
COMPRESSIONS = ("zstd", "lz4")
CHUNK_SIZE = 1024 * 1024
IMU_TOPICS = ("/imu/base", "/imu/left_arm", "/imu/right_arm", "/imu/head")
BASE_TIME = 1_700_000_000_000_000_000


def _path(kind: str, compression: str, megabytes: int) -> Path:
    return OUT / f"{kind}_{compression}_{megabytes}mb.mcap"


def _imu_class() -> Any:
    """bench.Imu, built from a descriptor at run time (no protoc)."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, timestamp_pb2

    field = descriptor_pb2.FieldDescriptorProto
    proto = descriptor_pb2.FileDescriptorProto(name="bench/imu.proto", package="bench", syntax="proto3",
                                               dependency=["google/protobuf/timestamp.proto"])

    def add_message(name: str, fields: list[tuple[str, int, int, str | None, bool]]) -> None:
        message = proto.message_type.add(name=name)
        for field_name, number, kind, type_name, repeated in fields:
            added = message.field.add(name=field_name, number=number, type=kind, json_name=field_name,
                                      label=field.LABEL_REPEATED if repeated else field.LABEL_OPTIONAL)
            if type_name:
                added.type_name = type_name

    double = field.TYPE_DOUBLE
    add_message("Vector3", [(axis, k + 1, double, None, False) for k, axis in enumerate("xyz")])
    add_message("Quaternion", [(axis, k + 1, double, None, False) for k, axis in enumerate("xyzw")])
    add_message("Imu", [
        ("timestamp", 1, field.TYPE_MESSAGE, ".google.protobuf.Timestamp", False),
        ("frame_id", 2, field.TYPE_STRING, None, False),
        ("orientation", 3, field.TYPE_MESSAGE, ".bench.Quaternion", False),
        ("angular_velocity", 4, field.TYPE_MESSAGE, ".bench.Vector3", False),
        ("linear_acceleration", 5, field.TYPE_MESSAGE, ".bench.Vector3", False),
        ("covariance", 6, double, None, True),
        ("sequence", 7, field.TYPE_UINT32, None, False),
    ])
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(timestamp_pb2.DESCRIPTOR.serialized_pb)
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("bench.Imu"))


def _write_imu(path: Path, compression: str, megabytes: int) -> None:
    from mcap.writer import CompressionType, Writer
    from mcap_protobuf.schema import register_schema

    imu = _imu_class()
    rng = np.random.default_rng(0)
    target = megabytes * 1_000_000
    with path.open("wb") as stream:
        writer = Writer(stream, chunk_size=CHUNK_SIZE,
                        compression=CompressionType.ZSTD if compression == "zstd" else CompressionType.LZ4)
        writer.start()
        schema = register_schema(writer, imu)
        channels = [writer.register_channel(topic, "protobuf", schema) for topic in IMU_TOPICS]
        batch = 10_000
        index = 0
        while stream.tell() < target:
            values = rng.standard_normal((batch, 10))
            for row in range(batch):
                log_time = BASE_TIME + index * 250_000  # 1 kHz per topic, 4 topics
                message = imu(frame_id=IMU_TOPICS[index % 4][5:], sequence=index // 4,
                              covariance=[0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01])
                message.timestamp.FromNanoseconds(log_time)
                v = values[row]
                message.orientation.x, message.orientation.y = v[0], v[1]
                message.orientation.z, message.orientation.w = v[2], v[3]
                message.angular_velocity.x, message.angular_velocity.y = v[4], v[5]
                message.angular_velocity.z = v[6]
                message.linear_acceleration.x, message.linear_acceleration.y = v[7], v[8]
                message.linear_acceleration.z = v[9]
                writer.add_message(channels[index % 4], log_time=log_time, publish_time=log_time,
                                   data=message.SerializeToString(), sequence=index)
                index += 1
        writer.finish()


def _write_large(path: Path, compression: str, megabytes: int) -> None:
    import foxglove
    from foxglove.channels import CompressedImageChannel, PointCloudChannel, RawImageChannel
    from foxglove.mcap import MCAPCompression, MCAPWriteOptions
    from foxglove.messages import (
        CompressedImage,
        PackedElementField,
        PackedElementFieldNumericType,
        PointCloud,
        RawImage,
        Timestamp,
    )

    rng = np.random.default_rng(0)
    # Half gradient, half noise: the compressors roughly halve it, as with camera frames.
    gradient = np.broadcast_to(np.arange(640, dtype=np.uint8)[None, :, None], (240, 640, 3))
    images = [np.concatenate([gradient, rng.integers(0, 256, (240, 640, 3), dtype=np.uint8)]).tobytes()
              for _ in range(4)]
    jpegs = [rng.integers(0, 256, 200_000, dtype=np.uint8).tobytes() for _ in range(4)]
    points = np.zeros(65_536, dtype=[("x", "<f4"), ("y", "<f4"), ("z", "<f4"), ("rgba", "u1", 4)])
    points["x"], points["y"] = rng.standard_normal(65_536), rng.standard_normal(65_536)
    points["z"] = np.round(rng.standard_normal(65_536), 2)
    points["rgba"] = rng.integers(0, 8, (65_536, 4)) * 32
    cloud = points.tobytes()
    f32, u8 = PackedElementFieldNumericType.Float32, PackedElementFieldNumericType.Uint8
    fields = [PackedElementField(name=name, offset=offset, type=kind) for name, offset, kind in
              [("x", 0, f32), ("y", 4, f32), ("z", 8, f32), ("red", 12, u8), ("green", 13, u8),
               ("blue", 14, u8), ("alpha", 15, u8)]]
    context = foxglove.Context()
    options = MCAPWriteOptions(chunk_size=CHUNK_SIZE, compression=MCAPCompression.Zstd
                               if compression == "zstd" else MCAPCompression.Lz4)
    target = megabytes * 1_000_000
    with foxglove.open_mcap(path, allow_overwrite=True, context=context, writer_options=options):
        raw = RawImageChannel("/camera/raw", context=context)
        compressed = CompressedImageChannel("/camera/compressed", context=context)
        lidar = PointCloudChannel("/lidar", context=context)
        frame = 0
        while path.stat().st_size < target:
            log_time = BASE_TIME + frame * 33_000_000
            stamp = Timestamp(log_time // 1_000_000_000, log_time % 1_000_000_000)
            raw.log(RawImage(timestamp=stamp, frame_id="camera", width=640, height=480, encoding="rgb8",
                             step=640 * 3, data=images[frame % 4]), log_time=log_time)
            compressed.log(CompressedImage(timestamp=stamp, frame_id="camera", data=jpegs[frame % 4],
                                           format="jpeg"), log_time=log_time)
            lidar.log(PointCloud(timestamp=stamp, frame_id="lidar", point_stride=16, fields=fields,
                                 data=cloud), log_time=log_time + 1)
            frame += 1


def ensure_file(kind: str, compression: str, megabytes: int) -> Path:
    path = _path(kind, compression, megabytes)
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    (_write_imu if kind == "imu" else _write_large)(partial, compression, megabytes)
    partial.rename(path)
    return path


def _convert(name: str) -> Any:
    def prepare(lib: Any, extra: dict[str, Any]) -> Any:
        kind, compression = name.split("_")
        path = _path(kind, compression, extra["megabytes"])
        target = OUT / f"{path.stem}_{'rrflow' if lib.__name__ == 'rrflow' else 'rerun'}.rrd"

        def run() -> None:
            lib.McapReader(path).stream().write_rrd(target, application_id="bench", recording_id="mcap")

        return run

    return prepare


def _raw_read(name: str) -> Any:
    def prepare(lib: Any, extra: dict[str, Any]) -> Any:
        kind, compression = name.split("_")
        path = _path(kind, compression, extra["megabytes"])

        def run() -> int:
            return sum(1 for _ in lib.McapReader(path, decoders=["raw"]).stream())

        return run

    return prepare


NAMES = [f"{kind}_{compression}" for kind in INPUTS for compression in COMPRESSIONS]
for _name in NAMES:
    globals()[f"case_{_name}"] = _convert(_name)
    globals()[f"case_raw_{_name}"] = _raw_read(_name)
CASES = NAMES + [f"raw_{name}" for name in NAMES]


def _chunks(path: Path) -> tuple[str, list[tuple[bytes, int]]]:
    """The compression and the (compressed records, uncompressed size) of every chunk."""
    from mcap.records import Chunk
    from mcap.stream_reader import StreamReader

    chunks = []
    compression = ""
    with path.open("rb") as stream:
        for record in StreamReader(stream, skip_magic=False, emit_chunks=True).records:
            if isinstance(record, Chunk):
                compression = record.compression
                chunks.append((record.data, record.uncompressed_size))
    return compression, chunks


def decode_floor(path: Path) -> dict[str, float]:
    """Single-threaded decompression of every chunk of `path`, and the CLI benchmark of its codec."""
    import lz4.frame
    import zstandard

    compression, chunks = _chunks(path)
    total = sum(size for _, size in chunks)
    if compression == "zstd":
        decompressor = zstandard.ZstdDecompressor()

        def decompress(data: bytes, size: int) -> bytes:
            return decompressor.decompress(data, max_output_size=size)
    else:
        def decompress(data: bytes, size: int) -> bytes:
            return lz4.frame.decompress(data)
    start = time.perf_counter()
    for data, size in chunks:
        decompress(data, size)  # dropped at once, as a streaming reader would
    seconds = time.perf_counter() - start
    sample = OUT / f"{path.stem}.contents"
    with sample.open("wb") as out:
        written = 0
        for data, size in chunks:
            if written >= 256 * 2**20:
                break
            written += out.write(decompress(data, size))
    tool = ["zstd", "-b3", "-i3"] if compression == "zstd" else ["lz4", "-b1", "-i3"]
    block = max(size for _, size in chunks)
    report = subprocess.run([*tool, f"-B{block}", str(sample)], capture_output=True, text=True, check=True)
    sample.unlink()
    speeds = re.findall(r"([\d.]+) MB/s", report.stdout + report.stderr)
    return {"uncompressed_mb": total / 1e6, "seconds": seconds,
            "cli_decompress_mb_s": float(speeds[-1]) if speeds else float("nan")}


def time_cli(path: Path) -> dict[str, float]:
    """`rerun mcap convert` in its own process: wall s, peak RSS MiB, CPU s."""
    rerun = Path(sys.executable).parent / "rerun"
    target = OUT / f"{path.stem}_rerun_cli.rrd"
    report = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", str(rerun), "mcap", "convert", str(path),
                             "-o", str(target)], capture_output=True, text=True, check=True)
    wall, peak_kib, user, system = report.stderr.strip().splitlines()[-1].split()
    return {"seconds": float(wall), "peak_mib": int(peak_kib) / 1024, "cpu_seconds": float(user) + float(system)}


def _flag(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


if __name__ == "__main__":
    worker = "--worker" in sys.argv
    megabytes = _flag("--megabytes", 40)
    if not worker:
        for kind in INPUTS:
            for compression in COMPRESSIONS:
                generated = ensure_file(kind, compression, megabytes)
                print(f"input: {generated} ({generated.stat().st_size / 1e6:.0f} MB)")
    harness.main(sys.modules[__name__], CASES, "McapReader, generated MCAP files", extra={"megabytes": 40})
    if not worker:
        repeat = _flag("--repeat", 3)
        print(f"\n`rerun mcap convert` (median of {repeat}) and the decode floor (single thread)")
        print(f"{'input':<14}{'cli s':>8}{'cli MiB':>9}{'cli cpu':>9}{'MB raw':>9}{'floor s':>9}"
              f"{'floor MB/s':>12}{'cli -b MB/s':>13}")
        for kind in INPUTS:
            for compression in COMPRESSIONS:
                path = _path(kind, compression, megabytes)
                runs = sorted((time_cli(path) for _ in range(repeat)), key=lambda run: run["seconds"])
                cli = runs[len(runs) // 2]
                floor = decode_floor(path)
                print(f"{kind + '_' + compression:<14}{cli['seconds']:>8.2f}{cli['peak_mib']:>9.0f}"
                      f"{cli['cpu_seconds']:>9.2f}{floor['uncompressed_mb']:>9.0f}{floor['seconds']:>9.3f}"
                      f"{floor['uncompressed_mb'] / floor['seconds']:>12.0f}{floor['cli_decompress_mb_s']:>13.0f}")
