"""ChunkStore, LazyStore and LazyChunkStream as Arrow C streams: one table in
the store's dataframe layout, one record batch per chunk, the chunks' buffers
shared with the consumer (pyarrow, Polars, DuckDB, pandas)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest
import rerun as rr

import rrflow

RECORDING = Path(__file__).resolve().parents[1] / "data" / "rerun_0_33_1_recording.rrd"


def _chunks() -> list[rrflow.Chunk]:
    """Two entities, a second timeline on one of them, and a static chunk."""
    return [
        rrflow.Chunk.from_columns("/points", [rrflow.TimeColumn("frame", sequence=[1, 2, 3])],
                                  rr.Points3D.columns(positions=np.arange(9.0).reshape(3, 3))),
        rrflow.Chunk.from_columns("/scalar", [rrflow.TimeColumn("frame", sequence=[2, 4]),
                                              rrflow.TimeColumn("tick", sequence=[20, 40])],
                                  rr.Scalars.columns(scalars=[0.5, 1.5])),
        rrflow.Chunk.from_columns("/scalar", [], rr.SeriesLines.columns(names=["speed"])),
    ]


@pytest.fixture
def store() -> rrflow.ChunkStore:
    return rrflow.ChunkStore.from_chunks(_chunks())


def _data_address(array: pa.Array) -> int:
    """The address of the values of an int64 array, or of a list<fixed_size_list<float>>'s floats."""
    while isinstance(array, (pa.ListArray, pa.LargeListArray, pa.FixedSizeListArray)):
        array = array.values
    return array.buffers()[1].address


def test_store_table_has_the_dataframe_layout_with_one_batch_per_chunk(store: rrflow.ChunkStore) -> None:
    batches = list(pa.RecordBatchReader.from_stream(store))
    assert pa.schema(batches[0].schema) == pa.schema(store.schema())
    assert [b.schema.names for b in batches[:1]] == [
        ["rerun.controls.RowId", "frame", "tick", "/points:Points3D:positions", "/scalar:Scalars:scalars",
         "/scalar:SeriesLines:names"]]
    chunks = store.stream().to_chunks()
    assert [b.num_rows for b in batches] == [c.num_rows for c in chunks]
    table = pa.Table.from_batches(batches)
    assert table.column("frame").to_pylist() == [1, 2, 3, 2, 4, None]
    assert table.column("tick").to_pylist() == [None, None, None, 20, 40, None]
    assert table.column("/scalar:Scalars:scalars").to_pylist() == [None, None, None, [0.5], [1.5], None]
    assert table.column("/scalar:SeriesLines:names").to_pylist()[-1] == ["speed"]


def test_batches_share_the_chunks_buffers(store: rrflow.ChunkStore) -> None:
    chunks = store.stream().to_chunks()
    batches = list(pa.RecordBatchReader.from_stream(store))
    for chunk, batch in zip(chunks, batches):
        original = chunk.to_record_batch()
        assert batch.column(0).buffers()[1].address == original.column(0).buffers()[1].address
        for name in original.schema.names[1:]:
            field = name if name in batch.schema.names else f"{chunk.entity_path}:{name}"
            assert [b.address if b else None for b in batch.column(field).buffers()] == [
                b.address if b else None for b in original.column(name).buffers()]


def test_polars_shares_the_buffers(store: rrflow.ChunkStore) -> None:
    chunks = store.stream().to_chunks()
    table = pl.DataFrame(store).to_arrow()
    assert table.num_rows == 6
    frames = table.column("frame").chunks
    assert [_data_address(a) for a in frames[:2]] == [
        _data_address(c.to_record_batch().column("frame")) for c in chunks[:2]]
    positions = table.column("/points:Points3D:positions").chunks[0]
    assert _data_address(positions) == _data_address(chunks[0].to_record_batch().column("Points3D:positions"))
    assert pl.DataFrame(store)["tick"].to_list() == [None, None, None, 20, 40, None]


def test_pandas_with_arrow_dtypes_shares_the_buffers(store: rrflow.ChunkStore) -> None:
    chunks = store.stream().to_chunks()
    frame = pa.table(store).to_pandas(types_mapper=pd.ArrowDtype)
    assert frame["frame"].dtype == pd.ArrowDtype(pa.int64())
    shared = frame["frame"].array._pa_array.chunks  # noqa: SLF001  (the Arrow data behind the column)
    assert [_data_address(a) for a in shared[:2]] == [
        _data_address(c.to_record_batch().column("frame")) for c in chunks[:2]]
    assert pd.DataFrame.from_arrow(store)["tick"].tolist()[3:5] == [20, 40]


def test_duckdb_queries_a_store(store: rrflow.ChunkStore) -> None:
    assert store is not None  # DuckDB finds the store by its variable name
    rows = duckdb.sql('SELECT "frame", "/scalar:Scalars:scalars"[1] FROM store '
                      'WHERE "/scalar:Scalars:scalars" IS NOT NULL ORDER BY "frame"').fetchall()
    assert rows == [(2, 0.5), (4, 1.5)]


def test_lazy_store_table_is_the_collected_stores() -> None:
    lazy = rrflow.RrdReader(RECORDING).store()
    table = pa.table(lazy)
    assert table.schema == pa.schema(lazy.schema())
    collected = lazy.stream().collect()
    assert table.num_rows == sum(c.num_rows for c in lazy.stream().to_chunks())
    assert sorted(map(str, table.column("rerun.controls.RowId").to_pylist())) == sorted(
        map(str, pa.table(collected).column("rerun.controls.RowId").to_pylist()))


def test_lazy_store_is_read_as_the_consumer_pulls(tmp_path: Path) -> None:
    chunks = [rrflow.Chunk.from_columns("/signal", [rrflow.TimeColumn("frame", sequence=[i])],
                                        rr.Scalars.columns(scalars=[float(i)])) for i in range(400)]
    path = tmp_path / "many_chunks.rrd"
    rrflow.LazyChunkStream.from_iter(chunks).write_rrd(path, application_id="app", recording_id="rec")
    lazy = rrflow.RrdReader(path).store()
    assert len(lazy) == 400
    reader = pa.RecordBatchReader.from_stream(lazy)
    assert reader.read_next_batch().num_rows == 1
    assert lazy._chunks_loaded < 400  # noqa: SLF001
    assert sum(b.num_rows for b in reader) == 399


def test_lazy_chunk_stream_gathers_its_schema_without_collecting(store: rrflow.ChunkStore) -> None:
    stream = store.stream().filter(content="/scalar")
    table = pl.DataFrame(stream)
    assert table.columns == ["rerun.controls.RowId", "frame", "tick", "/scalar:Scalars:scalars",
                             "/scalar:SeriesLines:names"]
    assert table.height == 3
    assert pl.DataFrame(store.stream().map(lambda chunk: chunk)).height == 6  # callbacks while Polars reads


def test_lazy_chunk_stream_with_a_requested_schema_runs_once_and_streams() -> None:
    pulled = []

    def generate():
        for i in range(50):
            pulled.append(i)
            yield rrflow.Chunk.from_columns("/signal", [rrflow.TimeColumn("frame", sequence=[i])],
                                            rr.Scalars.columns(scalars=[float(i)]))

    schema = rrflow.ChunkStore.from_chunks(list(generate())[:1]).schema()
    pulled.clear()
    reader = pa.RecordBatchReader.from_stream(rrflow.LazyChunkStream.from_iter(generate()), schema=schema)
    assert reader.read_next_batch().column("frame").to_pylist() == [0]
    assert len(pulled) < 50
    assert [b.column("frame")[0].as_py() for b in reader] == list(range(1, 50))


def test_from_iter_without_a_schema_fails_instead_of_coming_out_empty() -> None:
    stream = rrflow.LazyChunkStream.from_iter(_chunks())
    with pytest.raises(pa.ArrowInvalid, match="yielded 3 chunks while its schema was gathered and 0"):
        pa.table(stream)


def test_a_column_outside_the_requested_schema_fails_the_read(store: rrflow.ChunkStore) -> None:
    narrow = rrflow.ChunkStore.from_chunks(_chunks()[:1]).schema()
    reader = pa.RecordBatchReader.from_stream(store, schema=narrow)
    assert reader.read_next_batch().num_rows == 3
    with pytest.raises(pa.ArrowInvalid, match="column 'tick' of chunk chunk_[0-9A-Fa-f]+ is not in the stream's schema"):
        reader.read_next_batch()
