"""ChunkStore against rerun-sdk 0.33.1: insertion rules, summary, schema."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from column_objects import RawComponentColumn

import rrflow

rr = pytest.importorskip("rerun")
import rerun.experimental as rrx  # noqa: E402


def static(path: str, components: list[str], archetype: str | None = None) -> Any:
    return rrx.Chunk.from_columns(
        path, [], [RawComponentColumn(rr.ComponentDescriptor(c, archetype=archetype), pa.array([1.0])) for c in components]
    )


def store_inputs() -> dict[str, list[Any]]:
    a, b, c = static("/e", ["A", "B"]), static("/e", ["A"]), static("/e", ["B"])
    t1 = static("/t", ["Transform3D:translation"], "rerun.archetypes.Transform3D")
    t2 = static("/t", ["Transform3D:translation"], "rerun.archetypes.Transform3D")
    null_newer = rrx.Chunk.from_columns("/e", [], [RawComponentColumn(rr.ComponentDescriptor("A"), pa.array([None], pa.float64()))])
    temporal = [
        rrx.Chunk.from_columns(f"/e{i}", [rr.TimeColumn("frame", sequence=[i, i + 1]), rr.TimeColumn("t", timestamp=[i, i])],
                               list(rr.Points3D.columns(positions=[[i, 0, 0], [0, i, 0]])))
        for i in (10, 2, 1)
    ]
    empty = rrx.Chunk.from_columns("/nothing", [], [])
    properties = rrx.Chunk.from_columns("/__properties", [], list(rr.TextLog.columns(text=["info"])))
    sub_properties = rrx.Chunk.from_columns("/__properties/a/b", [], list(rr.TextLog.columns(text=["info"])))
    imu = rrx.Chunk.from_columns("/sensors/imu", [rr.TimeColumn("frame", sequence=[1])],
                                 [RawComponentColumn(rr.ComponentDescriptor("Imu:accel", archetype="Imu"), pa.array([None], pa.float64()))])
    return {
        "overwrite-partial": [a, b],
        "overwrite-full": [a, b, c],
        "older-inserted-later": [b, a],
        "older-holders-kept": [c, b, a],
        "null-does-not-overwrite": [a, null_newer],
        "transform-kept": [t1, t2],
        "empty-and-duplicates": [empty, a, a],
        "temporal-and-properties": [*temporal, properties, sub_properties, imu, a],
    }


def to_rrflow(chunks: list[Any]) -> list[rrflow.Chunk]:
    return [rrflow.Chunk.from_record_batch(c.to_record_batch()) for c in chunks]


@pytest.mark.parametrize("name", sorted(store_inputs()))
def test_store_matches_reference(name: str) -> None:
    theirs_chunks = store_inputs()[name]
    theirs = rrx.ChunkStore.from_chunks(theirs_chunks)
    ours = rrflow.ChunkStore.from_chunks(to_rrflow(theirs_chunks))
    assert len(ours) == len(theirs)
    # The reference's repr, then what the store holds.
    assert repr(ours).startswith(repr(theirs).removesuffix(")") + ", entities=[")
    assert ours.summary() == theirs.summary()
    assert repr(ours.schema()) == repr(theirs.schema())
    assert ours.schema().column_names() == theirs.schema().column_names()
    assert ours.schema().entity_paths() == theirs.schema().entity_paths()
    assert ours.schema().entity_paths(include_properties=True) == theirs.schema().entity_paths(include_properties=True)
    assert ours.schema().archetypes() == theirs.schema().archetypes()
    assert ours.schema().component_types() == theirs.schema().component_types()
    assert [c.id for c in ours.stream().to_chunks()] == [c.id for c in theirs.stream().to_chunks()]
    assert pa.schema(ours.schema()).names == pa.schema(theirs.schema()).names
    for f_ours, f_theirs in zip(pa.schema(ours.schema()), pa.schema(theirs.schema())):
        assert f_ours.type == f_theirs.type
        assert dict(f_ours.metadata or {}) == dict(f_theirs.metadata or {})


def test_schema_lookups_match_reference() -> None:
    chunks = store_inputs()["temporal-and-properties"]
    theirs = rrx.ChunkStore.from_chunks(chunks).schema()
    ours = rrflow.ChunkStore.from_chunks(to_rrflow(chunks)).schema()
    assert repr(ours.column_for("/e2", "Points3D:positions")) == repr(theirs.column_for("/e2", "Points3D:positions"))
    assert ours.column_for("/e2", "nope") is None and theirs.column_for("/e2", "nope") is None
    assert repr(ours.column_for_selector("/e1:Points3D:positions")) == repr(theirs.column_for_selector("/e1:Points3D:positions"))
    with pytest.raises(LookupError):
        ours.column_for_selector("/e1:nope")
    for kwargs in ({"archetype": "Points3D"}, {"archetype": "rerun.archetypes.TextLog", "include_properties": True},
                   {"entity_path": "/e"}, {"component_type": "rerun.components.Position3D"}):
        assert ours.column_names_for(**kwargs) == theirs.column_names_for(**kwargs)
    assert [repr(c) for c in ours.index_columns()] == [repr(c) for c in theirs.index_columns()]


def test_unsorted_chunk_is_rejected_like_reference() -> None:
    base = rrx.Chunk.from_columns("/u", [rr.TimeColumn("f", sequence=[1, 2])], [RawComponentColumn(rr.ComponentDescriptor("A"), pa.array([1.0, 2.0]))])
    batch = base.to_record_batch()
    field = batch.schema.field(0)
    row_ids = pa.array([bytes(15) + b"\x02", bytes(15) + b"\x01"], pa.binary(16))
    unsorted = pa.RecordBatch.from_arrays(
        [row_ids, *batch.columns[1:]],
        schema=pa.schema([field.with_metadata({k: v for k, v in field.metadata.items() if k != b"rerun:is_sorted"}),
                          *list(batch.schema)[1:]], metadata=batch.schema.metadata))
    errors = []
    for chunk_cls, store_cls in ((rrflow.Chunk, rrflow.ChunkStore), (rrx.Chunk, rrx.ChunkStore)):
        with pytest.raises(RuntimeError) as caught:
            store_cls.from_chunks([chunk_cls.from_record_batch(unsorted)])
        errors.append(str(caught.value))
    assert errors[0] == errors[1]


def test_collect_without_optimize_keeps_chunks() -> None:
    chunks = store_inputs()["temporal-and-properties"]
    store = rrflow.ChunkStore.from_chunks(to_rrflow(chunks))
    collected = store.stream().collect()
    assert collected.summary() == store.summary()
