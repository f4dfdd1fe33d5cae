"""RRD files written by rrflow against the real Rerun (0.33.1, and the newest
release when scripts/setup_latest_rerun.sh has made .venv-latest).

Every source file is read by rrflow and written back by rrflow's writer (the
`rrd_roundtrip` test tool), then `rerun rrd verify` must accept the copy,
`rerun rrd compare` must find it equal to the source, rerun-sdk's RrdReader
must read it, and its footer manifests must equal the SDK's.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from protobuf_wire import protobuf_fields

rr = pytest.importorskip("rerun")
from rerun.experimental import RrdReader  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
SDK_FILES = sorted(DATA.glob("*.rrd"))
RERUN_0_33 = Path(sys.executable).parent / "rerun"
RERUN_LATEST = ROOT / ".venv-latest" / "bin" / "rerun"


def find_roundtrip_tool() -> Path | None:
    if "RRFLOW_RRD_ROUNDTRIP" in os.environ:
        return Path(os.environ["RRFLOW_RRD_ROUNDTRIP"])
    candidates = sorted((ROOT / "build").glob("*/tests/cpp/rrd_roundtrip"), key=lambda p: p.stat().st_mtime)
    return candidates[-1] if candidates else None


@pytest.fixture(scope="session")
def roundtrip_tool() -> Path:
    tool = find_roundtrip_tool()
    if tool is None or not tool.exists():
        pytest.skip("rrd_roundtrip is not built (RRFLOW_BUILD_TESTS=ON builds it)")
    return tool


def roundtrip(tool: Path, source: Path, target: Path, *options: str) -> Path:
    result = subprocess.run([tool, source, target, *options], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return target


def rerun_cli(binary: Path, *args: object) -> subprocess.CompletedProcess[str]:
    if not binary.exists():
        pytest.skip(f"{binary} is missing")
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=120)


def assert_ok(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


def write_rich_recording(path: Path) -> None:
    """More archetypes and timelines than the committed files, with rr.log."""
    rec = rr.RecordingStream("rrflow_interop", recording_id="rich")
    with rec:
        rec.save(str(path))
        rr.log("world", rr.ViewCoordinates.RIGHT_HAND_Z_UP, static=True)
        for frame in range(12):
            rr.set_time("frame", sequence=frame)
            rr.set_time("sensor time", timestamp=1_700_000_000 + frame * 0.1)
            rr.log("world/points", rr.Points3D(np.random.default_rng(frame).random((5, 3)), radii=0.1))
            rr.log("world/boxes", rr.Boxes3D(half_sizes=[[1, 1, 1]], labels=[f"box {frame}"]))
            rr.log("world/lines", rr.LineStrips3D([[[0, 0, 0], [1, frame, 0]]]))
            rr.log("camera/image", rr.Image(np.full((3, 4), frame, dtype=np.uint8)))
            rr.log("logs", rr.TextLog(f"frame {frame}", level=rr.TextLogLevel.INFO))
            rr.log("plots/value", rr.Scalars(frame * 0.5))
    rec.disconnect()


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    rich = tmp_path_factory.mktemp("sources") / "rich.rrd"
    write_rich_recording(rich)
    return {path.name: path for path in [*SDK_FILES, rich]}


SOURCE_NAMES = [path.name for path in SDK_FILES] + ["rich.rrd"]
WITH_FOOTER = ["rich.rrd"] + [path.name for path in SDK_FILES if path.read_bytes().endswith(b"RRF2FOOT\x01\0\0\0")]


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_verify_and_compare(name: str, sources: dict[str, Path], roundtrip_tool: Path, tmp_path: Path) -> None:
    source = sources[name]
    ours = roundtrip(roundtrip_tool, source, tmp_path / "ours.rrd")
    assert_ok(rerun_cli(RERUN_0_33, "rrd", "verify", ours))
    assert_ok(rerun_cli(RERUN_0_33, "rrd", "compare", source, ours))
    assert_ok(rerun_cli(RERUN_0_33, "rrd", "compare", "--unordered", source, ours))


@pytest.mark.parametrize("options", [["--no-footer"], ["--uncompressed"], ["--no-footer", "--uncompressed"]])
def test_writer_options(options: list[str], sources: dict[str, Path], roundtrip_tool: Path, tmp_path: Path) -> None:
    source = sources["rich.rrd"]
    ours = roundtrip(roundtrip_tool, source, tmp_path / "ours.rrd", *options)
    assert_ok(rerun_cli(RERUN_0_33, "rrd", "compare", "--unordered", source, ours))
    if "--no-footer" not in options:
        assert_ok(rerun_cli(RERUN_0_33, "rrd", "verify", ours))
    with pytest.warns(match="no footer") if "--no-footer" in options else _no_warning_check():
        reader = RrdReader(ours)
    assert len(reader.stream().to_chunks()) == len(RrdReader(source).stream().to_chunks())


class _no_warning_check:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.mark.filterwarnings("ignore:RRD file has no footer")
@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_rerun_sdk_reads_our_files(name: str, sources: dict[str, Path], roundtrip_tool: Path, tmp_path: Path) -> None:
    source = RrdReader(sources[name])
    ours = RrdReader(roundtrip(roundtrip_tool, sources[name], tmp_path / "ours.rrd"))
    assert ours.recordings() == source.recordings()
    assert ours.blueprints() == source.blueprints()
    ours_chunks = ours.stream().to_chunks()
    source_chunks = source.stream().to_chunks()
    assert [c.id for c in ours_chunks] == [c.id for c in source_chunks]
    assert [c.num_rows for c in ours_chunks] == [c.num_rows for c in source_chunks]
    assert ours.stream().collect().summary() == source.stream().collect().summary()
    # Our footer serves the reference's LazyStore.
    if name in WITH_FOOTER:
        assert ours.store().summary() == source.store().summary()
    else:
        assert len(ours.store()) == len(ours_chunks)


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_newest_rerun_accepts_our_files(name: str, sources: dict[str, Path], roundtrip_tool: Path, tmp_path: Path) -> None:
    if not RERUN_LATEST.exists():
        pytest.skip("no .venv-latest (scripts/setup_latest_rerun.sh makes it)")
    source = sources[name]
    ours = roundtrip(roundtrip_tool, source, tmp_path / "ours.rrd")
    assert_ok(rerun_cli(RERUN_LATEST, "rrd", "verify", ours))
    assert_ok(rerun_cli(RERUN_LATEST, "rrd", "compare", "--unordered", source, ours))


NEWEST_SDK_SCRIPT = """
import sys
import numpy as np
import rerun as rr
rec = rr.RecordingStream("rrflow_interop", recording_id="newest")
with rec:
    rec.save(sys.argv[1])
    rr.log("text", rr.TextDocument("static"), static=True)
    for frame in range(5):
        rr.set_time("frame", sequence=frame)
        rr.log("points", rr.Points3D(np.random.default_rng(frame).random((4, 3)), colors=[1, 2, 3]))
        rr.log("camera", rr.Transform3D(translation=[frame, 0, 0]))
rec.disconnect()
"""


def test_reads_files_of_the_newest_rerun(roundtrip_tool: Path, tmp_path: Path) -> None:
    python = RERUN_LATEST.parent / "python"
    if not python.exists():
        pytest.skip("no .venv-latest (scripts/setup_latest_rerun.sh makes it)")
    source = tmp_path / "newest.rrd"
    subprocess.run([python, "-c", NEWEST_SDK_SCRIPT, source], check=True, capture_output=True)
    ours = roundtrip(roundtrip_tool, source, tmp_path / "ours.rrd")
    assert_ok(rerun_cli(RERUN_LATEST, "rrd", "verify", ours))
    assert_ok(rerun_cli(RERUN_LATEST, "rrd", "compare", "--unordered", source, ours))


# --- manifests ---------------------------------------------------------------


def _lz4_decompress(data: bytes, size: int) -> bytes:
    library = ctypes.util.find_library("lz4") or "liblz4.so.1"
    lz4 = ctypes.CDLL(library)
    out = ctypes.create_string_buffer(size)
    assert lz4.LZ4_decompress_safe(data, out, len(data), size) == size
    return out.raw


def read_manifests(path: Path) -> dict[bytes, tuple[pa.Schema, pa.RecordBatch]]:
    data = path.read_bytes()
    start, length = struct.unpack_from("<QQ", data, len(data) - 32)
    manifests = {}
    for _, manifest_bytes in protobuf_fields(data[start : start + length]):
        manifest = dict(protobuf_fields(manifest_bytes))
        schema = pa.ipc.open_stream(dict(protobuf_fields(manifest[2]))[1]).schema
        part = dict(protobuf_fields(manifest[4]))
        payload = part[2] if part.get(3) != 2 else _lz4_decompress(part[2], part[4])
        manifests[manifest[1]] = (schema, pa.ipc.open_stream(payload).read_next_batch())
    return manifests


@pytest.mark.parametrize("name", WITH_FOOTER)
def test_manifests_equal_the_sdk_ones(name: str, sources: dict[str, Path], roundtrip_tool: Path, tmp_path: Path) -> None:
    source = sources[name]
    ours = roundtrip(roundtrip_tool, source, tmp_path / "ours.rrd")
    expected, actual = read_manifests(source), read_manifests(ours)
    assert expected.keys() == actual.keys()
    byte_columns = {"chunk_byte_offset", "chunk_byte_size", "chunk_byte_size_uncompressed"}
    for store, (expected_schema, expected_batch) in expected.items():
        actual_schema, actual_batch = actual[store]
        # Field order of the store schema is unspecified (a hash map in Rerun).
        assert sorted(f.name for f in actual_schema) == sorted(f.name for f in expected_schema)
        for field in expected_schema:
            assert actual_schema.field(field.name).equals(field, check_metadata=True), field.name
        assert actual_batch.schema.equals(expected_batch.schema, check_metadata=True)
        for column in expected_batch.schema.names:
            if column not in byte_columns:
                assert actual_batch.column(column).equals(expected_batch.column(column)), column
