"""RRD reading and writing, rrflow vs rerun-sdk on the same file.

Cases: full read (`stream().to_chunks()`), streaming iteration (peak RSS),
read + write round trip, `LazyStore` open, filter-then-write, and iterating
a `LazyStore` stream (whole, and filtered by entity: it loads only the
chunks it selects, by byte range). The LZ4 floor (decompressing every chunk
payload, nothing else) is printed first as the bound a reader cannot beat.

Run: .venv/bin/python bench/make_recording.py bench/out/bench_large.rrd --megabytes 900
     .venv/bin/python bench/rrd_bench.py --path bench/out/bench_large.rrd
"""

from __future__ import annotations

import struct
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402


def case_read_all(lib: Any, extra: dict[str, Any]) -> Any:
    return lambda: lib.RrdReader(extra["path"]).stream().to_chunks()


def case_iterate(lib: Any, extra: dict[str, Any]) -> Any:
    def run() -> int:
        rows = 0
        for chunk in lib.RrdReader(extra["path"]).stream():
            rows += chunk.num_rows
        return rows

    return run


def case_round_trip(lib: Any, extra: dict[str, Any]) -> Any:
    out = Path(tempfile.mkdtemp()) / "copy.rrd"
    return lambda: lib.RrdReader(extra["path"]).stream().write_rrd(out, application_id="bench", recording_id="copy")


def case_filter_write(lib: Any, extra: dict[str, Any]) -> Any:
    out = Path(tempfile.mkdtemp()) / "filtered.rrd"

    def run() -> None:
        stream = lib.RrdReader(extra["path"]).stream().filter(content="/camera/**")
        stream.write_rrd(out, application_id="bench", recording_id="filtered")

    return run


def case_lazy_open(lib: Any, extra: dict[str, Any]) -> Any:
    def run() -> str:
        store = lib.RrdReader(extra["path"]).store()
        return f"{len(store)} {store.summary()[:10]}"

    return run


def case_lazy_iterate(lib: Any, extra: dict[str, Any]) -> Any:
    def run() -> int:
        return sum(chunk.num_rows for chunk in lib.RrdReader(extra["path"]).store().stream())

    return run


def case_lazy_filter(lib: Any, extra: dict[str, Any]) -> Any:
    def run() -> int:
        stream = lib.RrdReader(extra["path"]).store().stream().filter(content="/camera/**")
        return sum(chunk.num_rows for chunk in stream)

    return run


def lz4_floor_seconds(path: str) -> float | None:
    """Seconds to LZ4-decompress every ArrowMsg payload of the file (protobuf parsed by hand).

    None without the `lz4` module (not a project dependency).
    """
    try:
        import lz4.block
    except ImportError:
        return None

    data = Path(path).read_bytes()
    payloads = []
    position = 12
    while position + 16 <= len(data):
        kind, length = struct.unpack_from("<QQ", data, position)
        body = data[position + 16 : position + 16 + length]
        position += 16 + length
        if kind == 0:
            break
        if kind == 2:
            fields = _protobuf_fields(body)
            if fields.get(2) == 2:
                payloads.append((fields[5], fields[3]))
    start = time.perf_counter()
    for payload, size in payloads:
        lz4.block.decompress(payload, uncompressed_size=size)
    return time.perf_counter() - start


def _protobuf_fields(buffer: bytes) -> dict[int, Any]:
    fields: dict[int, Any] = {}
    i = 0
    while i < len(buffer):
        key, i = _varint(buffer, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            fields[number], i = _varint(buffer, i)
        elif wire == 1:
            fields[number], i = buffer[i : i + 8], i + 8
        elif wire == 2:
            length, i = _varint(buffer, i)
            fields[number], i = buffer[i : i + length], i + length
        else:
            fields[number], i = buffer[i : i + 4], i + 4
    return fields


def _varint(buffer: bytes, i: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buffer[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


if __name__ == "__main__":
    if "--worker" not in sys.argv:
        path = sys.argv[sys.argv.index("--path") + 1] if "--path" in sys.argv else "bench/out/bench_large.rrd"
        size = Path(path).stat().st_size / 1e6
        floor = lz4_floor_seconds(path)
        floor_text = "not measured (no lz4 module)" if floor is None else f"{floor:.3f} s"
        print(f"file {path}: {size:.0f} MB; LZ4 floor (decompress all payloads): {floor_text}")
    cases = ["read_all", "iterate", "round_trip", "filter_write", "lazy_open", "lazy_iterate", "lazy_filter"]
    harness.main(sys.modules[__name__], cases, "RRD read/write", extra={"path": "bench/out/bench_large.rrd"})
