"""Peak memory and time of streaming a recording made of large image chunks.

Input: an RRD file generated once into bench/out/ with rerun-sdk (not timed):
`--chunks` chunks of `--chunk-mib` MiB each, alternating between the entities
`/camera/left` and `/camera/right`. Each chunk is one `rr.send_columns` call
of 4 MiB RGBA images (upper half a gradient, lower half noise, so LZ4 halves
them), and the script checks that each one is stored as one ArrowMsg of about
`--chunk-mib` MiB uncompressed.

Cases (nothing is kept; the point is the peak RSS):
`iterate` iterates `RrdReader(path).stream()`; `store_iterate` iterates
`RrdReader(path).store().stream()`; `merge` merges two filtered streams of
the file, one per camera; `split_merge` splits one stream by camera and
merges both branches; `write_rrd` writes `stream()` to a new file.

The aim: every case stays under 600 MiB peak RSS, whatever the file size.

Run: .venv/bin/python bench/large_image_bench.py [--chunks N] [--chunk-mib M] [--repeat K]
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

OUT = Path(__file__).parent / "out"
IMAGE_SIDE = 1024  # 1024 x 1024 RGBA8: 4 MiB per image
IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE * 4
CAMERAS = ("/camera/left", "/camera/right")
MESSAGE_HEADER = struct.Struct("<QQ")  # kind, payload length
ARROW_MSG_KIND = 2
END_KIND = 0
STREAM_HEADER_SIZE = 12


def _path(chunks: int, chunk_mib: int) -> Path:
    return OUT / f"large_images_{chunks}x{chunk_mib}MiB.rrd"


def ensure_file(chunks: int, chunk_mib: int) -> Path:
    """Writes the input once with rerun-sdk, one `send_columns` call per chunk."""
    path = _path(chunks, chunk_mib)
    if path.exists():
        return path
    import rerun as rr

    OUT.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    images_per_chunk = max(1, chunk_mib * 2**20 // IMAGE_BYTES)
    rng = np.random.default_rng(0)
    gradient = np.broadcast_to((np.arange(IMAGE_SIDE) % 256).astype(np.uint8)[None, :, None],
                               (IMAGE_SIDE // 2, IMAGE_SIDE, 4))
    image_format = rr.components.ImageFormat(width=IMAGE_SIDE, height=IMAGE_SIDE, color_model="RGBA",
                                             channel_datatype="U8")
    rec = rr.RecordingStream("rrflow_bench", recording_id="large_images")
    rec.save(partial)
    for chunk in range(chunks):
        images = [np.concatenate([gradient, rng.integers(0, 255, (IMAGE_SIDE - IMAGE_SIDE // 2, IMAGE_SIDE, 4),
                                                           dtype=np.uint8)]).reshape(-1)
                  for _ in range(images_per_chunk)]
        frames = np.arange(chunk * images_per_chunk, (chunk + 1) * images_per_chunk, dtype=np.int64)
        rec.send_columns(CAMERAS[chunk % len(CAMERAS)], indexes=[rr.TimeColumn("frame", sequence=frames)],
                         columns=rr.Image.columns(buffer=images, format=[image_format] * images_per_chunk))
    rec.flush()
    rec.disconnect()
    partial.rename(path)
    return path


def arrow_msg_sizes(path: Path) -> list[tuple[int, int]]:
    """(stored, uncompressed) bytes of every ArrowMsg of the file, read message by message."""
    from rrd_bench import _protobuf_fields

    sizes = []
    with path.open("rb") as file:
        file.seek(STREAM_HEADER_SIZE)
        while header := file.read(MESSAGE_HEADER.size):
            kind, length = MESSAGE_HEADER.unpack(header)
            if kind == END_KIND:
                break
            body = file.read(length)
            if kind == ARROW_MSG_KIND:
                fields = _protobuf_fields(body)
                sizes.append((len(fields[5]), fields[3]))
    return sizes


def check_file(path: Path, chunks: int, chunk_mib: int) -> None:
    """Prints the message sizes; fails unless each image chunk is one ArrowMsg of about chunk_mib MiB."""
    sizes = arrow_msg_sizes(path)
    large = [size for size in sizes if size[1] >= chunk_mib * 2**20 // 2]
    stored = sum(size[0] for size in sizes) / 2**20
    uncompressed = [size[1] / 2**20 for size in large]
    print(f"input: {path} ({path.stat().st_size / 2**20:.0f} MiB): {len(sizes)} ArrowMsg "
          f"({stored:.0f} MiB stored), {len(large)} of {min(uncompressed, default=0):.1f}-"
          f"{max(uncompressed, default=0):.1f} MiB uncompressed")
    if len(large) != chunks:
        raise SystemExit(f"expected {chunks} ArrowMsg of about {chunk_mib} MiB, found {len(large)}")


def case_iterate(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["chunks"], extra["chunk_mib"])
    return lambda: sum(chunk.num_rows for chunk in lib.RrdReader(path).stream())


def case_store_iterate(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["chunks"], extra["chunk_mib"])
    return lambda: sum(chunk.num_rows for chunk in lib.RrdReader(path).store().stream())


def case_merge(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["chunks"], extra["chunk_mib"])

    def run() -> int:
        reader = lib.RrdReader(path)
        left = reader.stream().filter(content=CAMERAS[0])
        right = reader.stream().filter(content=CAMERAS[1])
        return sum(chunk.num_rows for chunk in lib.LazyChunkStream.merge(left, right))

    return run


def case_split_merge(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["chunks"], extra["chunk_mib"])

    def run() -> int:
        left, right = lib.RrdReader(path).stream().split(content=CAMERAS[0])
        return sum(chunk.num_rows for chunk in lib.LazyChunkStream.merge(left, right))

    return run


def case_write_rrd(lib: Any, extra: dict[str, Any]) -> Any:
    path = _path(extra["chunks"], extra["chunk_mib"])
    target = path.with_name(f"{path.stem}_copy_{lib.__name__.split('.')[0]}.rrd")
    return lambda: lib.RrdReader(path).stream().write_rrd(target, application_id="bench", recording_id="copy")


if __name__ == "__main__":
    defaults = {"chunks": 24, "chunk_mib": 64}
    if "--worker" not in sys.argv:
        settings = dict(defaults)
        for key in settings:
            flag = f"--{key.replace('_', '-')}"
            if flag in sys.argv:
                settings[key] = int(sys.argv[sys.argv.index(flag) + 1])
        check_file(ensure_file(**settings), **settings)
    harness.main(sys.modules[__name__], ["iterate", "store_iterate", "merge", "split_merge", "write_rrd"],
                 "Large image chunks", extra=defaults)
