"""reprs say what a user needs: where data comes from, which store, how many chunks, which entities and columns.

A stream's repr is its pipeline, written as the calls that built it; showing
it runs nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import rrflow
from rrflow import Chunk, ChunkStore, ComponentColumn, LazyChunkStream, MutateLens, RrdReader, TimeColumn


def chunk(entity: str = "/robot/arm") -> Chunk:
    return Chunk.from_columns(entity, [TimeColumn("frame", sequence=[0, 1])],
                              [ComponentColumn("Scalars:scalars", pa.array([0.1, 0.2]))])


@pytest.fixture
def recording(tmp_path: Path) -> Path:
    path = tmp_path / "robot.rrd"
    ChunkStore.from_chunks([chunk(), chunk("/robot/base")]).write_rrd(path, application_id="app", recording_id="rec")
    return path


def test_chunk_shows_entity_rows_and_columns() -> None:
    c = chunk()
    assert repr(c) == (f"Chunk(id={c.id}, entity_path=/robot/arm, num_rows=2, num_columns=3, "
                       "timelines=[frame], components=[Scalars:scalars])")
    static = Chunk.from_columns("/robot", [], [ComponentColumn("Robot:name", pa.array(["arm-7"]))])
    assert repr(static).endswith("num_columns=2, timelines=[], components=[Robot:name])")


def test_chunk_store_shows_chunks_and_entities() -> None:
    assert repr(ChunkStore.from_chunks([chunk(), chunk("/robot/base")])) == (
        "ChunkStore(2 chunks, entities=[/robot/arm, /robot/base])")
    many = ChunkStore.from_chunks([chunk(f"/e{i}") for i in range(7)])
    assert repr(many) == "ChunkStore(7 chunks, entities=[/e0, /e1, /e2, /e3, /e4, … 2 more])"


def test_lazy_store_shows_its_store_chunks_and_entities(recording: Path) -> None:
    store = RrdReader(recording).store()
    assert repr(store) == "LazyStore(2 chunks, recording 'rec' of 'app', entities=[/robot/arm, /robot/base])"
    assert store._chunks_loaded == 0


def test_readers_show_their_path(recording: Path) -> None:
    assert repr(RrdReader(recording)) == f"RrdReader({recording})"


def test_stream_shows_its_source_and_pipeline_without_running_it(recording: Path) -> None:
    reader = RrdReader(recording)
    store = reader.store()
    stream = store.stream().filter(content="/robot/**", is_static=False).map(str.upper)
    assert repr(stream) == (f"LazyChunkStream(RrdReader({recording}).store().stream()"
                            ".filter(content='/robot/**', is_static=False).map(fn=str.upper))")
    assert store._chunks_loaded == 0
    entry = reader.recordings()[0]
    assert repr(reader.stream(store=entry)) == f"LazyChunkStream(RrdReader({recording}).stream(store={entry!r}))"


def test_stream_shows_splits_merges_lenses_and_iterables() -> None:
    matched, unmatched = LazyChunkStream.from_iter([chunk()]).split(components="Scalars:scalars")
    merged = LazyChunkStream.merge(matched.lenses(MutateLens("Scalars:scalars", ".x")), unmatched.drop(is_static=True))
    assert repr(merged) == (
        "LazyChunkStream(LazyChunkStream.merge("
        "LazyChunkStream.from_iter(<list>).split(components='Scalars:scalars')[0]"
        ".lenses(lenses=<1 lens>, output_mode='drop_unmatched'), "
        "LazyChunkStream.from_iter(<list>).split(components='Scalars:scalars')[1].drop(is_static=True)))")
    assert repr(ChunkStore.from_chunks([chunk()]).stream().flat_map(lambda c: [c])) == (
        "LazyChunkStream(ChunkStore(1 chunks).stream().flat_map(fn=test_stream_shows_splits_merges_lenses_and_iterables"
        ".<locals>.<lambda>))")


def test_stream_says_when_it_is_consumed() -> None:
    stream = ChunkStore.from_chunks([chunk()]).stream()
    stream.filter(content="/robot/**")
    assert repr(stream) == "LazyChunkStream(ChunkStore(1 chunks).stream(), consumed)"


def test_parquet_and_mcap_streams_name_their_reader(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a_x": [1.0]}), tmp_path / "data.parquet")
    parquet = rrflow.ParquetReader(tmp_path / "data.parquet")
    assert repr(parquet.stream()) == f"LazyChunkStream(ParquetReader({tmp_path / 'data.parquet'}).stream())"
    from mcap.writer import Writer

    with open(tmp_path / "empty.mcap", "wb") as stream:
        writer = Writer(stream)
        writer.start()
        writer.finish()
    mcap = rrflow.McapReader(tmp_path / "empty.mcap")
    assert repr(mcap.stream(start_time_ns=5)) == (
        f"LazyChunkStream(McapReader({tmp_path / 'empty.mcap'}).stream(start_time_ns=5))")
