"""Differential tests: rrflow's Chunk against the real rerun-sdk 0.33.1 on the same inputs."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pyarrow as pa
import pytest
from batch_values import values
from column_objects import RawComponentColumn, RawTimeColumn

import rrflow

rr = pytest.importorskip("rerun")
from rerun.experimental import Chunk as RerunChunk  # noqa: E402

POINT = pa.list_(pa.float32(), 3)
XY = pa.struct([("x", pa.float64()), ("y", pa.float64())])


def descriptor(component: str, archetype: str | None = None, component_type: str | None = None):
    """The same descriptor, as each library's own class (from_columns duck-types it)."""
    return rr.ComponentDescriptor(component, archetype=archetype, component_type=component_type)


def cases() -> dict[str, tuple[str, list, list]]:
    """name -> (entity_path, indexes, columns), shared by both libraries."""
    positions = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    return {
        "points_temporal_two_timelines": (
            "/test/tmp",
            [rr.TimeColumn("frame", sequence=[2, 0, 1]), rr.TimeColumn("a_time", timestamp=[3, 1, 2])],
            list(rr.Points3D.columns(positions=positions, radii=[1, 2, 3])),
        ),
        "points_static": ("/test/static", [], list(rr.Points3D.columns(positions=[[1, 2, 3], [4, 5, 6]]))),
        "three_timeline_kinds": (
            "robots/arm",
            [
                rr.TimeColumn("seq", sequence=[5, 5, 4]),
                rr.TimeColumn("dur", duration=[timedelta(seconds=1), timedelta(seconds=3), timedelta(seconds=2)]),
                rr.TimeColumn("ts", timestamp=[datetime(2024, 1, 1), datetime(2024, 1, 3), datetime(2024, 1, 2)]),
            ],
            list(rr.Scalars.columns(scalars=[1.0, 2.0, 3.0])),
        ),
        "unsorted_secondary_timeline": (
            "/u",
            [rr.TimeColumn("b", sequence=[1, 2, 3, 4]), rr.TimeColumn("a", sequence=[0, 0, 1, 1])],
            [RawComponentColumn(descriptor("v"), pa.array([[4.0], [3.0], [2.0], [1.0]]))],
        ),
        "nulls_plain_and_list": (
            "/n",
            [RawTimeColumn("t", pa.array([1, 2, 3]))],
            [
                RawComponentColumn(descriptor("plain"), pa.array([1.0, None, 3.0])),
                RawComponentColumn(descriptor("lists"), pa.array([[1, None], None, []], pa.list_(pa.int64()))),
            ],
        ),
        "nested_types": (
            "/nested",
            [RawTimeColumn("t", pa.array([0, 1]))],
            [
                RawComponentColumn(descriptor("Imu:accel", "Imu"), pa.array([{"x": 1.0, "y": 2.0}, None], XY)),
                RawComponentColumn(
                    descriptor("Path:points"),
                    pa.array([[[{"x": 1.0, "y": 2.0}]], [[None, {"x": 3.0, "y": None}]]], pa.list_(pa.list_(XY))),
                ),
                RawComponentColumn(descriptor("Label:text", None, "rerun.components.Text"), pa.array(["a", None])),
                RawComponentColumn(descriptor("Blob:data"), pa.array([b"\x00\x01", b""], pa.binary())),
                RawComponentColumn(descriptor("Fixed:p"), pa.array([[[1, 2, 3]], [[4, 5, 6]]], pa.list_(POINT))),
            ],
        ),
        "timestamp_with_zone": (
            "/tz",
            [RawTimeColumn("t", pa.array([2, 1], pa.timestamp("ns", tz="Europe/Paris")))],
            [RawComponentColumn(descriptor("c"), pa.array([1, 2]))],
        ),
        "repeated_identifier": (
            "/dup",
            [],
            [
                RawComponentColumn(descriptor("c", "A"), pa.array([1])),
                RawComponentColumn(descriptor("c", "B", "T"), pa.array([2])),
            ],
        ),
        "empty_names": (
            "/empty",
            [RawTimeColumn("", pa.array([1]))],
            [RawComponentColumn(descriptor("c", ""), pa.array([1]))],
        ),
        "escaped_path": ("foo/Hallå Där!/☮", [], [RawComponentColumn(descriptor("c"), pa.array([1]))]),
        "empty_chunk": ("/nothing", [], []),
    }


def build_both(name: str) -> tuple[rrflow.Chunk, RerunChunk]:
    path, indexes, columns = cases()[name]
    return rrflow.Chunk.from_columns(path, indexes, columns), RerunChunk.from_columns(path, indexes, columns)


def without_ids(batch: pa.RecordBatch) -> dict:
    """Everything in a record batch that does not depend on freshly minted ids."""
    metadata = dict(batch.schema.metadata or {})
    metadata.pop(b"rerun:id", None)
    return {
        "batch_metadata": metadata,
        "fields": [(f.name, f.type, f.nullable, dict(f.metadata or {})) for f in batch.schema],
        "columns": [values(c) for c in batch.columns[1:]],
        "num_rows": batch.num_rows,
    }


@pytest.mark.parametrize("name", sorted(cases()))
def test_from_columns_record_batch_matches(name: str) -> None:
    ours, theirs = build_both(name)
    assert without_ids(ours.to_record_batch()) == without_ids(theirs.to_record_batch())
    assert ours.num_rows == theirs.num_rows
    assert ours.num_columns == theirs.num_columns
    assert ours.is_static == theirs.is_static
    assert ours.is_empty == theirs.is_empty
    assert ours.entity_path == theirs.entity_path
    assert sorted(ours.timeline_names) == sorted(theirs.timeline_names)


@pytest.mark.parametrize("name", sorted(cases()))
def test_their_batches_round_trip_through_rrflow(name: str) -> None:
    _, theirs = build_both(name)
    batch = theirs.to_record_batch()
    ours = rrflow.Chunk.from_record_batch(batch)
    assert ours.id == theirs.id
    back = ours.to_record_batch()
    assert back.schema.metadata == batch.schema.metadata
    assert [dict(f.metadata) for f in back.schema] == [dict(f.metadata) for f in batch.schema]
    assert back.equals(batch)


@pytest.mark.parametrize("name", sorted(cases()))
def test_our_batches_are_accepted_by_rerun(name: str) -> None:
    ours, _ = build_both(name)
    batch = ours.to_record_batch()
    theirs = RerunChunk.from_record_batch(batch)
    assert theirs.id == ours.id
    assert theirs.to_record_batch().equals(batch)
    assert theirs.num_rows == ours.num_rows


@pytest.mark.parametrize(
    "mutate",
    [
        pytest.param(lambda b: b.replace_schema_metadata({k: v for k, v in b.schema.metadata.items() if k != b"rerun:id"}), id="no-id"),
        pytest.param(lambda b: b.replace_schema_metadata({k: v for k, v in b.schema.metadata.items() if k != b"rerun:entity_path"}), id="no-path"),
        pytest.param(lambda b: b.replace_schema_metadata({k: v for k, v in b.schema.metadata.items() if k != b"sorbet:version"}), id="no-version"),
        pytest.param(lambda b: b.replace_schema_metadata({**b.schema.metadata, b"rerun:id": b"row_18EB0B5708BD857F7ba85d4a30464975"}), id="wrong-id-prefix"),
        pytest.param(lambda b: b.replace_schema_metadata({**b.schema.metadata, b"rerun:entity_path": b"a b/c"}), id="loose-path"),
        pytest.param(lambda b: pa.RecordBatch.from_arrays([b.column(i) for i in (0, 2, 1)], schema=pa.schema([b.schema.field(i) for i in (0, 2, 1)], metadata=b.schema.metadata)), id="data-before-index"),
        pytest.param(lambda b: pa.RecordBatch.from_arrays([b.column(i) for i in (0, 0, 1, 2)], schema=pa.schema([b.schema.field(i) for i in (0, 0, 1, 2)], metadata=b.schema.metadata)), id="two-row-ids"),
        pytest.param(lambda b: pa.RecordBatch.from_arrays([b.column(i) for i in (0, 1, 1, 2)], schema=pa.schema([b.schema.field(i) for i in (0, 1, 1, 2)], metadata=b.schema.metadata)), id="repeated-timeline"),
        pytest.param(lambda b: pa.RecordBatch.from_arrays([b.column(i) for i in (0, 1, 2, 2)], schema=pa.schema([b.schema.field(i) for i in (0, 1, 2, 2)], metadata=b.schema.metadata)), id="repeated-component"),
        pytest.param(lambda b: pa.RecordBatch.from_arrays([b.column(i) for i in (1, 2)], schema=pa.schema([b.schema.field(i) for i in (1, 2)], metadata=b.schema.metadata)), id="no-row-id"),
        pytest.param(lambda b: b.set_column(1, b.schema.field(1), pa.array([1, None, 3], b.column(1).type)), id="null-time"),
        pytest.param(lambda b: b.set_column(2, b.schema.field(2).with_type(pa.float64()), pa.array([1.0, None, 2.0])), id="plain-values"),
        pytest.param(lambda b: b.set_column(2, b.schema.field(2).with_metadata({b"rerun:kind": b"weird"}), b.column(2)), id="unknown-kind"),
        pytest.param(lambda b: b.set_column(2, b.schema.field(2).with_metadata({}), b.column(2)), id="no-component-metadata"),
        pytest.param(lambda b: b.set_column(2, b.schema.field(2).with_metadata({b"rerun:kind": b"component", b"rerun:component": b""}), b.column(2)), id="empty-component-name"),
        pytest.param(lambda b: b.set_column(1, b.schema.field(1).with_metadata({b"rerun:index_name": b"zz"}), b.column(1)), id="index-name-without-kind"),
        pytest.param(lambda b: b.set_column(1, b.schema.field(1).with_metadata({b"rerun:kind": b"time"}), b.column(1)), id="legacy-time-kind"),
        pytest.param(lambda b: b.set_column(1, b.schema.field(1), pa.array([3, 2, 1], b.column(1).type)), id="trusted-sorted-flag"),
        pytest.param(lambda b: b.slice(1, 2), id="sliced"),
        pytest.param(lambda b: b.slice(0, 0), id="zero-rows"),
    ],
)
def test_from_record_batch_edge_cases_match(mutate) -> None:
    source, _ = build_both("points_temporal_two_timelines")
    batch = source.to_record_batch()
    # Keep one time column and one component: RowId, a_time, Points3D:positions.
    batch = pa.RecordBatch.from_arrays(batch.columns[:2] + [batch.column(3)],
                                       schema=pa.schema([batch.schema.field(i) for i in (0, 1, 3)], metadata=batch.schema.metadata))
    mutated = mutate(batch)
    outcome = {}
    for label, from_record_batch in (("rrflow", rrflow.Chunk.from_record_batch), ("rerun", RerunChunk.from_record_batch)):
        try:
            chunk = from_record_batch(mutated)
        except Exception as error:  # noqa: BLE001 - the type is part of what we compare
            outcome[label] = (type(error).__name__, str(error).split(":")[0])
        else:
            out = chunk.to_record_batch()
            outcome[label] = ("ok", chunk.id, chunk.entity_path, out.schema.metadata,
                              [(f.name, f.type, f.nullable, dict(f.metadata or {})) for f in out.schema],
                              [values(c) for c in out.columns])
    assert outcome["rrflow"] == outcome["rerun"]


def test_plain_pyarrow_batch_is_rejected_alike() -> None:
    batch = pa.record_batch({"a": [1, 2]})
    with pytest.raises(ValueError) as theirs:
        RerunChunk.from_record_batch(batch)
    with pytest.raises(ValueError) as ours:
        rrflow.Chunk.from_record_batch(batch)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize(
    ("indexes", "columns"),
    [
        pytest.param([rr.TimeColumn("f", sequence=[1, 2])], [RawComponentColumn(descriptor("c"), pa.array([1.0]))], id="component-length"),
        pytest.param([rr.TimeColumn("f", sequence=[1]), rr.TimeColumn("g", sequence=[1, 2])], [], id="timeline-length"),
        pytest.param([RawTimeColumn("tt", pa.array([1, 2], pa.int32()))], [RawComponentColumn(descriptor("c"), pa.array([1, 2]))], id="int32-time"),
        pytest.param([RawTimeColumn("tt", pa.array([1, 2], pa.duration("ms")))], [RawComponentColumn(descriptor("c"), pa.array([1, 2]))], id="duration-ms"),
        pytest.param([RawTimeColumn("tt", pa.array([1, None]))], [RawComponentColumn(descriptor("c"), pa.array([1, 2]))], id="null-time"),
        pytest.param([rr.TimeColumn("f", sequence=[1, 2])], [], id="no-components"),
    ],
)
def test_from_columns_errors_match(indexes, columns) -> None:
    errors = []
    for from_columns in (rrflow.Chunk.from_columns, RerunChunk.from_columns):
        with pytest.raises(Exception) as caught:  # noqa: PT011 - the type is compared below
            from_columns("/t", indexes, columns)
        errors.append((type(caught.value), str(caught.value)))
    assert errors[0] == errors[1]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sequence": [3, 1, 2]},
        {"duration": [1, 2.5, 0.1]},
        {"duration": [timedelta(seconds=1.5)]},
        {"duration": np.array([1.5, 2.25])},
        {"duration": np.array([7], "timedelta64[ms]")},
        {"timestamp": [0, 1.25, 1_600_000_000]},
        {"timestamp": [datetime(2024, 5, 6, 7, 8, 9, 123456)]},
        {"timestamp": np.array(["2024-01-01T00:00:00.5"], "datetime64[ms]")},
        {"timestamp": np.array([1.7e9, 3.0])},
    ],
)
def test_time_column_conversions_match(kwargs) -> None:
    ours = rrflow.TimeColumn("t", **kwargs).as_arrow_array()
    theirs = rr.TimeColumn("t", **kwargs).as_arrow_array()
    assert ours.type == theirs.type
    assert ours.to_pylist() == theirs.to_pylist()


@pytest.mark.parametrize(
    "values",
    [pa.array([1.0, None, 3.0]), pa.array([[1, 2], [3]]), pa.array(["a", "b"]), pa.array([{"x": 1.0, "y": 2.0}], XY)],
)
def test_component_column_matches(values: pa.Array) -> None:
    ours = rrflow.ComponentColumn("c", values).as_arrow_array()
    theirs = rr.ComponentColumn("c", _Batch(values)).as_arrow_array()
    assert ours.type == theirs.type
    assert ours.to_pylist() == theirs.to_pylist()


class _Batch:
    """The minimal ComponentBatchLike rerun's ComponentColumn accepts."""

    def __init__(self, array: pa.Array) -> None:
        self._array = array

    def as_arrow_array(self) -> pa.Array:
        return self._array


@pytest.mark.parametrize(
    ("column", "field_type", "array"),
    [
        pytest.param(1, pa.int32(), pa.array([1, 2, 3], pa.int32()), id="int32-time"),
        pytest.param(1, pa.timestamp("us"), pa.array([1, 2, 3], pa.timestamp("us")), id="microsecond-time"),
        pytest.param(0, pa.int64(), pa.array([1, 2, 3]), id="int64-row-ids"),
    ],
)
def test_type_errors_print_types_like_reference(column: int, field_type: pa.DataType, array: pa.Array) -> None:
    source, _ = build_both("points_temporal_two_timelines")
    batch = source.to_record_batch()
    broken = batch.set_column(column, batch.schema.field(column).with_type(field_type), array)
    messages = []
    for from_record_batch in (rrflow.Chunk.from_record_batch, RerunChunk.from_record_batch):
        with pytest.raises(ValueError) as caught:
            from_record_batch(broken)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize(("component", "archetype", "builtin"), [
    ("Points3D:positions", "rerun.archetypes.Points3D", "Foo"),
    ("Points3D:positions", "rerun.archetypes.Points3D", "rerun.archetypes.Points3D"),
    ("a", None, "Imu"),
    ("a", "rerun.archetypes.Imu", "rerun.archetypes.Foo"),
    ("a:b", None, "rerun.archetypes.Points3D"),
    ("X:y", "Z", "W"),
    ("X:y", "rerun.blueprint.archetypes.X", "Z"),
    ("rerun.X:y", "rerun.X", "Z"),
    ("a", None, "my.pkg.Foo"),
    (":a", "", "W"),
])
def test_descriptor_operations_match(component: str, archetype: str | None, builtin: str) -> None:
    ours = rrflow.ComponentDescriptor(component, archetype, "T")
    theirs = rr.ComponentDescriptor(component, archetype=archetype, component_type="T")

    def fields(d) -> tuple:
        return (d.component, d.archetype, d.component_type)

    assert fields(ours.with_builtin_archetype(builtin)) == fields(theirs.with_builtin_archetype(builtin))
    for kwargs in ({}, {"archetype": "X"}, {"component_type": "U"}, {"archetype": "X", "component_type": "U"}):
        assert fields(ours.with_overrides(**kwargs)) == fields(theirs.with_overrides(**kwargs))
        assert fields(ours.or_with_overrides(**kwargs)) == fields(theirs.or_with_overrides(**kwargs))
    assert str(ours) == str(theirs)
