"""Lens scenarios run the same way on rrflow and on rerun-sdk 0.33.1, described as plain data.

Inputs are always built by rerun-sdk (``Chunk.from_columns``) and handed to rrflow
through their record batches, so both libraries see the same chunk and row ids.
A scenario returns, per output chunk: its entity, whether its chunk id and row ids
are the input's, new sequential ones or something else, and every column.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc


class Library:
    """One library's entry points, so that a scenario is written once for both."""

    def __init__(self, name: str) -> None:
        self.name = name
        if name == "rerun":
            import rerun.experimental as module
            from rerun.catalog import ContentFilter
        else:
            import rrflow as module
            from rrflow import ContentFilter
        self.DeriveLens = module.DeriveLens
        self.MutateLens = module.MutateLens
        self.Selector = module.Selector
        self.LazyChunkStream = module.LazyChunkStream
        self.ContentFilter = ContentFilter
        self._chunk_class = module.Chunk

    def chunk(self, entity: str, times: list[tuple[str, str, list[Any]]], columns: list[tuple[Any, pa.Array]]) -> Any:
        import rerun as rr
        from rerun.experimental import Chunk as RerunChunk

        class Column:
            def __init__(self, descriptor: Any, array: pa.Array) -> None:
                self.descriptor = descriptor if not isinstance(descriptor, str) else rr.ComponentDescriptor(descriptor)
                self.array = array

            def component_descriptor(self) -> Any:
                return self.descriptor

            def as_arrow_array(self) -> pa.Array:
                return self.array

        indexes = [rr.TimeColumn(name, **{kind: values}) for name, kind, values in times]
        made = RerunChunk.from_columns(entity, indexes, [Column(d, a) for d, a in columns])
        if self.name == "rerun":
            return made
        return self._chunk_class.from_record_batch(made.to_record_batch())


def describe(inputs: list[Any], outputs: list[Any]) -> list[tuple[Any, ...]]:
    input_ids = [chunk.id for chunk in inputs]
    input_rows = [chunk.to_record_batch().column(0).to_pylist() for chunk in inputs]
    described = []
    for chunk in outputs:
        batch = chunk.to_record_batch()
        rows = batch.column(0).to_pylist()
        same_id = input_ids.index(chunk.id) if chunk.id in input_ids else "new"
        first = bytes.fromhex(chunk.id.removeprefix("chunk_"))
        counter = int.from_bytes(first[8:], "big")
        sequential = [first[:8] + (counter + i + 1).to_bytes(8, "big") for i in range(len(rows))]
        if rows in input_rows:
            row_ids: Any = ("input", input_rows.index(rows))
        else:
            row_ids = "sequential" if rows == sequential else "other"
        columns = []
        for field, column in zip(batch.schema, batch.columns):
            metadata = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
            if metadata.get("rerun:kind") == "control":
                continue
            descriptor = tuple(metadata.get(key) for key in ("rerun:component", "rerun:archetype", "rerun:component_type"))
            columns.append((field.name, metadata.get("rerun:kind"), descriptor, str(field.type), column.to_pylist()))
        entity = batch.schema.metadata[b"rerun:entity_path"].decode()
        described.append((entity, same_id, row_ids, chunk.num_rows, columns))
    return described


# --- inputs ---------------------------------------------------------------------------------------

IMU = pa.struct([("x", pa.float64()), ("y", pa.float64()), ("z", pa.float64()), ("t", pa.int64())])


def imu(lib: Library, temperature: bool = False, static: bool = False, entity: str = "/sensor") -> Any:
    accel = pa.array([[{"x": 1.0, "y": 2.0, "z": 3.0, "t": 30}], [{"x": 4.0, "y": 5.0, "z": 6.0, "t": 10}],
                      [{"x": 7.0, "y": None, "z": 9.0, "t": 20}], [], None], pa.list_(IMU))
    columns: list[tuple[Any, pa.Array]] = [("Imu:accel", accel)]
    if temperature:
        columns.append(("Imu:temperature", pa.array([20.0, 21.0, 22.0, 23.0, 24.0])))
    times = [] if static else [("frame", "sequence", [1, 2, 3, 4, 5])]
    return lib.chunk(entity, times, columns)


def one_per_row(lib: Library) -> Any:
    """Every row holds exactly one struct (so time selectors give one value per row)."""
    accel = pa.array([[{"x": 1.0, "y": 2.0, "z": 3.0, "t": 30}], [{"x": 4.0, "y": 5.0, "z": 6.0, "t": 10}],
                      [{"x": 7.0, "y": None, "z": 9.0, "t": 10}], [{"x": 2.0, "y": 1.0, "z": 0.0, "t": 20}]], pa.list_(IMU))
    return lib.chunk("/sensor", [("frame", "sequence", [1, 2, 3, 4]), ("log_time", "timestamp", [1.0, 2.0, 3.0, 4.0])],
                     [("Imu:accel", accel), ("Imu:temperature", pa.array([20.0, 21.0, 22.0, 23.0]))])


DETECTIONS = pa.list_(pa.struct([("label", pa.string()), ("score", pa.float32()), ("points", pa.list_(pa.int64()))]))


def detections(lib: Library, static: bool = False) -> Any:
    rows = pa.array([
        [{"label": "car", "score": 0.9, "points": [1, 2, 3]}, {"label": "bus", "score": 0.5, "points": []}],
        [],
        None,
        [{"label": None, "score": 0.1, "points": None}],
        [{"label": "cat", "score": None, "points": [4, None]}],
    ], DETECTIONS)
    times = [] if static else [("frame", "sequence", [10, 20, 30, 40, 50])]
    return lib.chunk("/camera", times, [("Detections:boxes", rows)])


def apply(lib: Library, inputs: Any, lenses: Any) -> list[tuple[Any, ...]]:
    inputs = inputs if isinstance(inputs, list) else [inputs]
    return describe(inputs, inputs[0].apply_lenses(lenses))


def stream(lib: Library, inputs: list[Any], lenses: Any, **options: Any) -> list[tuple[Any, ...]]:
    return describe(inputs, lib.LazyChunkStream.from_iter(inputs).lenses(lenses, **options).to_chunks())


def scalars() -> Any:
    import rerun as rr

    return rr.Scalars.descriptor_scalars()


def full_descriptor() -> Any:
    import rerun as rr

    return rr.ComponentDescriptor("Accel:x", archetype="my.Accel", component_type="my.X")


def int64_times(values: pa.Array) -> pa.Array:
    return pc.cast(values, pa.int64())


# --- scenarios ------------------------------------------------------------------------------------


def scenarios() -> dict[str, Callable[[Library], Any]]:
    def derive(lib: Library, *args: Any, **kwargs: Any) -> Any:
        return lib.DeriveLens(*args, **kwargs)

    table: dict[str, Callable[[Library], Any]] = {
        # Chunk.apply_lenses: the spec's examples and the lens kinds.
        "imu_field_to_scalars": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component(scalars(), ".x")),
        "no_lenses": lambda lib: apply(lib, imu(lib), []),
        "no_match": lambda lib: apply(lib, imu(lib), derive(lib, "Other:thing").to_component("X", ".x")),
        "other_entities_in_lens_order": lambda lib: apply(lib, imu(lib, temperature=True), [
            derive(lib, "Imu:accel", output_entity="/out/x").to_component(scalars(), ".x"),
            derive(lib, "Imu:accel", output_entity="out/y").to_component(scalars(), lib.Selector(".y"))]),
        "mutate_derive_and_other_entity": lambda lib: apply(lib, imu(lib, temperature=True), [
            lib.MutateLens("Imu:accel", ".x"),
            derive(lib, "Imu:accel").to_component(scalars(), ".y"),
            derive(lib, "Imu:accel", output_entity="/derived").to_component(scalars(), ".x")]),
        "several_outputs_one_lens": lambda lib: apply(lib, imu(lib, temperature=True), derive(lib, "Imu:accel")
                                                      .to_component("Imu:x", ".x").to_component("Imu:y", ".y!")
                                                      .to_component("Imu:missing", ".missing")),
        "descriptor_kept_exactly": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component(
            full_descriptor(), ".x")),
        "mutate_new_row_ids": lambda lib: apply(lib, imu(lib, temperature=True), lib.MutateLens("Imu:accel", ".z")),
        "mutate_keep_row_ids": lambda lib: apply(lib, imu(lib, temperature=True),
                                                 lib.MutateLens("Imu:accel", ".z", keep_row_ids=True)),
        "mutate_absent_removes_column": lambda lib: apply(lib, imu(lib, temperature=True), lib.MutateLens("Imu:accel", ".nope")),
        "mutate_absent_only_column": lambda lib: apply(lib, imu(lib), lib.MutateLens("Imu:accel", ".nope")),
        "mutate_error": lambda lib: apply(lib, imu(lib), lib.MutateLens("Imu:accel", "[0]")),
        "derive_error": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component("X", "[0]")),
        "derive_unknown_function": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component("X", "string_prefix(\"a\")")),
        "derive_absent_merge": lambda lib: apply(lib, imu(lib, temperature=True), derive(lib, "Imu:accel").to_component("X", ".nope")),
        "derive_absent_static_other": lambda lib: apply(lib, imu(lib, static=True),
                                                        derive(lib, "Imu:accel", output_entity="/o").to_component("X", ".nope")),
        "derive_replaces_existing_column": lambda lib: apply(lib, imu(lib, temperature=True),
                                                             derive(lib, "Imu:accel").to_component("Imu:temperature", ".x")),
        "derive_to_own_entity_explicitly": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel", output_entity="/sensor")
                                                             .to_component("Imu:accel", ".x")),
        "derive_pipe_callable": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component(
            "X", lib.Selector(".x").pipe(lambda values: pc.multiply(values, 10)))),
        "collision_mutates": lambda lib: apply(lib, imu(lib), [lib.MutateLens("Imu:accel", ".x"), lib.MutateLens("Imu:accel", ".y")]),
        "collision_same_entity": lambda lib: apply(lib, imu(lib), [derive(lib, "Imu:accel").to_component("X", ".x"),
                                                                   derive(lib, "Imu:accel").to_component("X", ".y")]),
        "collision_target_entity": lambda lib: apply(lib, imu(lib), [derive(lib, "Imu:accel", output_entity="/o").to_component("X", ".x"),
                                                                     derive(lib, "Imu:accel", output_entity="o").to_component("X", ".y")]),
        "collision_and_errors_joined": lambda lib: apply(lib, imu(lib), [derive(lib, "Imu:accel").to_component("X", "[0]"),
                                                                         derive(lib, "Imu:accel").to_component("X", "[1]"),
                                                                         lib.MutateLens("Imu:accel", "[3]")]),
        "deferred_missing_outputs": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_timeline("t", "sequence", ".t")),
        "deferred_same_component": lambda lib: apply(lib, imu(lib), derive(lib, "Imu:accel").to_component("Imu:accel", ".x")),
        "property_chunk_untouched": lambda lib: apply(lib, imu(lib, entity="/__properties", static=True),
                                                      derive(lib, "Imu:accel").to_component("X", ".x")),
        # Timelines.
        "to_timeline_sequence": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                  .to_timeline("t", "sequence", ".t")),
        "to_timeline_sorts_by_name_order": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                             .to_timeline("a_time", "timestamp_ns", ".t")),
        "to_timeline_replaces_frame": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                        .to_timeline("frame", "duration_ns", ".t")),
        "to_timeline_other_entity": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel", output_entity="/o")
                                                      .to_component("X", ".x").to_timeline("t", "sequence", ".t")),
        "to_timeline_float_is_an_error": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                           .to_timeline("t", "sequence", ".x")),
        "to_timeline_int32_is_an_error": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                           .to_timeline("t", "sequence", lib.Selector(".t").pipe(lambda v: pc.cast(v, pa.int32())))),
        "to_timeline_from_callable": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                       .to_timeline("t", "sequence", lib.Selector(".x").pipe(int64_times))),
        "to_timeline_absent": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                .to_timeline("t", "sequence", ".nope")),
        "to_timeline_error": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                               .to_timeline("t", "sequence", "[1]")),
        "to_timeline_static_source": lambda lib: apply(lib, lib.chunk("/s", [], [("Imu:accel", one_per_row(lib).to_record_batch()
                                                                                   .column("Imu:accel"))]),
                                                       derive(lib, "Imu:accel").to_component("X", ".x").to_timeline("t", "sequence", ".t")),
        # Scatter.
        "scatter_explodes_points": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", output_entity="/points",
                                                                                  scatter=True).to_component("Points:value", ".points[]")),
        "scatter_one_row_per_detection": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", scatter=True)
                                                           .to_component("Label:text", ".label").to_component("Score:value", ".score")),
        "scatter_first_output_absent": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", scatter=True)
                                                         .to_component("Nope", ".nope").to_component("Label:text", ".label")),
        "scatter_all_absent": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", scatter=True).to_component("Nope", ".nope")),
        "scatter_shape_mismatch": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", scatter=True)
                                                    .to_component("Points:value", ".points[]").to_component("Label:text", ".label")),
        "scatter_error": lambda lib: apply(lib, detections(lib), derive(lib, "Detections:boxes", scatter=True)
                                           .to_component("Label:text", ".label").to_component("Bad", "[0]")),
        "scatter_static": lambda lib: apply(lib, detections(lib, static=True), derive(lib, "Detections:boxes", scatter=True)
                                            .to_component("Label:text", ".label")),
        "scatter_with_timeline": lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel", scatter=True)
                                                   .to_component("X", ".x").to_timeline("t", "sequence", ".t")),
        "spec_scatter_example": lambda lib: apply(lib, lib.chunk("/r", [("frame", "sequence", [10, 20])], [
            ("M:d", pa.array([[{"v": [1, 2, 3]}], [{"v": []}]], pa.list_(pa.struct([("v", pa.list_(pa.int64()))]))))]),
            derive(lib, "M:d", output_entity="/o", scatter=True).to_component("o", ".v[]")),
    }
    # Where rrflow deliberately differs (see test_lens_interop.py).
    table["pinned_null_time"] = lambda lib: apply(lib, one_per_row(lib), derive(lib, "Imu:accel").to_component("X", ".x")
                                                  .to_timeline("t", "sequence", lib.Selector(".y").pipe(int64_times)))
    table["pinned_time_rows_without_one_value"] = lambda lib: apply(
        lib, imu(lib, static=True), derive(lib, "Imu:accel").to_component("X", ".x")
        .to_timeline("t", "sequence", lib.Selector(".t").pipe(lambda v: pc.fill_null(v, 0))))
    table["pinned_all_outputs_absent_temporal"] = lambda lib: apply(
        lib, imu(lib), derive(lib, "Imu:accel", output_entity="/o").to_component("X", ".nope"))
    table["pinned_scatter_rows_of_different_sources"] = lambda lib: apply(
        lib, lib.chunk("/r", [("frame", "sequence", [1, 2])], [("M:d", pa.array(
            [[{"v": [1, 2], "w": [1]}], [{"v": [3], "w": [2, 3]}]],
            pa.list_(pa.struct([("v", pa.list_(pa.int64())), ("w", pa.list_(pa.int64()))]))))]),
        derive(lib, "M:d", scatter=True).to_component("V", ".v[]").to_component("W", ".w[]"))
    # LazyChunkStream.lenses: the mode table of the spec, content scoping, errors.
    kinds = {
        "same": lambda lib: lib.DeriveLens("Imu:accel").to_component("X", ".x"),
        "other": lambda lib: lib.DeriveLens("Imu:accel", output_entity="/o").to_component("X", ".x"),
        "mutate": lambda lib: lib.MutateLens("Imu:accel", ".x"),
    }

    def stream_inputs(lib: Library) -> list[Any]:
        return [imu(lib, temperature=True), imu(lib, entity="/elsewhere"),
                lib.chunk("/unrelated", [("frame", "sequence", [1])], [("B", pa.array([1]))]),
                imu(lib, entity="/__properties", static=True)]

    for mode in ("drop_unmatched", "forward_unmatched", "forward_all"):
        for kind, make in kinds.items():
            table[f"stream_{mode}_{kind}"] = (
                lambda lib, mode=mode, make=make: stream(lib, stream_inputs(lib), make(lib), output_mode=mode))
    table["stream_default_mode"] = lambda lib: stream(lib, stream_inputs(lib), kinds["same"](lib))
    table["stream_content_scoping"] = lambda lib: stream(lib, stream_inputs(lib), kinds["same"](lib), content="/elsewhere")
    table["stream_content_list"] = lambda lib: stream(lib, stream_inputs(lib), [kinds["same"](lib)],
                                                      content=["/sensor", "/__properties/**"])
    table["stream_content_filter"] = lambda lib: stream(lib, stream_inputs(lib), kinds["other"](lib),
                                                        content=lib.ContentFilter.everything().exclude("/sensor"))
    table["stream_lens_error"] = lambda lib: stream(lib, stream_inputs(lib), lib.DeriveLens("Imu:accel").to_component("X", "[0]"))
    table["stream_unknown_mode"] = lambda lib: stream(lib, stream_inputs(lib), kinds["same"](lib), output_mode="bad")
    table["stream_deferred_error"] = lambda lib: stream(lib, stream_inputs(lib), lib.DeriveLens("Imu:accel"))
    table["stream_callable"] = lambda lib: stream(lib, stream_inputs(lib), lib.DeriveLens("Imu:accel").to_component(
        "X", lib.Selector(".x").pipe(lambda values: pc.add(values, 1))))
    # Chunk.apply_selector.
    table["apply_selector"] = lambda lib: _apply_selector(lib, ".y")
    table["apply_selector_callable"] = lambda lib: _apply_selector(lib, lib.Selector(".x").pipe(lambda v: pc.multiply(v, 2)))
    table["apply_selector_missing"] = lambda lib: _apply_selector(lib, ".x", component="Nope")
    table["apply_selector_absent"] = lambda lib: _apply_selector(lib, ".nope")
    table["apply_selector_error"] = lambda lib: _apply_selector(lib, "[0]")
    return table


def _apply_selector(lib: Library, selector: Any, component: str = "Imu:accel") -> list[tuple[Any, ...]]:
    chunk = imu(lib, temperature=True)
    return describe([chunk], [chunk.apply_selector(component, selector)])


def run_scenario(name: str, library: str) -> list[tuple[Any, ...]]:
    return scenarios()[name](Library(library))


def run_reference_scenario(name: str) -> list[tuple[Any, ...]]:
    return run_scenario(name, "rerun")
