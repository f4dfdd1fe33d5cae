"""Chunk's Python API: construction, properties, record batches, errors."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from column_objects import RawComponentColumn, RawTimeColumn

import rrflow
from rrflow import Chunk, ComponentColumn, ComponentDescriptor, TimeColumn

CHUNK_ID = re.compile(r"^chunk_[0-9A-F]{16}[0-9a-f]{16}$")


def points_chunk(frames=(2, 0, 1)) -> Chunk:
    positions = pa.array([[[float(f), 0.0, 0.0]] for f in frames], pa.list_(pa.list_(pa.float32(), 3)))
    return Chunk.from_columns(
        "/robot/arm",
        [TimeColumn("frame", sequence=list(frames)), TimeColumn("a_time", timestamp=[3, 1, 2][: len(frames)])],
        [
            RawComponentColumn(
                ComponentDescriptor("Points3D:positions", "rerun.archetypes.Points3D", "rerun.components.Position3D"),
                positions,
            )
        ],
    )


def test_properties() -> None:
    chunk = points_chunk()
    assert CHUNK_ID.match(chunk.id)
    assert chunk.entity_path == "/robot/arm"
    assert chunk.num_rows == len(chunk) == 3
    assert chunk.num_columns == 1 + 2 + 1
    assert not chunk.is_static
    assert not chunk.is_empty
    assert sorted(chunk.timeline_names) == ["a_time", "frame"]
    assert repr(chunk) == (f"Chunk(id={chunk.id}, entity_path=/robot/arm, num_rows=3, num_columns=4, "
                           "timelines=[a_time, frame], components=[Points3D:positions])")


def test_rows_sorted_by_first_timeline_by_name() -> None:
    batch = points_chunk().to_record_batch()
    # "a_time" sorts before "frame": times 1,2,3 take frames 0,1,2.
    assert batch.column("a_time").cast(pa.int64()).to_pylist() == [1_000_000_000, 2_000_000_000, 3_000_000_000]
    assert batch.column("frame").to_pylist() == [0, 1, 2]
    assert batch.column("Points3D:positions").to_pylist() == [[[0, 0, 0]], [[1, 0, 0]], [[2, 0, 0]]]


def test_record_batch_schema() -> None:
    chunk = points_chunk()
    batch = chunk.to_record_batch()
    assert batch.schema.names == ["rerun.controls.RowId", "a_time", "frame", "Points3D:positions"]
    assert batch.schema.metadata == {
        b"sorbet:version": b"0.1.3",
        b"rerun:id": chunk.id.encode(),
        b"rerun:entity_path": b"/robot/arm",
    }
    row_id = batch.schema.field(0)
    assert row_id.type == pa.binary(16)
    assert not row_id.nullable
    assert row_id.metadata[b"rerun:kind"] == b"control"
    assert batch.schema.field("a_time").type == pa.timestamp("ns")
    assert batch.schema.field("Points3D:positions").metadata == {
        b"rerun:kind": b"data",
        b"rerun:component": b"Points3D:positions",
        b"rerun:archetype": b"rerun.archetypes.Points3D",
        b"rerun:component_type": b"rerun.components.Position3D",
    }


def test_row_ids_follow_chunk_id() -> None:
    chunk = points_chunk()
    counter = int(chunk.id[-16:], 16)
    row_ids = [bytes(x) for x in chunk.to_record_batch().column(0).to_pylist()]
    assert [int.from_bytes(r[8:], "big") for r in row_ids] == [counter + 1, counter + 2, counter + 3]
    assert all(r[:8].hex().upper() == chunk.id[6:22] for r in row_ids)


def test_record_batch_round_trip_keeps_ids() -> None:
    chunk = points_chunk()
    batch = chunk.to_record_batch()
    back = Chunk.from_record_batch(batch)
    assert back.id == chunk.id
    assert back.to_record_batch().equals(batch, check_metadata=True)


def test_record_batch_is_zero_copy() -> None:
    values = pa.array([float(i) for i in range(1000)])
    chunk = Chunk.from_columns("/z", [], [RawComponentColumn("v", pa.ListArray.from_arrays(
        pa.array(list(range(0, 1001, 10)), pa.int32()), values))])
    batch = chunk.to_record_batch()
    assert batch.column(1).values.buffers()[1].address == values.buffers()[1].address
    again = Chunk.from_record_batch(batch).to_record_batch()
    assert again.column(1).values.buffers()[1].address == values.buffers()[1].address


def test_record_batch_through_pyarrow_transform() -> None:
    chunk = points_chunk()
    batch = chunk.to_record_batch()
    sliced = batch.slice(1, 2)
    back = Chunk.from_record_batch(sliced)
    assert back.num_rows == 2
    assert back.to_record_batch().column("frame").to_pylist() == [1, 2]


def test_static_chunk() -> None:
    chunk = Chunk.from_columns("/cfg", [], [ComponentColumn("Name:text", pa.array(["a", "b"]))])
    assert chunk.is_static
    assert chunk.timeline_names == []
    assert chunk.num_columns == 2


def test_empty_chunk() -> None:
    chunk = Chunk.from_columns("/nothing", [], [])
    assert chunk.is_empty
    assert chunk.num_rows == 0
    assert chunk.num_columns == 1


def test_with_entity_path() -> None:
    chunk = points_chunk()
    moved = chunk.with_entity_path("left/camera/image")
    assert moved.entity_path == "/left/camera/image"
    assert moved.id != chunk.id
    assert moved.num_rows == chunk.num_rows
    assert sorted(moved.timeline_names) == sorted(chunk.timeline_names)
    old, new = chunk.to_record_batch(), moved.to_record_batch()
    assert old.column(0).equals(new.column(0))
    assert chunk.entity_path == "/robot/arm"


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        ("", "/"),
        ("//", "/"),
        ("foo/bar/", "/foo/bar"),
        ("foo/bar:baz", "/foo/bar\\:baz"),
        ("foo/Hallå Där!", "/foo/Hallå\\ Där\\!"),
        ("a/☮", "/a/\\u{262E}"),
        ("a\\/b", "/a\\/b"),
    ],
)
def test_entity_path_normalisation(given: str, printed: str) -> None:
    chunk = Chunk.from_columns(given, [], [ComponentColumn("c", pa.array([1]))])
    assert chunk.entity_path == printed


def test_plain_component_values_keep_null_elements() -> None:
    chunk = Chunk.from_columns("/t", [], [RawComponentColumn(ComponentDescriptor("c"), pa.array([1.0, None]))])
    column = chunk.to_record_batch().column(1)
    assert column.to_pylist() == [[1.0], [None]]
    assert column.null_count == 0


def test_repeated_identifier_last_wins() -> None:
    chunk = Chunk.from_columns(
        "/t",
        [],
        [
            RawComponentColumn(ComponentDescriptor("c", "A"), pa.array([1])),
            RawComponentColumn(ComponentDescriptor("c", "B"), pa.array([2])),
        ],
    )
    batch = chunk.to_record_batch()
    assert batch.num_columns == 2
    assert batch.schema.field(1).metadata[b"rerun:archetype"] == b"B"


def test_length_mismatch_names_the_column() -> None:
    with pytest.raises(ValueError, match="Expected 2 but component 'Points3D:positions' has 1"):
        Chunk.from_columns(
            "/t",
            [TimeColumn("f", sequence=[1, 2])],
            [ComponentColumn("Points3D:positions", pa.array([1.0]))],
        )
    with pytest.raises(ValueError, match="Expected 1 but timeline 'g' has 2"):
        Chunk.from_columns("/t", [TimeColumn("f", sequence=[1]), TimeColumn("g", sequence=[1, 2])], [])


@pytest.mark.parametrize("bad", [pa.array([1, 2], pa.int32()), pa.array([1, 2], pa.timestamp("us")),
                                 pa.array([1, 2], pa.float64()), pa.array([[1], [2]])])
def test_bad_time_type_is_a_runtime_error(bad: pa.Array) -> None:
    with pytest.raises(RuntimeError, match="Invalid data_type for timeline: tt"):
        Chunk.from_columns("/t", [RawTimeColumn("tt", bad)], [ComponentColumn("c", pa.array([1, 2]))])


def test_null_time_is_a_runtime_error() -> None:
    with pytest.raises(RuntimeError, match="Time columns had nulls"):
        Chunk.from_columns("/t", [RawTimeColumn("tt", pa.array([1, None]))], [ComponentColumn("c", pa.array([1, 2]))])


def test_timelines_without_components() -> None:
    with pytest.raises(RuntimeError, match="Found 0 row IDs but 2 timestamps for timeline 'f'"):
        Chunk.from_columns("/t", [TimeColumn("f", sequence=[1, 2])], [])


def test_non_arrow_column_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="Arrow array"):
        Chunk.from_columns("/t", [], [RawComponentColumn("c", [1, 2, 3])])


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda md: {k: v for k, v in md.items() if k != b"rerun:id"}, "Missing chunk ID"),
        (lambda md: {k: v for k, v in md.items() if k != b"rerun:entity_path"}, "Missing entity path"),
        (lambda md: {**md, b"rerun:id": b"garbage"}, "Failed to deserialize chunk ID"),
    ],
)
def test_from_record_batch_metadata_errors(mutate, message: str) -> None:
    batch = points_chunk().to_record_batch()
    with pytest.raises(ValueError, match=message):
        Chunk.from_record_batch(batch.replace_schema_metadata(mutate(batch.schema.metadata)))


def test_from_record_batch_plain_batch() -> None:
    with pytest.raises(ValueError, match="Missing RowId column"):
        Chunk.from_record_batch(pa.record_batch({"a": [1, 2]}))


def test_from_record_batch_rejects_non_batches() -> None:
    with pytest.raises(TypeError):
        Chunk.from_record_batch([1, 2, 3])


def test_from_record_batch_null_time() -> None:
    batch = points_chunk().to_record_batch()
    i = batch.schema.get_field_index("frame")
    broken = batch.set_column(i, batch.schema.field(i), pa.array([1, None, 3]))
    with pytest.raises(ValueError, match="Bad time column 'frame': Time columns had nulls"):
        Chunk.from_record_batch(broken)


def test_from_record_batch_non_list_component_gives_null_rows() -> None:
    batch = points_chunk().to_record_batch()
    i = batch.schema.get_field_index("Points3D:positions")
    plain = batch.set_column(i, batch.schema.field(i).with_type(pa.float64()), pa.array([1.0, None, 3.0]))
    column = Chunk.from_record_batch(plain).to_record_batch().column(i)
    assert column.to_pylist() == [[1.0], None, [3.0]]


def test_summarize() -> None:
    chunks = [points_chunk(), Chunk.from_columns("/cfg", [], [ComponentColumn("Name:text", pa.array(["x"]))])]
    assert rrflow.summarize(chunks) == (
        "/cfg rows=1 static=True timelines=[] cols=['Name:text']\n"
        "/robot/arm rows=3 static=False timelines=['a_time', 'frame'] "
        "cols=['Points3D:positions', 'a_time', 'frame']"
    )


def test_pycapsule_interface() -> None:
    chunk = points_chunk()
    batch = chunk.to_record_batch()
    assert pa.schema(chunk) == batch.schema
    table = pa.table(chunk)
    assert table.num_rows == 3
    assert table.to_batches()[0].equals(batch)
    assert pa.record_batch(chunk).equals(batch)
    assert Chunk.from_record_batch(table).id == chunk.id
    two_batches = pa.Table.from_batches([batch.slice(0, 1), batch.slice(1)])
    assert Chunk.from_record_batch(two_batches).to_record_batch().equals(batch)
