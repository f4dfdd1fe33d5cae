"""Small, deterministic MCAP files written with the tools users record with.

Each `write_<name>(directory)` function writes `<name>.mcap` into `directory` and
returns its path; its docstring says what the file exercises. `SAMPLES` maps
every name to its writer. Files are < 200 KB and byte-identical on every run
(fixed timestamps, single-threaded compression, protobuf maps encoded in a
fixed order).

Writers: `foxglove-sdk` (Foxglove protobuf schemas), `mcap` (JSON, schemaless
and binary channels, metadata, attachments and every container variant),
`mcap-protobuf-support` (custom and well-known protobuf messages). Damaged
files are derived from intact ones by editing their bytes.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path
from typing import Any, Callable

import foxglove
from foxglove.channels import (
    CameraCalibrationChannel,
    CompressedImageChannel,
    CompressedVideoChannel,
    FrameTransformChannel,
    FrameTransformsChannel,
    LocationFixChannel,
    LocationFixesChannel,
    LogChannel,
    PointCloudChannel,
    PoseInFrameChannel,
    PosesInFrameChannel,
    RawImageChannel,
    VoxelGridChannel,
)
from foxglove.mcap import MCAPCompression, MCAPWriteOptions
from foxglove.messages import (
    CameraCalibration,
    Color,
    CompressedImage,
    CompressedVideo,
    FrameTransform,
    FrameTransforms,
    LocationFix,
    LocationFixes,
    Log,
    LogLevel,
    PackedElementField,
    PackedElementFieldNumericType,
    PointCloud,
    Pose,
    PoseInFrame,
    PosesInFrame,
    Quaternion,
    RawImage,
    Timestamp,
    Vector3,
    VoxelGrid,
)
from mcap.writer import CompressionType, IndexType, Writer
from mcap_protobuf.schema import register_schema

from mcap_proto_messages import CLASSES

MAGIC = b"\x89MCAP0\r\n"
BASE_TIME = 1_700_000_000_000_000_000  # log_time of the first message, ns
STEP = 10_000_000  # 10 ms between messages

SAMPLES: dict[str, Callable[[Path], Path]] = {}


def sample(function: Callable[[Path], Path]) -> Callable[[Path], Path]:
    SAMPLES[function.__name__.removeprefix("write_")] = function
    return function


def _path(directory: Path, function_name: str) -> Path:
    return Path(directory) / (function_name.removeprefix("write_") + ".mcap")


def _stamp(index: int) -> Timestamp:
    """The Foxglove `timestamp` of message `index`: 1 s after its log time's second, +index µs."""
    return Timestamp(BASE_TIME // 1_000_000_000 + 1, index * 1000)


def _log_time(index: int) -> int:
    return BASE_TIME + index * STEP


# --- foxglove-sdk ---


def _foxglove_file(path: Path, log: Callable[[foxglove.Context], None], **options: Any) -> Path:
    """Writes what `log(context)` logs into `path` with a private context."""
    context = foxglove.Context()
    writer_options = MCAPWriteOptions(compression_threads=0, **options)
    with foxglove.open_mcap(path, allow_overwrite=True, context=context, writer_options=writer_options):
        log(context)
    return path


def _pose(index: int) -> Pose:
    return Pose(position=Vector3(x=1.0 + index, y=-2.0, z=0.5),
                orientation=Quaternion(x=0.0, y=0.0, z=math.sqrt(0.5), w=math.sqrt(0.5)))


@sample
def write_fox_camera_calibration(directory: Path) -> Path:
    """CameraCalibration lens: K row-major → column-major Pinhole, [width, height], `_image_plane`
    suffix on the child frame; one message with an empty frame id (no suffix)."""
    def log(context: foxglove.Context) -> None:
        channel = CameraCalibrationChannel("/camera/calibration", context=context)
        for index, frame in enumerate(["camera", "camera", ""]):
            channel.log(CameraCalibration(
                timestamp=_stamp(index), frame_id=frame, width=640, height=480 + index,
                distortion_model="plumb_bob", D=[0.1, -0.2, 0.0, 0.0, 0.0],
                K=[525.0, 0.0, 319.5, 0.0, 525.0 + index, 239.5, 0.0, 0.0, 1.0],
                R=[1.0, 0, 0, 0, 1.0, 0, 0, 0, 1.0],
                P=[525.0, 0, 319.5, 0, 0, 525.0, 239.5, 0, 0, 0, 1.0, 0]), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_camera_calibration"), log)


@sample
def write_fox_compressed_image(directory: Path) -> Path:
    """CompressedImage lens: `image/<format>` media type, blob, frame id with suffix (and empty)."""
    def log(context: foxglove.Context) -> None:
        channel = CompressedImageChannel("/camera/compressed", context=context)
        for index, (frame, image_format) in enumerate([("cam", "jpeg"), ("cam", "png"), ("", "webp")]):
            channel.log(CompressedImage(timestamp=_stamp(index), frame_id=frame, format=image_format,
                                        data=bytes([0xFF, 0xD8, index, 0xFF, 0xD9])),
                        log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_compressed_image"), log)


@sample
def write_fox_compressed_video(directory: Path) -> Path:
    """CompressedVideo lens: one topic per codec spelling (`h264`, `H265`, `av1`, `vp8`, `vp9`)
    and `/video/mjpeg`, whose unknown codec should make only the codec column fail."""
    def log(context: foxglove.Context) -> None:
        for codec_index, codec in enumerate(["h264", "H265", "av1", "vp8", "vp9", "mjpeg"]):
            channel = CompressedVideoChannel(f"/video/{codec.lower()}", context=context)
            for index in range(2):
                channel.log(CompressedVideo(
                    timestamp=_stamp(index), frame_id="camera" if index == 0 else "", format=codec,
                    data=bytes([0, 0, 0, 1, 0x67, codec_index, index])),
                    log_time=_log_time(codec_index * 2 + index))
    return _foxglove_file(_path(directory, "write_fox_compressed_video"), log)


@sample
def write_fox_frame_transform(directory: Path) -> Path:
    """FrameTransform lens (scatter of one): parent/child frames, translation, quaternion (f32)."""
    def log(context: foxglove.Context) -> None:
        channel = FrameTransformChannel("/tf", context=context)
        for index in range(3):
            channel.log(FrameTransform(
                timestamp=_stamp(index), parent_frame_id="world", child_frame_id=f"link{index}",
                translation=Vector3(x=0.1 * index, y=0.2, z=0.3),
                rotation=Quaternion(x=0.0, y=0.0, z=0.0, w=1.0)), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_frame_transform"), log)


@sample
def write_fox_frame_transforms(directory: Path) -> Path:
    """FrameTransforms lens: scatter over 2 and 1 transforms on `/tf_batch` (log/publish times
    repeated, `timestamp` per transform); `/tf_batch_with_empty` adds a message with 0 transforms
    to show what an empty list does to the chunk."""
    def log(context: foxglove.Context) -> None:
        for topic, counts in [("/tf_batch", [2, 1]), ("/tf_batch_with_empty", [1, 0])]:
            channel = FrameTransformsChannel(topic, context=context)
            for index, count in enumerate(counts):
                transforms = [FrameTransform(
                    timestamp=_stamp(index * 10 + k), parent_frame_id="map", child_frame_id=f"robot{k}",
                    translation=Vector3(x=float(k), y=float(index), z=0.0),
                    rotation=Quaternion(x=0.0, y=0.0, z=1.0, w=0.0)) for k in range(count)]
                channel.log(FrameTransforms(transforms=transforms), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_frame_transforms"), log)


@sample
def write_fox_location_fix(directory: Path) -> Path:
    """LocationFix lens: [lat, lon] f64, colour packing with clamping/rounding, no colour, altitude
    ignored."""
    def log(context: foxglove.Context) -> None:
        channel = LocationFixChannel("/gps", context=context)
        colors = [Color(r=1.0, g=0.5, b=0.0, a=1.0), Color(r=1.5, g=-0.2, b=0.25, a=0.5), None]
        for index, color in enumerate(colors):
            channel.log(LocationFix(timestamp=_stamp(index), frame_id="gps", latitude=48.1 + index,
                                    longitude=11.5, altitude=520.0, color=color),
                        log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_location_fix"), log)


@sample
def write_fox_location_fixes(directory: Path) -> Path:
    """LocationFixes lens: scatter over 2 and 1 fixes on `/gps_batch`; `/gps_batch_with_empty`
    adds a message with 0 fixes."""
    def log(context: foxglove.Context) -> None:
        for topic, counts in [("/gps_batch", [2, 1]), ("/gps_batch_with_empty", [1, 0])]:
            channel = LocationFixesChannel(topic, context=context)
            for index, count in enumerate(counts):
                fixes = [LocationFix(timestamp=_stamp(index * 10 + k), frame_id=f"gps{k}",
                                     latitude=10.0 + k, longitude=20.0 - k,
                                     color=Color(r=0.0, g=0.0, b=1.0, a=1.0)) for k in range(count)]
                channel.log(LocationFixes(fixes=fixes), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_location_fixes"), log)


@sample
def write_fox_log(directory: Path) -> Path:
    """Log lens: every level (WARNING→WARN, FATAL→CRITICAL, UNKNOWN→null), text, `timestamp`.
    Written zstd-compressed (the foxglove-sdk default)."""
    def log(context: foxglove.Context) -> None:
        channel = LogChannel("/text_log", context=context)
        levels = [LogLevel.Debug, LogLevel.Info, LogLevel.Warning, LogLevel.Error, LogLevel.Fatal,
                  LogLevel.Unknown]
        for index, level in enumerate(levels):
            channel.log(Log(timestamp=_stamp(index), level=level, message=f"message {index}",
                            name="node", file="node.py", line=10 + index), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_log"), log)


@sample
def write_fox_log_without_timestamp(directory: Path) -> Path:
    """Log lens on messages whose `timestamp` is unset (a null struct in the reflection)."""
    def log(context: foxglove.Context) -> None:
        channel = LogChannel("/text_log", context=context)
        for index in range(2):
            channel.log(Log(level=LogLevel.Info, message=f"untimed {index}"), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_log_without_timestamp"), log)


def _packed(values: list[tuple], layout: str) -> bytes:
    return b"".join(struct.pack("<" + layout, *value) for value in values)


@sample
def write_fox_point_cloud(directory: Path) -> Path:
    """PointCloud lens: xyz float32 + rgba uint8 with a pose (`/point_cloud`); xyz float64 + rgb
    float32 colours without alpha and without pose (`/point_cloud_f64`); a stride-0 cloud and one
    without `z` (null entries)."""
    u8, f32, f64 = (PackedElementFieldNumericType.Uint8, PackedElementFieldNumericType.Float32,
                    PackedElementFieldNumericType.Float64)

    def log(context: foxglove.Context) -> None:
        rgba = PointCloudChannel("/point_cloud", context=context)
        fields = [PackedElementField(name=n, offset=o, type=t) for n, o, t in
                  [("x", 0, f32), ("y", 4, f32), ("z", 8, f32), ("red", 12, u8), ("green", 13, u8),
                   ("blue", 14, u8), ("alpha", 15, u8)]]
        for index in range(2):
            points = [(float(p), float(index), -1.5, 255, 128, p * 10, 200) for p in range(4)]
            rgba.log(PointCloud(timestamp=_stamp(index), frame_id="lidar", pose=_pose(index),
                                point_stride=16, fields=fields, data=_packed(points, "fffBBBB")),
                     log_time=_log_time(index))
        wide = PointCloudChannel("/point_cloud_f64", context=context)
        fields = [PackedElementField(name=n, offset=o, type=t) for n, o, t in
                  [("x", 0, f64), ("y", 8, f64), ("z", 16, f64), ("red", 24, f32), ("green", 28, f32),
                   ("blue", 32, f32)]]
        points = [(0.5, 1.5, 2.5, 1.0, 0.5, 2.0), (-1.0, 0.0, 1.0, -0.5, 0.25, 0.0)]
        wide.log(PointCloud(timestamp=_stamp(5), frame_id="", point_stride=36, fields=fields,
                            data=_packed(points, "dddfff")), log_time=_log_time(5))
        odd = PointCloudChannel("/point_cloud_odd", context=context)
        odd.log(PointCloud(timestamp=_stamp(6), frame_id="x", point_stride=0,
                           fields=[PackedElementField(name="x", offset=0, type=f32)],
                           data=b"\0" * 8), log_time=_log_time(6))
        odd.log(PointCloud(timestamp=_stamp(7), frame_id="x", point_stride=8,
                           fields=[PackedElementField(name="x", offset=0, type=f32),
                                   PackedElementField(name="y", offset=4, type=f32)],
                           data=_packed([(1.0, 2.0)], "ff")), log_time=_log_time(7))
    return _foxglove_file(_path(directory, "write_fox_point_cloud"), log)


@sample
def write_fox_pose_in_frame(directory: Path) -> Path:
    """PoseInFrame lens: frame, one translation and quaternion per row; one message without pose."""
    def log(context: foxglove.Context) -> None:
        channel = PoseInFrameChannel("/pose", context=context)
        for index in range(2):
            channel.log(PoseInFrame(timestamp=_stamp(index), frame_id="map", pose=_pose(index)),
                        log_time=_log_time(index))
        channel.log(PoseInFrame(timestamp=_stamp(2), frame_id="map"), log_time=_log_time(2))
    return _foxglove_file(_path(directory, "write_fox_pose_in_frame"), log)


@sample
def write_fox_poses_in_frame(directory: Path) -> Path:
    """PosesInFrame lens: 3, 1 and 0 poses per message, one row each (not scattered)."""
    def log(context: foxglove.Context) -> None:
        channel = PosesInFrameChannel("/poses", context=context)
        for index, count in enumerate([3, 1, 0]):
            channel.log(PosesInFrame(timestamp=_stamp(index), frame_id="odom",
                                     poses=[_pose(k) for k in range(count)]), log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_poses_in_frame"), log)


@sample
def write_fox_raw_image(directory: Path) -> Path:
    """RawImage lens: rgb8 with row padding (step > width·3), mono8 with step 0, mono16, bgr8 with
    data longer than needed, 32FC1, and an unknown encoding (format column should fail); one topic
    per case, 2×2 pixels."""
    cases = [("rgb8", 8, bytes(range(16))), ("mono8", 0, bytes([1, 2, 3, 4])),
             ("mono16", 4, bytes(range(8))), ("bgr8", 6, bytes(range(20))),
             ("32FC1", 8, struct.pack("<4f", 0.5, 1.5, 2.5, 3.5)), ("weird", 2, bytes(4))]

    def log(context: foxglove.Context) -> None:
        for index, (encoding, step, data) in enumerate(cases):
            channel = RawImageChannel(f"/image/{encoding.lower()}", context=context)
            channel.log(RawImage(timestamp=_stamp(index), frame_id="cam" if index % 2 else "",
                                 width=2, height=2, encoding=encoding, step=step, data=data),
                        log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_raw_image"), log)


@sample
def write_fox_voxel_grid(directory: Path) -> Path:
    """VoxelGrid: 0.33.1 has no lens for it, so only the protobuf reflection is expected."""
    def log(context: foxglove.Context) -> None:
        channel = VoxelGridChannel("/voxels", context=context)
        fields = [PackedElementField(name="red", offset=0, type=PackedElementFieldNumericType.Uint8),
                  PackedElementField(name="green", offset=1, type=PackedElementFieldNumericType.Uint8),
                  PackedElementField(name="blue", offset=2, type=PackedElementFieldNumericType.Uint8)]
        channel.log(VoxelGrid(timestamp=_stamp(0), frame_id="map", pose=_pose(0), row_count=2,
                              column_count=2, cell_size=Vector3(x=0.1, y=0.1, z=0.2),
                              slice_stride=12, row_stride=6, cell_stride=3, fields=fields,
                              data=bytes(range(24))), log_time=_log_time(0))
    return _foxglove_file(_path(directory, "write_fox_voxel_grid"), log)


@sample
def write_fox_lens_edge_cases(directory: Path) -> Path:
    """Foxglove lens edge cases, one topic each: image encodings (64FC1, 8UC3, lowercase 8uc1,
    which has no format, yuyv, nv12) with step 0 and padding; packed point fields of integer types
    with a trailing partial point, a cloud without pose between two with one, an UNKNOWN packed
    type (positions fail, colours stay); poses and transforms with unset parts; K of 4 values and
    no K; a NaN colour; an empty image format; the largest Foxglove timestamp."""
    numeric = PackedElementFieldNumericType

    def fields(*specs: tuple[str, int, Any]) -> list[PackedElementField]:
        return [PackedElementField(name=n, offset=o, type=t) for n, o, t in specs]

    def log(context: foxglove.Context) -> None:
        images = [("64FC1", 16, bytes(range(32))), ("8UC3", 0, bytes(range(12))), ("8uc1", 2, bytes(4)),
                  ("yuyv", 0, bytes(range(8))), ("nv12", 0, bytes(range(6))), ("mono8", 3, bytes(range(5))),
                  ("rgb8", 0, bytes(range(7)))]
        for index, (encoding, step, data) in enumerate(images):
            RawImageChannel(f"/image/{index}", context=context).log(RawImage(
                timestamp=_stamp(index), frame_id="cam", width=2, height=2, encoding=encoding, step=step,
                data=data), log_time=_log_time(index))
        mixed = PointCloudChannel("/cloud/mixed", context=context)
        layout = fields(("x", 0, numeric.Int8), ("y", 1, numeric.Uint16), ("z", 3, numeric.Int32),
                        ("red", 7, numeric.Int16), ("green", 9, numeric.Uint32), ("blue", 13, numeric.Float64),
                        ("alpha", 21, numeric.Int8))
        points = [(-3, 500, -70000, -5, 1000, 0.5, -1), (7, 1, 2, 300, 3, 2.0, 100)]
        pose = Pose(position=Vector3(x=1, y=2, z=3), orientation=Quaternion(x=0, y=0, z=0, w=1))
        mixed.log(PointCloud(timestamp=_stamp(0), frame_id="lidar", pose=pose, point_stride=22, fields=layout,
                             data=_packed(points, "bHihIdb") + b"\x01\x02"), log_time=_log_time(0))
        mixed.log(PointCloud(timestamp=_stamp(1), frame_id="lidar", point_stride=22, fields=layout,
                             data=_packed(points[:1], "bHihIdb")), log_time=_log_time(1))
        mixed.log(PointCloud(timestamp=_stamp(2), frame_id="lidar", pose=Pose(position=Vector3(x=1, y=2, z=3)),
                             point_stride=4,
                             fields=fields(("x", 2, numeric.Float32), ("y", 0, numeric.Uint8),
                                           ("z", 3, numeric.Uint8), ("red", 0, numeric.Uint8),
                                           ("green", 1, numeric.Uint8), ("blue", 9, numeric.Uint8)),
                             data=bytes(range(10))), log_time=_log_time(2))
        PointCloudChannel("/cloud/unknown_type", context=context).log(PointCloud(
            timestamp=_stamp(0), frame_id="lidar", point_stride=4,
            fields=fields(("x", 0, numeric.Unknown), ("red", 0, numeric.Uint8), ("green", 1, numeric.Uint8),
                          ("blue", 2, numeric.Uint8)), data=bytes(8)), log_time=_log_time(0))
        orientation_only = Pose(orientation=Quaternion(x=0, y=0, z=0, w=1))
        PoseInFrameChannel("/pose/partial", context=context).log(PoseInFrame(
            timestamp=_stamp(0), frame_id="map", pose=orientation_only), log_time=_log_time(0))
        PosesInFrameChannel("/poses/partial", context=context).log(PosesInFrame(
            timestamp=_stamp(0), frame_id="map", poses=[orientation_only, Pose(position=Vector3(x=1, y=1, z=1))]),
            log_time=_log_time(0))
        PosesInFrameChannel("/poses/none", context=context).log(PosesInFrame(timestamp=_stamp(0), frame_id="map"),
                                                               log_time=_log_time(0))
        FrameTransformChannel("/tf/partial", context=context).log(FrameTransform(
            timestamp=_stamp(0), parent_frame_id="a", child_frame_id="b"), log_time=_log_time(0))
        CameraCalibrationChannel("/calibration/short_k", context=context).log(CameraCalibration(
            timestamp=_stamp(0), frame_id="cam", width=1, height=1, K=[1.0, 2.0, 3.0, 4.0]),
            log_time=_log_time(0))
        CameraCalibrationChannel("/calibration/no_k", context=context).log(CameraCalibration(
            timestamp=_stamp(0), frame_id="cam", width=1, height=1), log_time=_log_time(0))
        LocationFixChannel("/gps/nan", context=context).log(LocationFix(
            timestamp=_stamp(0), frame_id="gps", latitude=1, longitude=2,
            color=Color(r=float("nan"), g=0.5019607843137255, b=0.002, a=0.998)), log_time=_log_time(0))
        CompressedImageChannel("/compressed/no_format", context=context).log(CompressedImage(
            timestamp=_stamp(0), frame_id="", format="", data=b""), log_time=_log_time(0))
        LogChannel("/log/latest", context=context).log(Log(
            timestamp=Timestamp(2**32 - 1, 999_999_999), level=LogLevel.Info, message="late"),
            log_time=_log_time(0))
        FrameTransformsChannel("/tf/none", context=context).log(FrameTransforms(transforms=[]),
                                                               log_time=_log_time(0))
    return _foxglove_file(_path(directory, "write_fox_lens_edge_cases"), log)


@sample
def write_fox_lz4_small_chunks(directory: Path) -> Path:
    """foxglove-sdk options: lz4, 256-byte chunks (several MCAP chunks), two interleaved topics."""
    def log(context: foxglove.Context) -> None:
        logs = LogChannel("/log_a", context=context)
        poses = PoseInFrameChannel("/pose_b", context=context)
        for index in range(12):
            logs.log(Log(timestamp=_stamp(index), level=LogLevel.Info, message="x" * 40),
                     log_time=_log_time(2 * index))
            poses.log(PoseInFrame(timestamp=_stamp(index), frame_id="map", pose=_pose(index)),
                      log_time=_log_time(2 * index + 1))
    return _foxglove_file(_path(directory, "write_fox_lz4_small_chunks"), log,
                          compression=MCAPCompression.Lz4, chunk_size=256)


@sample
def write_fox_no_message_index(directory: Path) -> Path:
    """foxglove-sdk without MessageIndex records (statistics and chunk indexes kept)."""
    def log(context: foxglove.Context) -> None:
        channel = LogChannel("/text_log", context=context)
        for index in range(3):
            channel.log(Log(timestamp=_stamp(index), level=LogLevel.Info, message=f"m{index}"),
                        log_time=_log_time(index))
    return _foxglove_file(_path(directory, "write_fox_no_message_index"), log,
                          emit_message_indexes=False)


# --- mcap: JSON, schemaless and binary channels, file-level records, container variants ---


def _mcap_writer(path: Path, **options: Any) -> tuple[Writer, Any]:
    stream = open(path, "wb")
    writer = Writer(stream, **options)
    writer.start(profile="rrflow-samples", library="rrflow samples")
    return writer, stream


def _finish(writer: Writer, stream: Any, path: Path) -> Path:
    writer.finish()
    stream.close()
    return path


JSON_SCHEMA = json.dumps({"type": "object", "properties": {"x": {"type": "number"}}}).encode()


def _two_topic_messages(writer: Writer, count: int, *, interleave_out_of_order: bool = False) -> None:
    """`count` JSON messages on `/json` and binary messages on `/binary`, alternating."""
    schema = writer.register_schema("Point", "jsonschema", JSON_SCHEMA)
    json_channel = writer.register_channel("/json", "json", schema, metadata={"unit": "m"})
    binary_channel = writer.register_channel("/binary", "application/octet-stream", 0)
    for index in range(count):
        time = _log_time(count - index if interleave_out_of_order and index % 3 == 1 else index)
        writer.add_message(json_channel, time, json.dumps({"x": index}).encode(), time + 1, index)
        writer.add_message(binary_channel, time + 5, bytes([index % 256]) * (1 + index % 7), time + 6)


@sample
def write_mcap_json_schemaless_binary(directory: Path) -> Path:
    """Raw fallback for every non-decodable channel: JSON with a jsonschema, schemaless JSON,
    schemaless binary, a `ros1msg` schema, a `flatbuffer` schema, an empty payload; channel
    metadata (unsorted keys); topics that need escaping (`a b`, `/ns:x`, `topic` without a slash,
    `//double//slash/`); a channel with no messages (no schema row expected)."""
    path = _path(directory, "write_mcap_json_schemaless_binary")
    writer, stream = _mcap_writer(path, compression=CompressionType.ZSTD)
    point = writer.register_schema("Point", "jsonschema", JSON_SCHEMA)
    ros1 = writer.register_schema("std_msgs/String", "ros1msg", b"string data\n")
    flatbuffer = writer.register_schema("Table", "flatbuffer", b"\x10\x00\x00\x00")
    channels = [
        writer.register_channel("/json", "json", point, metadata={"zeta": "1", "alpha": "2"}),
        writer.register_channel("/json_schemaless", "json", 0),
        writer.register_channel("/blob", "application/octet-stream", 0),
        writer.register_channel("/ros1", "ros1", ros1),
        writer.register_channel("/flat", "flatbuffer", flatbuffer),
        writer.register_channel("a b", "json", 0),
        writer.register_channel("/ns:x", "json", 0),
        writer.register_channel("topic", "json", 0),
        writer.register_channel("//double//slash/", "json", 0),
    ]
    writer.register_channel("/never_written", "json", point)
    payloads = [b'{"x": 1}', b'{"y": [1, 2]}', bytes([0, 1, 2, 254, 255]), b"\x03\x00\x00\x00abc",
                b"\x08\x00\x00\x00\x00\x00\x00\x00", b"{}", b"", b'"s"', b"[]"]
    for index, (channel, payload) in enumerate(zip(channels, payloads)):
        writer.add_message(channel, _log_time(index), payload, _log_time(index) + 7, sequence=index)
        writer.add_message(channel, _log_time(index + 20), payload[::-1], _log_time(index + 20), index)
    return _finish(writer, stream, path)


@sample
def write_mcap_metadata_attachments(directory: Path) -> Path:
    """File-level decoders: three metadata records (two share the name `robot`, later value wins,
    keys unsorted), an empty-dict metadata record, two attachments (text and binary) with CRCs,
    and one JSON message so the file is not empty."""
    path = _path(directory, "write_mcap_metadata_attachments")
    writer, stream = _mcap_writer(path)
    channel = writer.register_channel("/json", "json", 0)
    writer.add_message(channel, _log_time(0), b'{"a": 1}', _log_time(0))
    writer.add_metadata("robot", {"name": "rover", "serial": "42"})
    writer.add_metadata("calibration", {"z": "3", "a": "1"})
    writer.add_metadata("robot", {"serial": "43", "firmware": "1.2"})
    writer.add_metadata("empty", {})
    writer.add_attachment(create_time=5, log_time=_log_time(1), name="notes.txt",
                          media_type="text/plain", data=b"hello attachments")
    writer.add_attachment(create_time=0, log_time=_log_time(2), name="blob.bin",
                          media_type="application/octet-stream", data=bytes(range(32)))
    return _finish(writer, stream, path)


@sample
def write_mcap_metadata_empty_name(directory: Path) -> Path:
    """A metadata record named "" next to a named one (an empty component identifier)."""
    path = _path(directory, "write_mcap_metadata_empty_name")
    writer, stream = _mcap_writer(path)
    channel = writer.register_channel("/json", "json", 0)
    writer.add_message(channel, _log_time(0), b"{}", _log_time(0))
    writer.add_metadata("", {"k": "v"})
    writer.add_metadata("named", {"k": "v"})
    return _finish(writer, stream, path)


@sample
def write_mcap_no_crcs(directory: Path) -> Path:
    """`enable_crcs=False`: chunk and attachment CRCs are 0 ("not computed"); one attachment."""
    path = _path(directory, "write_mcap_no_crcs")
    writer, stream = _mcap_writer(path, enable_crcs=False)
    _two_topic_messages(writer, 4)
    writer.add_attachment(create_time=1, log_time=2, name="a.txt", media_type="text/plain", data=b"x")
    return _finish(writer, stream, path)


@sample
def write_mcap_unchunked(directory: Path) -> Path:
    """`use_chunking=False`: messages in the data section, no ChunkIndex — only file-level output
    is expected; a metadata record too."""
    path = _path(directory, "write_mcap_unchunked")
    writer, stream = _mcap_writer(path, use_chunking=False)
    _two_topic_messages(writer, 5)
    writer.add_metadata("info", {"k": "v"})
    return _finish(writer, stream, path)


@sample
def write_mcap_no_message_index(directory: Path) -> Path:
    """Chunk indexes and statistics, but no MessageIndex records."""
    path = _path(directory, "write_mcap_no_message_index")
    writer, stream = _mcap_writer(path, index_types=IndexType.ALL & ~IndexType.MESSAGE)
    _two_topic_messages(writer, 5)
    return _finish(writer, stream, path)


@sample
def write_mcap_no_message_index_no_statistics(directory: Path) -> Path:
    """No MessageIndex records and no Statistics: empty-channel detection has nothing to go on
    (§3.7 says the stream fails during planning)."""
    path = _path(directory, "write_mcap_no_message_index_no_statistics")
    writer, stream = _mcap_writer(path, index_types=IndexType.ALL & ~IndexType.MESSAGE,
                                  use_statistics=False)
    _two_topic_messages(writer, 5)
    return _finish(writer, stream, path)


@sample
def write_mcap_no_statistics(directory: Path) -> Path:
    """`use_statistics=False`: no McapStatistics chunk, RecordingInfo without start time; empty
    channels decided from the message indexes (a registered but unused channel)."""
    path = _path(directory, "write_mcap_no_statistics")
    writer, stream = _mcap_writer(path, use_statistics=False)
    _two_topic_messages(writer, 5)
    writer.register_channel("/unused", "json", 0)
    return _finish(writer, stream, path)


@sample
def write_mcap_no_summary(directory: Path) -> Path:
    """An empty summary section (no repeated schemas/channels, statistics or indexes), so the
    footer's summary_start is 0."""
    path = _path(directory, "write_mcap_no_summary")
    writer, stream = _mcap_writer(path, index_types=IndexType.NONE, use_statistics=False,
                                  repeat_channels=False, repeat_schemas=False, use_summary_offsets=False)
    _two_topic_messages(writer, 3)
    return _finish(writer, stream, path)


@sample
def write_mcap_no_repeated_channels(directory: Path) -> Path:
    """`repeat_channels=False`: the summary has schemas but no channels, so messages are dropped."""
    path = _path(directory, "write_mcap_no_repeated_channels")
    writer, stream = _mcap_writer(path, repeat_channels=False)
    _two_topic_messages(writer, 3)
    return _finish(writer, stream, path)


@sample
def write_mcap_no_repeated_schemas(directory: Path) -> Path:
    """`repeat_schemas=False`: summary channels reference a schema id the summary never defines."""
    path = _path(directory, "write_mcap_no_repeated_schemas")
    writer, stream = _mcap_writer(path, repeat_schemas=False)
    _two_topic_messages(writer, 3)
    return _finish(writer, stream, path)


def _chunk_size_sample(directory: Path, function_name: str, chunk_size: int) -> Path:
    path = _path(directory, function_name)
    writer, stream = _mcap_writer(path, chunk_size=chunk_size, compression=CompressionType.NONE)
    _two_topic_messages(writer, 40)
    return _finish(writer, stream, path)


@sample
def write_mcap_chunk_size_200(directory: Path) -> Path:
    """40+40 messages in chunks of ~200 bytes (many MCAP chunks): rows per output chunk."""
    return _chunk_size_sample(directory, "write_mcap_chunk_size_200", 200)


@sample
def write_mcap_chunk_size_1000(directory: Path) -> Path:
    """The same messages in chunks of ~1000 bytes."""
    return _chunk_size_sample(directory, "write_mcap_chunk_size_1000", 1000)


@sample
def write_mcap_chunk_size_default(directory: Path) -> Path:
    """The same messages with the default 1 MiB chunk size: one MCAP chunk."""
    return _chunk_size_sample(directory, "write_mcap_chunk_size_default", 1024 * 1024)


def _compression_sample(directory: Path, function_name: str, compression: CompressionType) -> Path:
    path = _path(directory, function_name)
    writer, stream = _mcap_writer(path, chunk_size=600, compression=compression)
    _two_topic_messages(writer, 12)
    return _finish(writer, stream, path)


@sample
def write_mcap_lz4(directory: Path) -> Path:
    """lz4 frame compressed chunks (600-byte chunks)."""
    return _compression_sample(directory, "write_mcap_lz4", CompressionType.LZ4)


@sample
def write_mcap_zstd(directory: Path) -> Path:
    """zstd compressed chunks (600-byte chunks)."""
    return _compression_sample(directory, "write_mcap_zstd", CompressionType.ZSTD)


@sample
def write_mcap_uncompressed(directory: Path) -> Path:
    """Stored chunks, compression "" (600-byte chunks)."""
    return _compression_sample(directory, "write_mcap_uncompressed", CompressionType.NONE)


@sample
def write_mcap_out_of_order(directory: Path) -> Path:
    """Messages whose log times go backwards inside a chunk and chunks with overlapping time
    ranges: nothing is re-sorted, `rerun:is_sorted` follows the values."""
    path = _path(directory, "write_mcap_out_of_order")
    writer, stream = _mcap_writer(path, chunk_size=300, compression=CompressionType.NONE)
    _two_topic_messages(writer, 12, interleave_out_of_order=True)
    return _finish(writer, stream, path)


# --- mcap-protobuf-support: custom and well-known messages ---


def _encode(message: Any, map_entries: dict[str, list[tuple[Any, Any]]] | None = None) -> bytes:
    """Deterministic wire bytes; map entries are appended in the given (unsorted) order, since
    protobuf map fields are repeated entry messages and serialised messages concatenate."""
    encoded = message.SerializeToString(deterministic=True)
    for field_name, entries in (map_entries or {}).items():
        for key, value in entries:
            single = type(message)()
            if hasattr(value, "SerializeToString"):
                getattr(single, field_name)[key].CopyFrom(value)
            else:
                getattr(single, field_name)[key] = value
            encoded += single.SerializeToString(deterministic=True)
    return encoded


def _protobuf_file(path: Path, messages: list[tuple[str, Any, bytes | None]], **options: Any) -> Path:
    """Writes `(topic, message, payload override)` triples, one schema and channel per topic,
    schemas built by mcap-protobuf-support."""
    writer, stream = _mcap_writer(path, **options)
    channels: dict[str, int] = {}
    for index, (topic, message, payload) in enumerate(messages):
        if topic not in channels:
            schema = register_schema(writer, type(message))
            channels[topic] = writer.register_channel(topic, "protobuf", schema)
        data = _encode(message) if payload is None else payload
        writer.add_message(channels[topic], _log_time(index), data, _log_time(index) + 3, index)
    return _finish(writer, stream, path)


@sample
def write_proto3_kinds(directory: Path) -> Path:
    """proto3 reflection: every scalar kind, enum (name+value), nested message, repeated scalars,
    messages and enums, maps (string→int32, int32→message) written unsorted, a 3-member oneof
    (text / number / message / unset), a 1-member oneof, proto3 `optional` set to its default
    and unset, empty repeated and map fields, and an all-default message."""
    kinds, address = CLASSES["rrflow.samples.Kinds3"], CLASSES["rrflow.samples.Address"]
    full = kinds(f_double=1.5, f_float=-2.25, f_int32=-3, f_int64=-(2**40), f_uint32=2**32 - 1,
                 f_uint64=2**64 - 1, f_sint32=-7, f_sint64=-(2**50), f_fixed32=9, f_fixed64=2**60,
                 f_sfixed32=-11, f_sfixed64=-(2**62), f_bool=True, f_string="héllo", f_bytes=b"\0\1\2",
                 status=2, address=address(street="Oak Ave"), tags=["a", "b"],
                 samples=[0.5, float("inf"), float("nan")], addresses=[address(city="X"), address()],
                 statuses=[1, 0], choice_text="picked", maybe_int=0, lonely_value=4)
    full_bytes = _encode(full, {"counts": [("zeta", 26), ("alpha", 1), ("mid", -5)],
                                "places": [(7, address(street="7th")), (-1, address(city="neg"))]})
    messages = [
        ("/kinds3", full, full_bytes),
        ("/kinds3", kinds(choice_number=12, maybe_text="", maybe_status=0), None),
        ("/kinds3", kinds(choice_address=address(street="S", city="C"), status=1), None),
        ("/kinds3", kinds(), None),
    ]
    return _protobuf_file(_path(directory, "write_proto3_kinds"), messages)


@sample
def write_proto2_kinds(directory: Path) -> Path:
    """proto2 reflection: required fields, optional fields with presence (set, unset, set to the
    default), a custom string default, a sparse enum (1, 2, 5), nested and repeated messages,
    packed-less repeated sint32, bytes."""
    kinds, inner = CLASSES["rrflow.samples2.Kinds2"], CLASSES["rrflow.samples2.Inner"]
    messages = [
        ("/kinds2", kinds(id=1, name="first", ratio=0.25, flag=False, color=5,
                          inner=inner(label="in", weight=1.5), values=[-1, 0, 1],
                          inners=[inner(label="a"), inner(label="b", weight=0.0)], blob=b"\xff"), None),
        ("/kinds2", kinds(id=2), None),
        ("/kinds2", kinds(id=3, name="", color=1, inner=inner(label="")), None),
    ]
    return _protobuf_file(_path(directory, "write_proto2_kinds"), messages)


@sample
def write_proto_timestamp_duration(directory: Path) -> Path:
    """Well-known Timestamp and Duration: as fields of a custom message (set and unset) and as
    the top-level message of their own topics."""
    times = CLASSES["rrflow.samples.Times"]
    stamp, duration = CLASSES["google.protobuf.Timestamp"], CLASSES["google.protobuf.Duration"]
    messages = [
        ("/times", times(stamp=stamp(seconds=1_700_000_000, nanos=5), elapsed=duration(seconds=-3, nanos=-7),
                         label="both"), None),
        ("/times", times(label="none"), None),
        ("/stamp", stamp(seconds=12, nanos=34), None),
        ("/duration", duration(seconds=5), None),
    ]
    return _protobuf_file(_path(directory, "write_proto_timestamp_duration"), messages)


@sample
def write_proto_struct_value(directory: Path) -> Path:
    """Well-known Struct / Value / ListValue fields (JSON text expected; 0.33.1 is said to crash
    on them) and a top-level Struct topic."""
    dynamic, struct_class = CLASSES["rrflow.samples.Dynamic"], CLASSES["google.protobuf.Struct"]
    first = dynamic(label="filled")
    first.object.update({"b": 1.5, "a": [True, None, "s"], "nested": {"k": -2}})
    first.value.number_value = 3.0
    first.list.extend([1, "two", False])
    second = dynamic(label="empty")
    top = struct_class()
    top.update({"z": "last", "a": 1})
    messages = [("/dynamic", first, None), ("/dynamic", second, None), ("/struct", top, None)]
    return _protobuf_file(_path(directory, "write_proto_struct_value"), messages)


@sample
def write_proto_recursive(directory: Path) -> Path:
    """A self-referential message (Tree.children / Tree.parent): Binary re-encoding expected."""
    tree = CLASSES["rrflow.samples.Tree"]
    root = tree(name="root", children=[tree(name="leaf", children=[tree(name="deep")])],
                parent=tree(name="up"))
    messages = [("/tree", root, None), ("/tree", tree(name="alone"), None)]
    return _protobuf_file(_path(directory, "write_proto_recursive"), messages)


@sample
def write_proto_corrupt_messages(directory: Path) -> Path:
    """Every other message is not valid protobuf: only the valid rows are expected, in order."""
    address = CLASSES["rrflow.samples.Address"]
    messages = []
    for index in range(6):
        valid = index % 2 == 0
        messages.append(("/addresses", address(street=f"street {index}"), None if valid else b"\xff\xff\xff"))
    return _protobuf_file(_path(directory, "write_proto_corrupt_messages"), messages)


@sample
def write_proto_and_raw_in_one_chunk(directory: Path) -> Path:
    """One MCAP chunk holding a JSON channel (id 1, written first) and a protobuf channel (id 2):
    shows the order of the raw and protobuf decoders' output."""
    path = _path(directory, "write_proto_and_raw_in_one_chunk")
    writer, stream = _mcap_writer(path)
    json_channel = writer.register_channel("/json", "json", 0)
    address = CLASSES["rrflow.samples.Address"]
    proto_channel = writer.register_channel("/address", "protobuf", register_schema(writer, address))
    for index in range(2):
        writer.add_message(json_channel, _log_time(2 * index), b"{}", _log_time(2 * index))
        writer.add_message(proto_channel, _log_time(2 * index + 1), _encode(address(city=str(index))),
                           _log_time(2 * index + 1))
    return _finish(writer, stream, path)


@sample
def write_proto_bad_descriptor(directory: Path) -> Path:
    """A protobuf schema whose data is not a FileDescriptorSet (fails the whole stream) next to a
    valid JSON channel."""
    path = _path(directory, "write_proto_bad_descriptor")
    writer, stream = _mcap_writer(path)
    bad = writer.register_schema("rrflow.samples.Address", "protobuf", b"\xff\x00not a descriptor")
    channel = writer.register_channel("/bad", "protobuf", bad)
    other = writer.register_channel("/json", "json", 0)
    writer.add_message(channel, _log_time(0), b"", _log_time(0))
    writer.add_message(other, _log_time(1), b"{}", _log_time(1))
    return _finish(writer, stream, path)


@sample
def write_proto_unknown_message_name(directory: Path) -> Path:
    """A valid FileDescriptorSet whose schema name names no message in it."""
    path = _path(directory, "write_proto_unknown_message_name")
    writer, stream = _mcap_writer(path)
    descriptor_data = _descriptor_set_bytes(CLASSES["rrflow.samples.Address"])
    schema = writer.register_schema("rrflow.samples.Missing", "protobuf", descriptor_data)
    channel = writer.register_channel("/missing", "protobuf", schema)
    writer.add_message(channel, _log_time(0), b"", _log_time(0))
    return _finish(writer, stream, path)


@sample
def write_proto_without_schema(directory: Path) -> Path:
    """A `protobuf` channel without schema (schema id 0): raw fallback expected."""
    path = _path(directory, "write_proto_without_schema")
    writer, stream = _mcap_writer(path)
    channel = writer.register_channel("/schemaless_proto", "protobuf", 0)
    writer.add_message(channel, _log_time(0), _encode(CLASSES["rrflow.samples.Address"](street="s")),
                       _log_time(0))
    return _finish(writer, stream, path)


def _descriptor_set_bytes(message_class: Any) -> bytes:
    from mcap_protobuf.schema import build_file_descriptor_set

    return build_file_descriptor_set(message_class).SerializeToString(deterministic=True)


# --- damaged files, derived from intact ones ---


def _derived(directory: Path, function_name: str, source: Callable[[Path], Path],
             edit: Callable[[bytes], bytes]) -> Path:
    """Writes `edit(bytes of source's file)` as this sample."""
    scratch = Path(directory) / (function_name.removeprefix("write_") + ".source")
    scratch.mkdir(exist_ok=True)
    original = source(scratch).read_bytes()
    path = _path(directory, function_name)
    path.write_bytes(edit(original))
    return path


def _summary_start(data: bytes) -> int:
    (summary_start,) = struct.unpack_from("<Q", data, len(data) - 8 - 20)
    return summary_start


def _first_chunk_body(data: bytes) -> int:
    """Offset of the body of the first top-level Chunk record (opcode 0x06)."""
    position = len(MAGIC)
    while position < len(data):
        opcode, length = struct.unpack_from("<BQ", data, position)
        if opcode == 0x06:
            return position + 9
        position += 9 + length
    raise ValueError("no chunk record")


@sample
def write_damaged_not_mcap(directory: Path) -> Path:
    """Not an MCAP file at all (text)."""
    path = _path(directory, "write_damaged_not_mcap")
    path.write_bytes(b"this is not an mcap file, just some text\n" * 4)
    return path


@sample
def write_damaged_empty(directory: Path) -> Path:
    """A zero-byte file."""
    path = _path(directory, "write_damaged_empty")
    path.write_bytes(b"")
    return path


@sample
def write_damaged_truncated_half(directory: Path) -> Path:
    """`mcap_zstd` cut in the middle (no footer, no end magic)."""
    return _derived(directory, "write_damaged_truncated_half", write_mcap_zstd,
                    lambda data: data[: len(data) // 2])


@sample
def write_damaged_cut_at_summary(directory: Path) -> Path:
    """`mcap_zstd` cut at summary_start: data section and DataEnd intact, nothing after."""
    return _derived(directory, "write_damaged_cut_at_summary", write_mcap_zstd,
                    lambda data: data[: _summary_start(data)])


@sample
def write_damaged_bad_end_magic(directory: Path) -> Path:
    """`mcap_zstd` with the last byte of the end magic changed."""
    return _derived(directory, "write_damaged_bad_end_magic", write_mcap_zstd,
                    lambda data: data[:-1] + b"\x00")


@sample
def write_damaged_corrupt_summary(directory: Path) -> Path:
    """`mcap_zstd` with the first summary record's opcode replaced by 0x00 (invalid)."""
    def edit(data: bytes) -> bytes:
        start = _summary_start(data)
        return data[:start] + b"\x00" + data[start + 1:]
    return _derived(directory, "write_damaged_corrupt_summary", write_mcap_zstd, edit)


@sample
def write_damaged_bad_chunk_crc(directory: Path) -> Path:
    """`mcap_uncompressed` with the first chunk's uncompressed_crc changed (data intact)."""
    def edit(data: bytes) -> bytes:
        crc_offset = _first_chunk_body(data) + 24
        (crc,) = struct.unpack_from("<I", data, crc_offset)
        return data[:crc_offset] + struct.pack("<I", crc ^ 0xFFFF) + data[crc_offset + 4:]
    return _derived(directory, "write_damaged_bad_chunk_crc", write_mcap_uncompressed, edit)


@sample
def write_damaged_bad_chunk_data(directory: Path) -> Path:
    """`mcap_uncompressed` with one byte of the first chunk's first message payload flipped, so the
    stored CRC no longer matches the records."""
    def edit(data: bytes) -> bytes:
        body = _first_chunk_body(data)
        position = data.index(b'{"x": 0}', body)
        return data[:position + 6] + b"9" + data[position + 7:]
    return _derived(directory, "write_damaged_bad_chunk_data", write_mcap_uncompressed, edit)


@sample
def write_damaged_bad_attachment_crc(directory: Path) -> Path:
    """`mcap_metadata_attachments` with one byte of the first attachment's data changed, so its
    CRC no longer matches (the second attachment is intact)."""
    return _derived(directory, "write_damaged_bad_attachment_crc", write_mcap_metadata_attachments,
                    lambda data: data.replace(b"hello attachments", b"jello attachments"))


@sample
def write_damaged_unknown_compression(directory: Path) -> Path:
    """`mcap_zstd` with every `zstd` compression string (chunks and chunk indexes) renamed `zzzz`."""
    return _derived(directory, "write_damaged_unknown_compression", write_mcap_zstd,
                    lambda data: data.replace(b"\x04\x00\x00\x00zstd", b"\x04\x00\x00\x00zzzz"))


@sample
def write_damaged_second_chunk_unknown_compression(directory: Path) -> Path:
    """`mcap_zstd` with only the second chunk (record and index) claiming compression `zzzz`:
    the first chunk's output should still arrive before the error."""
    def edit(data: bytes) -> bytes:
        marker = b"\x04\x00\x00\x00zstd"
        first_chunk = data.index(marker)
        second_chunk = data.index(marker, first_chunk + 1)
        summary = _summary_start(data)
        first_index = data.index(marker, summary)
        second_index = data.index(marker, first_index + 1)
        out = bytearray(data)
        for position in (second_chunk, second_index):
            out[position + 4:position + 8] = b"zzzz"
        return bytes(out)
    return _derived(directory, "write_damaged_second_chunk_unknown_compression", write_mcap_zstd, edit)


@sample
def write_damaged_channel_unknown_schema(directory: Path) -> Path:
    """A channel whose schema id (9) was never registered."""
    path = _path(directory, "write_damaged_channel_unknown_schema")
    writer, stream = _mcap_writer(path)
    channel = writer.register_channel("/orphan", "protobuf", 9)
    writer.add_message(channel, _log_time(0), b"\x08\x01", _log_time(0))
    return _finish(writer, stream, path)
