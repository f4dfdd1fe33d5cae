"""RrdReader, LazyStore and write_rrd against rerun-sdk 0.33.1 on the same files."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pyarrow as pa
import pytest

import rrflow

rr = pytest.importorskip("rerun")
import rerun.experimental as rrx  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "data"
ALL_FILES = sorted(p.name for p in DATA.glob("*.rrd"))


def _has_footer(name: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rrflow.RrdReader(DATA / name)._internal.has_footer()


WITH_FOOTER = [name for name in ALL_FILES if _has_footer(name)]
WITHOUT_FOOTER = [name for name in ALL_FILES if not _has_footer(name)]
RERUN_CLI = Path(sys.executable).parent / "rerun"


def readers(path: Path) -> tuple[rrflow.RrdReader, rrx.RrdReader]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return rrflow.RrdReader(path), rrx.RrdReader(path)


def entries(entries_list: list) -> list[tuple[str, str, str]]:
    return [(e.kind, e.application_id, e.recording_id) for e in entries_list]


@pytest.mark.parametrize("name", WITH_FOOTER + WITHOUT_FOOTER)
def test_store_listing_matches(name: str) -> None:
    ours, theirs = readers(DATA / name)
    assert entries(ours.recordings()) == entries(theirs.recordings())
    assert entries(ours.blueprints()) == entries(theirs.blueprints())
    assert ours.path == theirs.path
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("name", WITH_FOOTER + WITHOUT_FOOTER)
def test_streamed_chunks_match(name: str) -> None:
    ours, theirs = readers(DATA / name)
    for ours_entry, theirs_entry in zip(ours.recordings() + ours.blueprints(), theirs.recordings() + theirs.blueprints()):
        a = ours.stream(store=ours_entry).to_chunks()
        b = theirs.stream(store=theirs_entry).to_chunks()
        assert [c.id for c in a] == [c.id for c in b]
        for x, y in zip(a, b):
            assert x.to_record_batch().equals(y.to_record_batch())
        assert rrflow.ChunkStore.from_chunks(a).summary() == rrx.ChunkStore.from_chunks(b).summary()


@pytest.mark.parametrize("name", WITH_FOOTER)
def test_lazy_store_matches(name: str) -> None:
    ours, theirs = readers(DATA / name)
    a, b = ours.store(), theirs.store()
    assert len(a) == len(b)
    # The reference's repr, then which store it is and what it holds.
    assert repr(a).startswith(repr(b).removesuffix(")") + ", recording ")
    assert a.summary() == b.summary()
    assert repr(a.schema()) == repr(b.schema())
    assert a._chunks_loaded == b._chunks_loaded == 0
    assert [c.id for c in a.stream().to_chunks()] == [c.id for c in b.stream().to_chunks()]
    assert a._chunks_loaded == b._chunks_loaded == len(a)
    assert a.stream().collect().summary() == b.stream().collect().summary()


@pytest.mark.parametrize(
    "criteria",
    [{"content": "/world/points"}, {"is_static": True}, {"is_static": False}, {"has_timeline": "frame"},
     {"components": "Points3D:positions"}, {"content": "/**", "is_static": False}],
)
def test_pushdown_loads_only_matching_chunks_like_reference(criteria: dict) -> None:
    ours, theirs = readers(DATA / "rerun_0_33_1_recording.rrd")
    a, b = ours.store(), theirs.store()
    got_a = a.stream().filter(**criteria).to_chunks()
    got_b = b.stream().filter(**criteria).to_chunks()
    assert rrflow.summarize(got_a) == rrx.ChunkStore.from_chunks(got_b).summary()
    assert a._chunks_loaded == b._chunks_loaded


def test_filter_after_map_is_not_pushed_down() -> None:
    ours, _ = readers(DATA / "rerun_0_33_1_recording.rrd")
    store = ours.store()
    store.stream().map(lambda c: c).filter(is_static=True).to_chunks()
    assert store._chunks_loaded == len(store)


def test_missing_file() -> None:
    with pytest.raises(ValueError, match="RRD file not found: /nope.rrd"):
        rrflow.RrdReader("/nope.rrd")


def test_legacy_file_warns_and_has_no_store() -> None:
    with pytest.warns(UserWarning, match="has no footer"):
        reader = rrflow.RrdReader(DATA / "rerun_0_33_1_no_footer.rrd")
    with pytest.raises(RuntimeError, match="Legacy RRD without footer"):
        reader.store()
    assert len(reader.stream().to_chunks()) > 0


def test_foreign_store_and_blueprint_only(tmp_path: Path) -> None:
    ours, _ = readers(DATA / "rerun_0_33_1_with_blueprint.rrd")
    foreign = rrflow.StoreEntry("recording", "other_app", "other_rec")
    with pytest.raises(ValueError, match=r'Store StoreId\(Recording, "other_app", "other_rec"\) not found in RRD file'):
        ours.stream(store=foreign)
    blueprint = ours.blueprints()[0]
    assert len(ours.stream(store=blueprint).to_chunks()) > 0
    assert len(ours.store(store=blueprint)) > 0

    import rerun.blueprint as rrb

    path = tmp_path / "blueprint_only.rbl"
    rrb.Blueprint(rrb.Spatial3DView(origin="/world")).save("blueprint_app", path)
    ours_only, theirs_only = readers(path)
    assert entries(ours_only.blueprints()) == entries(theirs_only.blueprints())
    for reader in (ours_only, theirs_only):
        with pytest.raises(ValueError, match="No recording store found in RRD file"):
            reader.stream()


def _two_recordings_without_footer(tmp_path: Path) -> Path:
    """Two recordings in one file, as two concatenated streams without footer."""
    parts = []
    for recording_id in ("one", "two"):
        rec = rr.RecordingStream("app", recording_id=recording_id)
        part = tmp_path / f"{recording_id}.rrd"
        rec.save(part, write_footer=False)
        rec.log("points", rr.Points3D([[1, 2, 3]]))
        rec.flush()
        rec.disconnect()
        parts.append(part.read_bytes())
    both = tmp_path / "both.rrd"
    both.write_bytes(b"".join(parts))
    return both


def test_two_recordings_warn_on_implicit_pick(tmp_path: Path) -> None:
    # Pinned difference: rerun-sdk 0.33.1 fails to list the stores of
    # concatenated streams without footer ("unknown MessageHeader kind"),
    # although its format supports them; rrflow reads both streams.
    ours, theirs = readers(_two_recordings_without_footer(tmp_path))
    with pytest.raises(RuntimeError, match="unknown MessageHeader kind"):
        theirs.recordings()
    assert entries(ours.recordings()) == [("recording", "app", "one"), ("recording", "app", "two")]
    with pytest.warns(UserWarning, match="implicitly using"):
        first = ours.stream()
    assert "/points" in [c.entity_path for c in first.to_chunks()]
    second = ours.stream(store=ours.recordings()[1]).to_chunks()
    assert "/points" in [c.entity_path for c in second]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rrflow.RrdReader(DATA / "rerun_0_33_1_recording.rrd").stream()


def test_concatenated_files_with_footers(tmp_path: Path) -> None:
    # Pinned difference: the footer at the end of a concatenation describes the
    # last stream only, with offsets relative to that stream. rerun-sdk 0.33.1
    # reads them relative to the file and fails its checksum; rrflow lists the
    # stores of every stream (test_concatenated_rrd.py has the rest).
    first, second = tmp_path / "a.rrd", tmp_path / "b.rrd"
    source = rrflow.RrdReader(DATA / "rerun_0_33_1_recording.rrd").stream()
    source.write_rrd(first, application_id="app", recording_id="one")
    source.write_rrd(second, application_id="app", recording_id="two")
    both = tmp_path / "both.rrd"
    both.write_bytes(first.read_bytes() + second.read_bytes())
    ours, theirs = readers(both)
    with pytest.raises(RuntimeError, match="CRC"):
        theirs.recordings()
    assert entries(ours.recordings()) == [("recording", "app", "one"), ("recording", "app", "two")]
    with pytest.raises(RuntimeError, match="holds concatenated streams"):
        ours.store(store=ours.recordings()[1])
    for store in ours.recordings():
        assert len(ours.stream(store=store).to_chunks()) == len(source.to_chunks())


def test_store_entry_semantics() -> None:
    a = rrflow.StoreEntry("recording", "app", "rec")
    assert a == rrflow.StoreEntry("recording", "app", "rec")
    assert hash(a) == hash(rrflow.StoreEntry("recording", "app", "rec"))
    assert a != rrflow.StoreEntry("blueprint", "app", "rec")
    assert repr(a) == "StoreEntry(kind='recording', application_id='app', recording_id='rec')"
    ours, theirs = readers(DATA / "rerun_0_33_1_recording.rrd")
    assert repr(ours.recordings()[0]) == repr(theirs.recordings()[0])
    assert ours.recordings()[0] == rrflow.StoreEntry(*entries(ours.recordings())[0])


def test_store_entry_names_a_known_kind() -> None:
    blueprint = rrflow.StoreEntry("blueprint", "app", "rec")
    assert (blueprint.kind, blueprint.application_id, blueprint.recording_id) == ("blueprint", "app", "rec")
    with pytest.raises(ValueError, match="^unknown store kind 'Recording'$"):
        rrflow.StoreEntry("Recording", "app", "rec")  # type: ignore[arg-type]


def test_store_entry_pickles_and_copies() -> None:
    import copy
    import pickle

    entry = rrflow.StoreEntry("blueprint", "app", "rec")
    for twin in (pickle.loads(pickle.dumps(entry)), copy.copy(entry), copy.deepcopy(entry)):
        assert twin == entry
        assert hash(twin) == hash(entry)
        assert repr(twin) == repr(entry)


def test_protocols() -> None:
    assert issubclass(rrflow.RrdReader, rrflow.StreamingReader)
    assert issubclass(rrflow.RrdReader, rrflow.IndexedReader)
    assert issubclass(rrflow.IndexedReader, rrflow.StreamingReader)


@pytest.mark.parametrize("name", WITH_FOOTER + ["rerun_0_33_1_no_footer.rrd"])
def test_write_rrd_round_trip(name: str, tmp_path: Path) -> None:
    ours, theirs = readers(DATA / name)
    target = tmp_path / "out.rrd"
    ours.stream().write_rrd(target, application_id="rrflow_app", recording_id="rrflow_rec")
    reread = rrx.RrdReader(target)
    assert entries(reread.recordings()) == [("recording", "rrflow_app", "rrflow_rec")]
    assert reread.store().summary() == rrx.ChunkStore.from_chunks(theirs.stream().to_chunks()).summary()
    assert [c.id for c in reread.stream().to_chunks()] == [c.id for c in theirs.stream().to_chunks()]
    if RERUN_CLI.exists():
        verify = subprocess.run([RERUN_CLI, "rrd", "verify", target], capture_output=True, text=True)
        assert verify.returncode == 0, verify.stderr
        reference = tmp_path / "reference.rrd"
        theirs.stream().write_rrd(reference, application_id="rrflow_app", recording_id="rrflow_rec")
        compare = subprocess.run([RERUN_CLI, "rrd", "compare", "--unordered", target, reference],
                                 capture_output=True, text=True)
        assert compare.returncode == 0, compare.stderr


def test_write_rrd_from_store_and_lazy_store(tmp_path: Path) -> None:
    ours, _ = readers(DATA / "rerun_0_33_1_recording.rrd")
    ours.store().write_rrd(tmp_path / "lazy.rrd", application_id="a", recording_id="r")
    ours.stream().collect().write_rrd(tmp_path / "store.rrd", application_id="a", recording_id="r")
    assert rrflow.RrdReader(tmp_path / "lazy.rrd").store().summary() == ours.store().summary()
    assert len(rrflow.RrdReader(tmp_path / "store.rrd").store()) > 0


def test_write_rrd_zero_chunks(tmp_path: Path) -> None:
    target = tmp_path / "empty.rrd"
    rrflow.LazyChunkStream.from_iter([]).write_rrd(target, application_id="a", recording_id="r")
    assert rrflow.RrdReader(target).recordings() == []
    assert rrx.RrdReader(target).recordings() == []


def test_write_rrd_errors_are_runtime_errors_and_leave_no_file(tmp_path: Path) -> None:
    ours, _ = readers(DATA / "rerun_0_33_1_recording.rrd")
    target = tmp_path / "broken.rrd"

    def explode(chunk: rrflow.Chunk) -> rrflow.Chunk:
        raise ValueError("x")

    with pytest.raises(RuntimeError, match="^ValueError: x$"):
        ours.stream().map(explode).write_rrd(target, application_id="a", recording_id="r")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_corrupt_file_reports_offset(tmp_path: Path) -> None:
    data = (DATA / "rerun_0_33_1_no_footer.rrd").read_bytes()
    target = tmp_path / "truncated.rrd"
    target.write_bytes(data[: len(data) - 7])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = rrflow.RrdReader(target)
    with pytest.raises(RuntimeError, match="truncated ArrowMsg message.*at byte"):
        reader.stream().to_chunks()
    chunks = []
    with pytest.raises(RuntimeError):
        for chunk in reader.stream():
            chunks.append(chunk)
    assert len(chunks) > 0


def test_chunk_store_from_file_is_a_record_batch_source() -> None:
    ours, _ = readers(DATA / "rerun_0_33_1_recording.rrd")
    for chunk in ours.stream():
        batch = pa.record_batch(chunk)
        assert batch.schema.metadata[b"rerun:id"].decode() == chunk.id


def test_legacy_file_warning_points_at_the_caller() -> None:
    # Issued by the engine while the Python RrdReader is made: the user's line.
    with pytest.warns(UserWarning, match="has no footer") as record:
        rrflow.RrdReader(DATA / "rerun_0_33_1_no_footer.rrd")
    assert record[0].filename == __file__


def test_implicit_pick_warning_points_at_the_caller(tmp_path: Path) -> None:
    # The warning is issued by the engine, two frames up: the user's call.
    ours, _ = readers(_two_recordings_without_footer(tmp_path))
    with pytest.warns(UserWarning, match="implicitly using") as record:
        ours.stream()
    assert record[0].filename == __file__
