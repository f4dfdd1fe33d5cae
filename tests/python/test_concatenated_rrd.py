"""RRD files made by concatenating others (`cat b.rrd c.rrd > bc.rrd`): every store of every
stream is listed and readable through stream(), and store(), whose footer would describe only the
last stream, refuses the file saying so, instead of showing part of it (issue: robustness,
fault 3). rerun-sdk 0.33.1 raises "CRC check failed" from `recordings()` on such a file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import rrflow

DATA = Path(__file__).parent.parent / "data"


def _recording(directory: Path, recording_id: str) -> bytes:
    path = directory / f"{recording_id}.rrd"
    rrflow.RrdReader(DATA / "rerun_0_33_1_recording.rrd").stream().write_rrd(
        str(path), application_id="app", recording_id=recording_id)
    return path.read_bytes()


def _open_quietly(path: Path) -> rrflow.RrdReader:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rrflow.RrflowWarning)
        return rrflow.RrdReader(path)


def test_two_recordings_are_both_listed_and_readable(tmp_path: Path) -> None:
    first, second = _recording(tmp_path, "rec_b"), _recording(tmp_path, "rec_c")
    path = tmp_path / "bc.rrd"
    path.write_bytes(first + second)
    with pytest.warns(rrflow.RrflowWarning, match="holds concatenated streams") as record:
        reader = rrflow.RrdReader(path)
    assert record[0].filename == __file__
    assert [store.recording_id for store in reader.recordings()] == ["rec_b", "rec_c"]
    single = len(rrflow.RrdReader(tmp_path / "rec_b.rrd").stream().to_chunks())
    for store in reader.recordings():
        assert len(reader.stream(store=store).to_chunks()) == single
        with pytest.raises(RuntimeError, match=f"RRD file {path} holds concatenated streams.*from byte {len(first)}"):
            reader.store(store=store)


def test_one_recording_twice_is_read_whole_by_stream(tmp_path: Path) -> None:
    copy = _recording(tmp_path, "rec_b")
    path = tmp_path / "bb.rrd"
    path.write_bytes(copy + copy)
    reader = _open_quietly(path)
    assert [store.recording_id for store in reader.recordings()] == ["rec_b"]
    single = len(rrflow.RrdReader(tmp_path / "rec_b.rrd").stream().to_chunks())
    assert len(reader.stream().to_chunks()) == 2 * single
    # Before the fix store() saw only the second copy's chunks.
    with pytest.raises(RuntimeError, match="holds concatenated streams"):
        reader.store()


def test_a_single_stream_is_not_reported(tmp_path: Path) -> None:
    _recording(tmp_path, "rec_b")
    with warnings.catch_warnings():
        warnings.simplefilter("error", rrflow.RrflowWarning)
        reader = rrflow.RrdReader(tmp_path / "rec_b.rrd")
    assert len(reader.store().stream().to_chunks()) > 0
