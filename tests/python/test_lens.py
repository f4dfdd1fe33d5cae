"""DeriveLens, MutateLens, Chunk.apply_lenses / apply_selector and LazyChunkStream.lenses."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from column_objects import RawComponentColumn

from rrflow import (
    Chunk,
    ComponentColumn,
    ComponentDescriptor,
    ContentFilter,
    DeriveLens,
    LazyChunkStream,
    Lens,
    MutateLens,
    Selector,
    TimeColumn,
)

IMU = pa.struct([("x", pa.float64()), ("y", pa.float64()), ("z", pa.float64()), ("t", pa.int64())])
SCALARS = ComponentDescriptor("Scalars:scalars", "rerun.archetypes.Scalars", "rerun.components.Scalar")


def imu_chunk(entity: str = "/sensor") -> Chunk:
    """Three IMU samples: one struct per row, plus a temperature column."""
    accel = pa.array([[{"x": 1.0, "y": 2.0, "z": 3.0, "t": 300}], [{"x": 4.0, "y": 5.0, "z": 6.0, "t": 100}],
                      [{"x": 7.0, "y": 8.0, "z": 9.0, "t": 200}]], pa.list_(IMU))
    return Chunk.from_columns(entity, [TimeColumn("frame", sequence=[1, 2, 3])], [
        RawComponentColumn(ComponentDescriptor("Imu:accel"), accel),
        ComponentColumn("Imu:temperature", pa.array([20.0, 21.0, 22.0]))])


def columns(chunk: Chunk) -> dict[str, list]:
    batch = chunk.to_record_batch()
    return {field.name: column.to_pylist() for field, column in zip(batch.schema, batch.columns)
            if (field.metadata or {}).get(b"rerun:kind") != b"control"}


def row_ids(chunk: Chunk) -> list[bytes]:
    return chunk.to_record_batch().column(0).to_pylist()


def test_imu_struct_to_scalars() -> None:
    chunk = imu_chunk()
    [out] = chunk.apply_lenses(DeriveLens("Imu:accel").to_component(SCALARS, ".x"))
    assert out.entity_path == "/sensor"
    assert out.id != chunk.id
    assert row_ids(out) == row_ids(chunk)
    assert columns(out) == {"frame": [1, 2, 3], "Imu:temperature": [[20.0], [21.0], [22.0]],
                            "Scalars:scalars": [[1.0], [4.0], [7.0]]}
    metadata = out.to_record_batch().schema.field("Scalars:scalars").metadata
    assert metadata[b"rerun:archetype"] == b"rerun.archetypes.Scalars"
    assert metadata[b"rerun:component_type"] == b"rerun.components.Scalar"


def test_no_match_returns_the_chunk_unchanged() -> None:
    chunk = imu_chunk()
    for lenses in ([], DeriveLens("Nope").to_component("X", ".x"), [MutateLens("Nope", ".x")]):
        [out] = chunk.apply_lenses(lenses)
        assert out.id == chunk.id


def test_output_entity_and_order() -> None:
    outputs = imu_chunk().apply_lenses([
        DeriveLens("Imu:accel", output_entity="imu/x").to_component(SCALARS, ".x"),
        DeriveLens("Imu:accel", output_entity="/imu/y").to_component(SCALARS, Selector(".y")),
    ])
    assert [c.entity_path for c in outputs] == ["/sensor", "/imu/x", "/imu/y"]
    assert columns(outputs[0]) == {"frame": [1, 2, 3], "Imu:temperature": [[20.0], [21.0], [22.0]]}
    assert columns(outputs[2])["Scalars:scalars"] == [[2.0], [5.0], [8.0]]


def test_mutate_keep_row_ids() -> None:
    chunk = imu_chunk()
    [kept] = chunk.apply_lenses(MutateLens("Imu:accel", ".z", keep_row_ids=True))
    [fresh] = chunk.apply_lenses(MutateLens("Imu:accel", ".z"))
    assert row_ids(kept) == row_ids(chunk)
    assert row_ids(fresh) != row_ids(chunk)
    assert columns(kept)["Imu:accel"] == columns(fresh)["Imu:accel"] == [[3.0], [6.0], [9.0]]


def test_to_timeline_kinds_and_sorting() -> None:
    for kind, arrow_type in (("sequence", pa.int64()), ("duration_ns", pa.duration("ns")),
                             ("timestamp_ns", pa.timestamp("ns"))):
        outputs = imu_chunk().apply_lenses(
            DeriveLens("Imu:accel", output_entity="/imu").to_component(SCALARS, ".x").to_timeline("a_time", kind, ".t"))
        derived = outputs[1].to_record_batch()
        assert derived.schema.field("a_time").type == arrow_type
        # Sorted by a_time (the first timeline by name).
        assert derived.column("Scalars:scalars").to_pylist() == [[4.0], [7.0], [1.0]]
        assert derived.column("frame").to_pylist() == [2, 3, 1]


def test_to_timeline_validation() -> None:
    with pytest.raises(ValueError, match="^Unknown timeline type 'seq', expected 'sequence', 'duration_ns', or 'timestamp_ns'$"):
        DeriveLens("Imu:accel").to_timeline("t", "seq", ".t")  # type: ignore[arg-type]
    # As in the reference, a selector that does not parse is reported first.
    with pytest.raises(ValueError, match="^Failed to parse selector"):
        DeriveLens("Imu:accel").to_timeline("t", "seq", "((")  # type: ignore[arg-type]
    lens = DeriveLens("Imu:accel").to_component("X", ".x").to_timeline("t", "sequence", ".x")
    with pytest.raises(ValueError, match=r"^Invalid time column type for timeline 't': expected List<Int64>, got Float64$"):
        imu_chunk().apply_lenses(lens)


def test_scatter_explodes_lists() -> None:
    boxes = pa.array([[{"label": "car", "points": [1, 2, 3]}, {"label": "bus", "points": []}], [], None],
                     pa.list_(pa.struct([("label", pa.string()), ("points", pa.list_(pa.int64()))])))
    chunk = Chunk.from_columns("/camera", [TimeColumn("frame", sequence=[10, 20, 30])],
                               [RawComponentColumn(ComponentDescriptor("Detections:boxes"), boxes)])
    [points] = chunk.apply_lenses(DeriveLens("Detections:boxes", output_entity="/points", scatter=True)
                                  .to_component("Points:value", ".points[]"))
    assert columns(points) == {"frame": [10, 10, 10, 20, 30], "Points:value": [[1], [2], [3], [], None]}
    [labels] = chunk.apply_lenses(DeriveLens("Detections:boxes", scatter=True).to_component("Label:text", ".label"))
    assert columns(labels) == {"frame": [10, 10, 20, 30], "Label:text": [["car"], ["bus"], [], None]}


def test_builders_return_new_lenses() -> None:
    base = DeriveLens("Imu:accel")
    with_output = base.to_component("X", ".x")
    assert with_output is not base
    with pytest.raises(ValueError, match="missing output components"):
        imu_chunk().apply_lenses(base)
    assert len(imu_chunk().apply_lenses(with_output)) == 1


def test_selectors_are_parsed_at_construction() -> None:
    with pytest.raises(ValueError, match="^Failed to parse selector: unexpected symbol `query`$"):
        MutateLens("Imu:accel", "bad query")
    with pytest.raises(ValueError, match="^Failed to parse selector"):
        DeriveLens("Imu:accel").to_component("X", ".[")


def test_deferred_checks() -> None:
    with pytest.raises(ValueError, match="^Derive lens targets the same component as its input `Imu:accel` on the same entity"):
        imu_chunk().apply_lenses(DeriveLens("Imu:accel").to_component("Imu:accel", ".x"))


def test_collisions() -> None:
    with pytest.raises(ValueError, match="collision"):
        imu_chunk().apply_lenses([MutateLens("Imu:accel", ".x"), MutateLens("Imu:accel", ".y")])
    with pytest.raises(ValueError, match="^Lens collision at entity `/o`: derive output `X` already claimed by a prior lens$"):
        imu_chunk().apply_lenses([DeriveLens("Imu:accel", output_entity="/o").to_component("X", ".x"),
                                  DeriveLens("Imu:accel", output_entity="/o").to_component("X", ".y")])


def test_callable_in_a_lens() -> None:
    lens = DeriveLens("Imu:accel").to_component("X", Selector(".x").pipe(lambda values: pc.multiply(values, 10)))
    [out] = imu_chunk().apply_lenses(lens)
    assert columns(out)["X"] == [[10.0], [40.0], [70.0]]

    def fail(values: pa.Array) -> pa.Array:
        raise ValueError("no")

    with pytest.raises(ValueError, match=r"input: `Imu:accel`\): Python callback failed: ValueError: no$"):
        imu_chunk().apply_lenses(DeriveLens("Imu:accel").to_component("X", Selector(".x").pipe(fail)))


def test_lens_alias() -> None:
    assert isinstance(MutateLens("A", "."), Lens)
    assert isinstance(DeriveLens("A"), Lens)


def test_apply_selector() -> None:
    chunk = imu_chunk()
    out = chunk.apply_selector(ComponentDescriptor("Imu:accel"), Selector(".x").pipe(lambda v: pc.multiply(v, 2)))
    assert out.id != chunk.id
    assert columns(out)["Imu:accel"] == [[2.0], [8.0], [14.0]]
    assert chunk.apply_selector("Imu:accel", ".y").num_rows == 3
    with pytest.raises(ValueError, match="^Component 'Nope' not found in chunk for entity `/sensor`$"):
        chunk.apply_selector("Nope", ".x")
    with pytest.raises(ValueError, match="^No component outputs were produced for target entity `/sensor`$"):
        chunk.apply_selector("Imu:accel", ".missing")


def stream_of(*chunks: Chunk) -> LazyChunkStream:
    return LazyChunkStream.from_iter(list(chunks))


def test_stream_modes() -> None:
    lens = DeriveLens("Imu:accel").to_component("X", ".x")
    other = Chunk.from_columns("/other", [TimeColumn("frame", sequence=[1])], [ComponentColumn("B", pa.array([1]))])
    dropped = stream_of(imu_chunk(), other).lenses(lens).to_chunks()
    assert [sorted(columns(c)) for c in dropped] == [["X", "frame"]]
    unmatched = stream_of(imu_chunk(), other).lenses(lens, output_mode="forward_unmatched").to_chunks()
    assert [sorted(columns(c)) for c in unmatched] == [["Imu:temperature", "X", "frame"], ["B", "frame"]]
    everything = stream_of(imu_chunk(), other).lenses([lens], output_mode="forward_all").to_chunks()
    assert [sorted(columns(c)) for c in everything] == [["Imu:accel", "Imu:temperature", "X", "frame"], ["B", "frame"]]


def test_stream_content_scoping() -> None:
    lens = DeriveLens("Imu:accel").to_component("X", ".x")
    scoped = stream_of(imu_chunk("/a"), imu_chunk("/b")).lenses(lens, content="/b").to_chunks()
    assert [(c.entity_path, sorted(columns(c))) for c in scoped] == [
        ("/a", ["Imu:accel", "Imu:temperature", "frame"]), ("/b", ["X", "frame"])]
    excluded = stream_of(imu_chunk("/a"), imu_chunk("/b")).lenses(
        lens, content=ContentFilter.everything().exclude("/a")).to_chunks()
    assert [c.entity_path for c in excluded] == ["/a", "/b"]


def test_property_chunks_are_never_transformed() -> None:
    lens = DeriveLens("Imu:accel").to_component("X", ".x")
    properties = imu_chunk("/__properties")
    assert stream_of(properties).lenses(lens).to_chunks() == []
    [kept] = stream_of(properties).lenses(lens, output_mode="forward_unmatched").to_chunks()
    assert kept.id == properties.id


def test_stream_errors() -> None:
    s = stream_of(imu_chunk())
    with pytest.raises(ValueError, match="^Unknown output_mode 'bad', expected 'forward_all', 'forward_unmatched', or 'drop_unmatched'$"):
        s.lenses(DeriveLens("Imu:accel").to_component("X", ".x"), output_mode="bad")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="already been consumed"):
        s.to_chunks()
    failing = stream_of(imu_chunk()).lenses(DeriveLens("Imu:accel").to_component("X", "[0]"))
    with pytest.raises(RuntimeError, match=r"^Lenses error: Failed to apply operations to component 'X' \(entity: `/sensor`"):
        failing.to_chunks()
    with pytest.raises(ValueError, match="missing output components"):
        stream_of(imu_chunk()).lenses(DeriveLens("Imu:accel"))


def test_stream_runs_python_selectors_from_the_engine_thread() -> None:
    lens = DeriveLens("Imu:accel").to_component("X", Selector(".x").pipe(lambda values: pc.add(values, 1)))
    chunks = [imu_chunk(f"/e{i}") for i in range(20)]
    outputs = stream_of(*chunks).lenses(lens).to_chunks()
    assert [columns(c)["X"] for c in outputs] == [[[2.0], [5.0], [8.0]]] * 20
