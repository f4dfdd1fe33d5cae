"""ParquetReader and ColumnRule against rerun-sdk 0.33.1 on the same Parquet files.

Every case writes a file with pyarrow, reads it with both libraries and
compares the chunks (record batches without row ids and chunk ids, in stream
order), the store summaries, or the exception type and message.
"""

from __future__ import annotations

import datetime
import decimal
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import rrflow

rr = pytest.importorskip("rerun")
import rerun.experimental as rrx  # noqa: E402

RERUN_CLI = Path(sys.executable).parent / "rerun"
ROW_ID = "rerun.controls.RowId"


# --- comparison helpers ---


def _outcome(module: Any, path: Path, options: dict[str, Any]) -> list | BaseException:
    options = dict(options)
    rules = options.pop("column_rules", None)
    if rules is not None:
        options["column_rules"] = [module.ColumnRule(**rule) if isinstance(rule, dict) else rule for rule in rules]
    try:
        return module.ParquetReader(path, **options).stream().to_chunks()
    except Exception as error:  # noqa: BLE001  (the exception is what is compared)
        return error


def _columns(chunk: Any) -> dict[str, tuple[pa.Field, pa.Array]]:
    batch = chunk.to_record_batch()
    return {f.name: (f, c) for f, c in zip(batch.schema, batch.columns) if f.name != ROW_ID}


def _same_values(a: pa.Array, b: pa.Array) -> bool:
    # `equals` says NaN != NaN; the full text then decides.
    if a.equals(b):
        return True
    window = {"window": 1 << 30, "container_window": 1 << 30}
    return a.type == b.type and a.to_string(**window) == b.to_string(**window)


def _assert_same_chunk(ours: Any, theirs: Any) -> None:
    assert ours.entity_path == theirs.entity_path
    assert ours.is_static == theirs.is_static
    assert ours.num_rows == theirs.num_rows
    assert sorted(ours.timeline_names) == sorted(theirs.timeline_names)
    a, b = _columns(ours), _columns(theirs)
    assert a.keys() == b.keys(), ours.entity_path
    for name, (field, column) in a.items():
        other_field, other_column = b[name]
        assert field.equals(other_field, check_metadata=True), (name, field, other_field)
        assert _same_values(column, other_column), (name, column, other_column)


# rrflow's to_chunks adds how many chunks came before the error (which iteration yields first);
# rerun-sdk's text is otherwise the same.
_DELIVERED_NOTE = re.compile(r" \(after \d+ chunks?; iterate the stream to receive them before the error\)$")


def _assert_same_errors(ours: BaseException, theirs: BaseException, *, exact: bool = True) -> None:
    assert type(ours) is type(theirs), (ours, theirs)
    if exact:
        assert _DELIVERED_NOTE.sub("", str(ours)) == str(theirs)


def check(path: Path, **options: Any) -> list:
    """Reads `path` with both libraries and asserts identical results."""
    ours = _outcome(rrflow, path, options)
    theirs = _outcome(rrx, path, options)
    if isinstance(theirs, BaseException) or isinstance(ours, BaseException):
        assert isinstance(ours, BaseException), f"rerun raised {theirs!r}, rrflow did not"
        assert isinstance(theirs, BaseException), f"rrflow raised {ours!r}, rerun did not"
        _assert_same_errors(ours, theirs)
        return []
    assert [c.entity_path for c in ours] == [c.entity_path for c in theirs]
    for a, b in zip(ours, theirs):
        _assert_same_chunk(a, b)
    assert rrflow.ChunkStore.from_chunks(ours).summary() == rrx.ChunkStore.from_chunks(theirs).summary()
    return ours


def write(tmp_path: Path, table: pa.Table | dict, name: str = "data.parquet", **options: Any) -> Path:
    path = tmp_path / name
    pq.write_table(table if isinstance(table, pa.Table) else pa.table(table), path, **options)
    return path


def floats(*names: str, rows: int = 3) -> dict[str, list[float]]:
    return {name: [float(10 * i + j) for j in range(rows)] for i, name in enumerate(names)}


def xyz(stem: str, axes: str = "xyz") -> list[str]:
    return [f"{stem}_{axis}" for axis in axes]


# --- column grouping ---

GROUPING_CASES: dict[str, tuple[dict, dict]] = {
    "prefix_structs": (
        {"frame_index": [2, 0, 1], **floats("camera_rgb", "camera_depth", "joint_position", "joint_velocity", "action")},
        {"index_columns": [("frame_index", "sequence")]},
    ),
    "prefix_flat": (
        {"frame_index": [2, 0, 1], **floats("camera_rgb", "camera_depth", "joint_position", "action")},
        {"index_columns": [("frame_index", "sequence")], "use_structs": False},
    ),
    "lone_delimited_column": (floats("camera_rgb"), {}),
    "key_collision": (floats("a", "a_x"), {}),
    "leading_and_trailing_delimiter": (floats("_hidden", "tail_"), {"entity_path_prefix": "/world"}),
    "custom_delimiter": (floats("imu.acc.x", "imu.acc.y", "observation.images.top"), {"delimiter": "."}),
    "multibyte_delimiter": (floats("t°a", "t°b", "x"), {"delimiter": "°"}),
    "individual": (floats("camera_rgb", "camera_depth"), {"column_grouping": "individual", "use_structs": True}),
    "odd_names": (floats("pose/x", "my col", "a:b", "°C", "a//b/", "emoji😀"), {"column_grouping": "individual"}),
    "odd_prefix": (floats("x"), {"entity_path_prefix": "world/a b", "column_grouping": "individual"}),
    "empty_prefix": (floats("x"), {"entity_path_prefix": ""}),
    "explicit_prefixes": (
        floats("catx", "cat_bar", "catalogfoo", "catalog", "dog"),
        {"column_grouping": "explicit_prefixes", "prefixes": ["cat", "catalog"]},
    ),
    "explicit_prefix_ties": (
        floats("abx", "cdy", "abcd"),
        {"column_grouping": "explicit_prefixes", "prefixes": ("ab", "cd")},
    ),
    "explicit_prefixes_flat": (
        floats("cat_a", "cat_b", "cat_"),
        {"column_grouping": "explicit_prefixes", "prefixes": ["cat"], "use_structs": False},
    ),
    "explicit_duplicate_children": (
        floats("cat_x", "catx"),
        {"column_grouping": "explicit_prefixes", "prefixes": ["cat"]},
    ),
    "sorted_keys": (floats("b_1", "B_2", "a_3", "_4", "é_5"), {}),
}


@pytest.mark.parametrize("case", GROUPING_CASES)
def test_grouping(tmp_path: Path, case: str) -> None:
    table, options = GROUPING_CASES[case]
    assert check(write(tmp_path, table), **options)


# --- index columns ---

INDEX_CASES: dict[str, tuple[dict, list]] = {
    "timestamp_ms": ({"ts_ms": [3, 1, 2], "v": [1.0, 2.0, 3.0]}, [("ts_ms", "timestamp", "ms")]),
    "duration_us": ({"d": [100, 200, 300], "v": [1.0, 2.0, 3.0]}, [("d", "duration", "us")]),
    "float_seconds": ({"t": [0.5, 1.5, -1.5], "v": [1.0, 2.0, 3.0]}, [("t", "duration", "s")]),
    "float_extremes": ({"t": [float("nan"), 1e300, -1e300, float("inf")], "v": [1.0, 2.0, 3.0, 4.0]}, [("t", "sequence")]),
    "typed_timestamp_default_unit": (
        {"t": pa.array([1000, 2000], pa.timestamp("ms", tz="UTC")), "v": [1.0, 2.0]},
        [("t", "timestamp")],
    ),
    "typed_timestamp_ms": ({"t": pa.array([1000, 2000], pa.timestamp("ms")), "v": [1.0, 2.0]}, [("t", "timestamp", "ms")]),
    "typed_duration": ({"t": pa.array([5, 3], pa.duration("s")), "v": [1.0, 2.0]}, [("t", "duration", "s")]),
    "narrow_and_unsigned": (
        {
            "i32": pa.array([3, 2, 1], pa.int32()),
            "i16": pa.array([1, 2, 3], pa.int16()),
            "u32": pa.array([7, 8, 9], pa.uint32()),
            "u64": pa.array([2**64 - 1, 5, 6], pa.uint64()),
            "f32": pa.array([1.5, 2.5, 3.5], pa.float32()),
            "v": [1.0, 2.0, 3.0],
        },
        [("i32", "sequence"), ("i16", "sequence"), ("u32", "sequence"), ("u64", "sequence"), ("f32", "sequence")],
    ),
    "unusable_type": ({"t": pa.array([1, 2], pa.int8()), "v": [1.0, 2.0]}, [("t", "sequence")]),
    "unusable_and_usable": (
        {"t": pa.array([1000, 2000], pa.timestamp("ms")), "i8": pa.array([1, 2], pa.int8()), "v": [1.0, 2.0]},
        [("t", "timestamp", "ms"), ("i8", "sequence")],
    ),
    "two_timelines_sort_by_name": ({"b": [1, 1, 0, 0], "a": [3, 2, 1, 0], "v": [1.0, 2.0, 3.0, 4.0]}, [("b", "sequence"), ("a", "sequence")]),
    "in_order_second_timeline_unsorted": ({"a": [1, 2, 3], "b": [3, 1, 2], "v": [1.0, 2.0, 3.0]}, [("a", "sequence"), ("b", "sequence")]),
    "reordered_second_timeline_unsorted": ({"a": [2, 1, 3], "b": [3, 2, 1], "v": [1.0, 2.0, 3.0]}, [("a", "sequence"), ("b", "sequence")]),
    "ties_keep_file_order": ({"f": [1, 0, 1, 0], "v": [1.0, 2.0, 3.0, 4.0]}, [("f", "sequence")]),
    "same_column_twice": ({"t": [2, 1], "v": [1.0, 2.0]}, [("t", "sequence"), ("t", "timestamp")]),
    "sequence_ignores_unit": ({"t": [2, 1], "v": [1.0, 2.0]}, [("t", "sequence", "s")]),
    "wrapping_scale": ({"t": [2**62, 3], "v": [1.0, 2.0]}, [("t", "timestamp", "s")]),
    "nulls_in_index": ({"t": pa.array([1, None, 3, None, None, 6, 7, None]), "v": [float(i) for i in range(8)]}, [("t", "sequence")]),
    "nulls_in_float_index": ({"t": pa.array([1.5, None, 3.5, None], pa.float64()), "v": [1.0, 2.0, 3.0, 4.0]}, [("t", "duration", "ms")]),
    "list_options_as_lists": ({"t": [2, 1], "v": [1.0, 2.0]}, [["t", "sequence", None]]),
}


@pytest.mark.parametrize("case", INDEX_CASES)
def test_index_columns(tmp_path: Path, case: str) -> None:
    table, index_columns = INDEX_CASES[case]
    assert check(write(tmp_path, table), index_columns=index_columns)


# --- rows, windows and row groups ---


def _rows(count: int, *, nulls_every: int = 0) -> pa.Table:
    index = [None if nulls_every and i % nulls_every == 3 else (count - i) // 3 for i in range(count)]
    return pa.table({
        "t": pa.array(index, pa.int64()),
        "pos_x": pa.array([None if nulls_every and i % nulls_every == 1 else float(i) for i in range(count)]),
        "pos_y": [float(-i) for i in range(count)],
        "pos_z": pa.array([i % 7 for i in range(count)], pa.int32()),
        "label": [f"row {i}" for i in range(count)],
    })


ROW_CASES: dict[str, tuple[dict, dict]] = {
    "one_window_per_1024_rows": ({}, {}),
    "row_groups_of_1000": ({"row_group_size": 1000}, {}),
    "row_groups_of_300_with_index": ({"row_group_size": 300}, {"index_columns": [("t", "sequence")]}),
    "small_pages": ({"row_group_size": 700, "data_page_size": 256}, {"index_columns": [("t", "timestamp", "us")]}),
}


@pytest.mark.parametrize("case", ROW_CASES)
@pytest.mark.parametrize("nulls_every", [0, 5])
def test_windows_across_row_groups(tmp_path: Path, case: str, nulls_every: int) -> None:
    write_options, options = ROW_CASES[case]
    path = write(tmp_path, _rows(2500, nulls_every=nulls_every), **write_options)
    rules = [{"suffixes": ["_x", "_y", "_z"], "target": "Scalars", "names": ["x", "y", "z"]}]
    chunks = check(path, **options)
    assert [c.num_rows for c in chunks if c.entity_path == "/label"] == [1024, 1024, 452]
    check(path, column_rules=rules, **options)
    check(path, column_rules=rules, use_structs=False, **options)


def test_zero_rows(tmp_path: Path) -> None:
    table = pa.table({"s": pa.array([], pa.string()), "A_x": pa.array([], pa.float64()), "A_y": pa.array([], pa.float64())})
    path = write(tmp_path, table)
    assert len(check(path, static_columns=["s"])) == 1
    check(path, use_structs=False, column_rules=[rrx.ColumnRule.scalars(["_x", "_y"], names=["x", "y"])])


# --- static columns ---


def _static_file(tmp_path: Path, column: Any, rows: int | None = None) -> Path:
    array = pa.array(column) if not isinstance(column, pa.Array) else column
    rows = len(array) if rows is None else rows
    return write(tmp_path, {"s": array, "frame_index": list(range(rows)), "v": [float(i) for i in range(rows)]})


STATIC_CASES: dict[str, Any] = {
    "uniform_strings": ["s", "s", "s"],
    "non_uniform": ["a", "b", "a"],
    "null_among_values": ["a", None],
    "single_null_row": pa.array([None], pa.string()),
    "nan": [float("nan")] * 3,
    "signed_zeros": [0.0, -0.0],
    "null_type": pa.nulls(3),
    "binary": [b"a"] * 3,
    "varying_list": [[1], [2]],
    "struct": [{"a": 1}, {"a": 2}],
    "dictionary": pa.array(["a"] * 3).dictionary_encode(),
    "varying_dictionary": pa.array(["a", "b"]).dictionary_encode(),
    "decimal": [decimal.Decimal("1.5")] * 3,
    "int64_over_windows": [5] * 2000,
    "float_over_windows": [0.1] * 2000,
    "large_string_over_windows": pa.array(["s"] * 2000, pa.large_string()),
    "bool_over_windows": [True] * 2000,
    "bool_over_windows_last_single": [True] * 1025,
    "uint8_over_windows": pa.array([1] * 2000, pa.uint8()),
    "timestamp_over_windows": pa.array([1] * 2000, pa.timestamp("ms")),
    "dictionary_over_windows": pa.array(["s"] * 2000).dictionary_encode(),
    "list_over_windows": [[1, 2]] * 2000,
    "string_changes": ["a"] * 1024 + ["b"] * 10,
    "float_changes": [1.0] * 1024 + [2.0] * 10,
    "int32_changes": pa.array([7] * 1024 + [-8], pa.int32()),
    "bool_changes_single": [True] * 1024 + [False],
}


@pytest.mark.parametrize("case", STATIC_CASES)
def test_static_columns(tmp_path: Path, case: str) -> None:
    path = _static_file(tmp_path, STATIC_CASES[case])
    check(path, static_columns=["s", "not_a_column"], index_columns=[("frame_index", "sequence")], column_grouping="individual")


def test_static_columns_at_prefix_and_also_index(tmp_path: Path) -> None:
    path = _static_file(tmp_path, ["a", "a"])
    check(path, static_columns=["s", "s"], entity_path_prefix="world")
    check(path, static_columns=["s"], index_columns=[("s", "sequence")])


# --- file metadata and types ---


def test_properties_chunk_holds_footer_pairs(tmp_path: Path) -> None:
    schema = pa.schema([("v", pa.float64())], metadata={"origin": "robot", "empty": ""})
    assert check(write(tmp_path, pa.table({"v": [1.0]}, schema=schema)))[0].entity_path == "/__properties"
    without = check(write(tmp_path, pa.table({"v": [1.0]}), "plain.parquet", store_schema=False))
    assert [c.entity_path for c in without] == ["/v"]


def _pass_through_table() -> pa.Table:
    columns = {
        "list": pa.array([[1.0, 2.0], None], pa.list_(pa.float32())),
        "large_string": pa.array(["a", None], pa.large_string()),
        "dictionary": pa.array(["x", "y"]).dictionary_encode(),
        "decimal": pa.array([decimal.Decimal("1.23"), None], pa.decimal128(10, 2)),
        "struct": pa.array([{"a": 1, "b": {"c": "z"}}, None]),
        "fixed_size_list": pa.array([[1, 2, 3], [4, 5, 6]], pa.list_(pa.float32(), 3)),
        "timestamp_tz": pa.array([datetime.datetime(2020, 1, 1), None], pa.timestamp("ms", tz="Europe/Paris")),
        "map": pa.array([[("k", 1)], None], pa.map_(pa.string(), pa.int64())),
        "list_of_maps": pa.array([[[("k", 1)]], None], pa.list_(pa.map_(pa.string(), pa.int64()))),
        "date": pa.array([datetime.date(2020, 1, 1), None]),
        "duration": pa.array([datetime.timedelta(seconds=1), None]),
        "binary": pa.array([b"x", None]),
        "uint8": pa.array([1, None], pa.uint8()),
        "half": pa.array(np.array([1.0, 2.0], dtype=np.float16)),
        "large_list": pa.array([[1], [2]], pa.large_list(pa.int64())),
        "time": pa.array([1, None], pa.time32("ms")),
        "null": pa.nulls(2),
        "bool": pa.array([True, None]),
        "nested_list": pa.array([[[1]], None], pa.list_(pa.list_(pa.int64()))),
    }
    fields = [pa.field("required", pa.float64(), nullable=False),
              pa.field("required_list", pa.list_(pa.field("element", pa.int32(), nullable=False)), nullable=False)]
    fields += [pa.field(name, array.type) for name, array in columns.items()]
    arrays = [pa.array([1.0, 2.0]), pa.array([[1], [2]], fields[1].type), *columns.values()]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


@pytest.mark.parametrize("grouping", ["individual", "prefix"])
@pytest.mark.parametrize("store_schema", [True, False])
@pytest.mark.parametrize("compliant", [True, False])
def test_pass_through_types(tmp_path: Path, grouping: str, store_schema: bool, compliant: bool) -> None:
    path = write(tmp_path, _pass_through_table(), store_schema=store_schema, use_compliant_nested_type=compliant)
    check(path, column_grouping=grouping)


# --- column rules ---

R = rrx.ColumnRule
POS = ["_pos_x", "_pos_y", "_pos_z"]
QUAT = ["_quat_x", "_quat_y", "_quat_z", "_quat_w"]
AXIS_ANGLE = ["_axis_x", "_axis_y", "_axis_z", "_angle"]
POSE_COLUMNS = [*xyz("A_pos"), *xyz("A_quat", "xyzw"), "A_speed"]

RULE_CASES: dict[str, tuple[list[str], list[Callable[[Any], Any]], dict]] = {
    "translation_and_quaternion": (POSE_COLUMNS, [lambda m: m.ColumnRule.translation3d(POS), lambda m: m.ColumnRule.rotation_quat(QUAT)], {}),
    "scalars": (xyz("sensor_accel"), [lambda m: m.ColumnRule.scalars(["_x", "_y", "_z"], names=["x", "y", "z"])], {}),
    "boundary": (["sensor_accel_ax", "sensor_accel_ay", "sensor_accel_az"], [lambda m: m.ColumnRule.scalars(["_x", "_y", "_z"], names=["x", "y", "z"])], {}),
    "overrides": (
        [*xyz("Foo_name_pos"), *xyz("Foo_name_quat", "xyzw")],
        [lambda m: m.ColumnRule.translation3d(POS, field_name_override="_pos"), lambda m: m.ColumnRule.rotation_quat(QUAT, field_name_override="_quat")],
        {},
    ),
    "duplicate_field_names": (
        [*xyz("Foo_name_pos"), *xyz("Foo_name_quat", "xyzw")],
        [lambda m: m.ColumnRule.translation3d(POS), lambda m: m.ColumnRule.rotation_quat(QUAT)],
        {},
    ),
    "single_component": (xyz("Foo_pos"), [lambda m: m.ColumnRule.translation3d(POS, field_name_override="_pos")], {}),
    "override_without_sub": (xyz("Foo_pos"), [lambda m: m.ColumnRule.scale3d(POS, field_name_override="_size")], {}),
    "transform": (POSE_COLUMNS[:-1], [lambda m: m.ColumnRule.transform(POS, QUAT)], {}),
    "transform_unpaired": (
        [*xyz("A_pos"), *xyz("A_quat")],
        [lambda m: m.ColumnRule.transform(POS, QUAT), lambda m: m.ColumnRule.translation3d(POS)],
        {},
    ),
    "transform_two_stems": (
        [*xyz("A_left_pos"), *xyz("A_right_pos"), *xyz("A_left_quat", "xyzw"), *xyz("A_right_quat", "xyzw")],
        [lambda m: m.ColumnRule.transform(POS, QUAT)],
        {},
    ),
    "first_match_wins": (xyz("A_pos"), [lambda m: m.ColumnRule.scalars(["_x", "_y", "_z"], names=["a", "b", "c"]), lambda m: m.ColumnRule.translation3d(POS)], {}),
    "group_without_sub": (xyz("obs"), [lambda m: m.ColumnRule.scalars(["_x", "_y", "_z"], names=["a", "b", "c"])], {}),
    "axis_angle": (["r_axis_x", "r_axis_y", "r_axis_z", "r_angle", "r_speed"], [lambda m: m.ColumnRule.rotation_axis_angle(AXIS_ANGLE)], {}),
    "axis_angle_alone": (["r_axis_x", "r_axis_y", "r_axis_z", "r_angle"], [lambda m: m.ColumnRule.rotation_axis_angle(AXIS_ANGLE)], {}),
    "two_matches_in_group": ([*xyz("A_left_pos"), *xyz("A_right_pos")], [lambda m: m.ColumnRule.translation3d(POS)], {}),
    "suffixes_in_other_order": (["A_pos_z", "A_pos_x", "A_pos_y"], [lambda m: m.ColumnRule.translation3d(POS)], {}),
    "empty_suffixes": (xyz("A_pos"), [lambda m: m.ColumnRule([], "Translation3D")], {}),
    "names_of_other_length": (["A_x"], [lambda m: m.ColumnRule(["_x"], "Scalars", names=["a", "b"])], {}),
    "empty_names": (["A_x", "A_y"], [lambda m: m.ColumnRule(["_x"], "Scalars", names=[])], {}),
    "explicit_prefixes": (
        [*xyz("robA_pos"), "robA_b", *xyz("other_pos")],
        [lambda m: m.ColumnRule.translation3d(POS)],
        {"column_grouping": "explicit_prefixes", "prefixes": ["robA"]},
    ),
    "custom_delimiter_keeps_underscore_rules": (
        ["arm.pos_x", "arm.pos_y", "arm.pos_z"],
        [lambda m: m.ColumnRule.translation3d(POS)],
        {"delimiter": "."},
    ),
    "individual": (xyz("A_pos"), [lambda m: m.ColumnRule.translation3d(POS)], {"column_grouping": "individual"}),
    "individual_order": (
        ["Z", *xyz("B_pos"), *xyz("A_pos"), *xyz("a_pos"), "C"],
        [lambda m: m.ColumnRule.translation3d(POS, field_name_override="_ignored")],
        {"column_grouping": "individual"},
    ),
    "individual_transform_and_scalars": (
        [*xyz("A_pos"), *xyz("A_quat", "xyzw"), *xyz("B_s"), "C"],
        [lambda m: m.ColumnRule.transform(POS, QUAT), lambda m: m.ColumnRule.scalars(["_s_x", "_s_y", "_s_z"], names=["x", "y", "z"])],
        {"column_grouping": "individual"},
    ),
    "individual_empty_stem": (["_pos_x", "_pos_y", "_pos_z"], [lambda m: m.ColumnRule.translation3d(POS)], {"column_grouping": "individual"}),
    "individual_raw_suffix": (["Apos_x", "Apos_y", "Apos_z"], [lambda m: m.ColumnRule.translation3d(["pos_x", "pos_y", "pos_z"])], {"column_grouping": "individual"}),
    "individual_scalars_empty_stem": (["_x", "_y"], [lambda m: m.ColumnRule.scalars(["_x", "_y"], names=["x", "y"])], {"column_grouping": "individual"}),
}


@pytest.mark.parametrize("case", RULE_CASES)
@pytest.mark.parametrize("use_structs", [True, False])
def test_column_rules(tmp_path: Path, case: str, use_structs: bool) -> None:
    columns, rules, options = RULE_CASES[case]
    path = write(tmp_path, floats(*columns))
    ours = _outcome(rrflow, path, {"column_rules": [rule(rrflow) for rule in rules], "use_structs": use_structs, **options})
    theirs = _outcome(rrx, path, {"column_rules": [rule(rrx) for rule in rules], "use_structs": use_structs, **options})
    if isinstance(theirs, BaseException):
        assert isinstance(ours, BaseException), theirs
        _assert_same_errors(ours, theirs)
        return
    assert not isinstance(ours, BaseException), ours
    assert [c.entity_path for c in ours] == [c.entity_path for c in theirs]
    for a, b in zip(ours, theirs):
        _assert_same_chunk(a, b)


CAST_COLUMNS: dict[str, pa.Array] = {
    "int32": pa.array([1, None, 3, None, None, 6, 7, None], pa.int32()),
    "int64": pa.array([1, None, 3, None, None, 6, 7, None], pa.int64()),
    "uint8": pa.array([1, None, 3, None, None, 6, 7, None], pa.uint8()),
    "float64": pa.array([1.5, None, 3.5, None, None, 6.5, 7.5, None]),
    "float32": pa.array([1.5, None, 3.5, None, None, 6.5, 7.5, None], pa.float32()),
    "half": pa.array(np.array([1, 2, 3, 4, 5, 6, 7, 8], dtype=np.float16)),
    "bool": pa.array([True, None, False, True, None, True, False, None]),
    "strings": pa.array(["1e3", " 2", "+3", "inf", None, "0x10", "1_0", ".5"]),
    "large_strings": pa.array(["1", None, "2.5", "-4", "x", "5", "6", "7"], pa.large_string()),
    "dictionary": pa.array(["1", None, "3", None, "5", "5", "1", None]).dictionary_encode(),
    "decimal": pa.array([decimal.Decimal(v) if v else None for v in ["1.5", None, "3", None, None, "6", "7", None]], pa.decimal128(5, 1)),
    "timestamp": pa.array([1, None, 3, None, None, 6, 7, None], pa.timestamp("ms")),
    "duration": pa.array([1, None, 3, None, None, 6, 7, None], pa.duration("s")),
    "null": pa.nulls(8),
    "binary": pa.array([b"a"] * 8),
    "date": pa.array([1] * 8, pa.date32()),
}


@pytest.mark.parametrize("kind", CAST_COLUMNS)
@pytest.mark.parametrize("target", ["translation", "scalars"])
@pytest.mark.parametrize("use_structs", [True, False])
def test_rule_casts(tmp_path: Path, kind: str, target: str, use_structs: bool) -> None:
    table = {"A_pos_x": CAST_COLUMNS[kind], "A_pos_y": [1.0] * 8, "A_pos_z": pa.array(range(8), pa.int16()), "A_other": [2.0] * 8}
    path = write(tmp_path, table)
    if target == "translation":
        rule = {"suffixes": POS, "target": "Translation3D"}
    else:
        rule = {"suffixes": POS, "target": "Scalars", "names": ["x", "y", "z"]}
    check(path, column_rules=[rule], use_structs=use_structs)


def test_known_difference_numeric_dictionary(tmp_path: Path) -> None:
    """Arrow C++ reads a dictionary of numbers back as plain numbers; arrow-rs keeps the dictionary."""
    path = write(tmp_path, {"v": pa.array([1.0, None, 1.0]).dictionary_encode()})
    ours = rrflow.ParquetReader(path).stream().to_chunks()[1].to_record_batch().schema.field("v").type
    theirs = rrx.ParquetReader(path).stream().to_chunks()[1].to_record_batch().schema.field("v").type
    assert ours == pa.list_(pa.float64())
    assert theirs == pa.list_(pa.dictionary(pa.int32(), pa.float64()))


def test_null_fixed_size_list_reads_as_arrow_cpp_reads_it(tmp_path: Path) -> None:
    """Arrow C++ 22 cannot read a null fixed-size list back from Parquet (26 can); arrow-rs can."""
    path = write(tmp_path, {"v": pa.array([[1.0, 2.0], None], pa.list_(pa.float64(), 2))})
    assert len(rrx.ParquetReader(path).stream().to_chunks()) == 2
    try:
        pq.read_table(path)  # the Arrow C++ rrflow links
    except pa.ArrowException:
        with pytest.raises(RuntimeError, match="^Parquet error: "):
            rrflow.ParquetReader(path).stream().to_chunks()
    else:
        ours = rrflow.ParquetReader(path).stream().to_chunks()
        theirs = rrx.ParquetReader(path).stream().to_chunks()
        assert [c.num_rows for c in ours] == [c.num_rows for c in theirs]


def test_rule_objects_are_duck_typed(tmp_path: Path) -> None:
    class Rule:
        suffixes = POS
        target = "Scale3D"
        names = None
        field_name_override = None
        rotation_suffixes = None

    check(write(tmp_path, floats(*xyz("A_pos"))), column_rules=[Rule()])


def test_column_rule_dataclass() -> None:
    for module in (rrflow, rrx):
        assert [f for f in module.ColumnRule.__dataclass_fields__] == [
            "suffixes", "target", "names", "field_name_override", "rotation_suffixes"]
    assert repr(rrflow.ColumnRule.translation3d(["a", "b", "c"])) == repr(rrx.ColumnRule.translation3d(["a", "b", "c"]))
    assert repr(rrflow.ColumnRule.transform(POS, QUAT, field_name_override="t")) == repr(
        rrx.ColumnRule.transform(POS, QUAT, field_name_override="t"))
    assert repr(rrflow.ColumnRule.scalars(("a",), names=("x",))) == repr(rrx.ColumnRule.scalars(("a",), names=("x",)))
    rule = rrflow.ColumnRule.scale3d(["a", "b", "c"])
    with pytest.raises(AttributeError):
        rule.target = "Scalars"  # type: ignore[misc]


FACTORY_ERRORS: list[Callable[[Any], Any]] = [
    lambda m: m.ColumnRule.translation3d(["a"]),
    lambda m: m.ColumnRule.rotation_quat(["a"]),
    lambda m: m.ColumnRule.rotation_axis_angle(["a", "b", "c"]),
    lambda m: m.ColumnRule.scale3d(["a", "b"]),
    lambda m: m.ColumnRule.scalars(["a"], names=[]),
    lambda m: m.ColumnRule.transform(["a"], ["b"]),
    lambda m: m.ColumnRule.transform(["a", "b", "c"], ["b"]),
]


@pytest.mark.parametrize("factory", range(len(FACTORY_ERRORS)))
def test_column_rule_factory_errors(factory: int) -> None:
    errors = []
    for module in (rrflow, rrx):
        with pytest.raises(ValueError) as info:
            FACTORY_ERRORS[factory](module)
        errors.append(str(info.value))
    assert errors[0] == errors[1]


# --- errors ---

ERROR_CASES: dict[str, dict] = {
    "unknown_grouping": {"column_grouping": "bad"},
    "prefixes_with_prefix_grouping": {"prefixes": []},
    "prefixes_with_individual": {"column_grouping": "individual", "prefixes": ["a"]},
    "explicit_without_prefixes": {"column_grouping": "explicit_prefixes"},
    "explicit_with_empty_prefixes": {"column_grouping": "explicit_prefixes", "prefixes": []},
    "unknown_unit": {"index_columns": [("f", "sequence", "xs")]},
    "unknown_type": {"index_columns": [("f", "bogus")]},
    "unit_checked_before_type": {"index_columns": [("f", "bogus", "xs")]},
    "first_bad_index_wins": {"index_columns": [("f", "bogus"), ("g", "sequence", "xs")]},
    "unknown_target": {"column_rules": [{"suffixes": ["_x"], "target": "Bogus"}], "index_columns": [("f", "bogus")]},
    "scalars_without_names": {"column_rules": [{"suffixes": ["_x"], "target": "Scalars"}]},
    "transform_without_rotation": {"column_rules": [{"suffixes": ["_x"], "target": "Transform"}]},
    "grouping_before_rules": {"column_grouping": "bad", "column_rules": [{"suffixes": [], "target": "Bogus"}]},
    "missing_index_column": {"index_columns": [("zz", "sequence"), ("yy", "sequence")]},
    "missing_index_before_static": {"index_columns": [("zz", "sequence")], "static_columns": ["suite"]},
    "varying_static": {"static_columns": ["suite"]},
    "long_delimiter": {"delimiter": "ab"},
    "empty_delimiter": {"delimiter": ""},
    "one_tuple_index": {"index_columns": [("f",)]},
    "use_structs_not_bool": {"use_structs": 0},
    "static_columns_string": {"static_columns": "suite"},
}


@pytest.mark.parametrize("case", ERROR_CASES)
def test_errors(tmp_path: Path, case: str) -> None:
    path = write(tmp_path, {"f": [1, 2, 3], "suite": ["a", "b", "a"], "x": [1.0, 2.0, 3.0]})
    check(path, **ERROR_CASES[case])


@pytest.mark.parametrize("path", ["missing.parquet", "./missing.parquet", Path("./missing.parquet"), "a//missing.parquet"])
def test_missing_file(tmp_path: Path, path: str | Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ours, theirs = _outcome(rrflow, path, {"column_grouping": "bad"}), _outcome(rrx, path, {"column_grouping": "bad"})
    assert isinstance(ours, FileNotFoundError)
    _assert_same_errors(ours, theirs)


@pytest.mark.parametrize("content", [b"", b"hello world, this is not parquet at all", b"PAR1" + b"\0" * 20 + b"PAR1"])
def test_not_a_parquet_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(content)
    ours, theirs = _outcome(rrflow, path, {}), _outcome(rrx, path, {})
    _assert_same_errors(ours, theirs, exact=False)
    assert str(ours).startswith("Parquet error: ")


def test_directory(tmp_path: Path) -> None:
    ours, theirs = _outcome(rrflow, tmp_path, {}), _outcome(rrx, tmp_path, {})
    _assert_same_errors(ours, theirs, exact=False)


def test_truncated_file(tmp_path: Path) -> None:
    path = write(tmp_path, _rows(3000))
    data = path.read_bytes()
    truncated = tmp_path / "truncated.parquet"
    truncated.write_bytes(data[: len(data) // 2] + data[-8:])
    ours, theirs = _outcome(rrflow, truncated, {}), _outcome(rrx, truncated, {})
    _assert_same_errors(ours, theirs, exact=False)


def test_errors_end_iteration_after_earlier_chunks(tmp_path: Path) -> None:
    path = _static_file(tmp_path, ["a"] * 1024 + ["b"] * 3)
    seen = []
    for module in (rrflow, rrx):
        stream = module.ParquetReader(path, static_columns=["s"]).stream()
        paths = []
        with pytest.raises(RuntimeError) as info:
            for chunk in stream:
                paths.append(chunk.entity_path)
        seen.append((paths, str(info.value)))
    assert seen[0] == seen[1]


# --- reader object ---


def test_reader_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, {"a": [1.0]})
    ours, theirs = rrflow.ParquetReader("./data.parquet"), rrx.ParquetReader("./data.parquet")
    assert ours.path == theirs.path
    assert repr(ours) == repr(theirs)
    assert isinstance(ours, rrflow.StreamingReader)
    stream = ours.stream()
    assert len(stream.to_chunks()) == len(stream.to_chunks()) == 2


# --- LeRobot-shaped data to .rrd ---


def _lerobot_table(episodes: int = 3, frames: int = 700) -> pa.Table:
    rng = np.random.default_rng(7)
    rows = episodes * frames
    state = rng.standard_normal((rows, 6)).astype(np.float32)
    action = rng.standard_normal((rows, 6)).astype(np.float32)
    frame_index = np.tile(np.arange(frames), episodes)
    return pa.table({
        "observation.state": pa.array(list(state), pa.list_(pa.float32())),
        "action": pa.array(list(action), pa.list_(pa.float32(), 6)),
        "timestamp": pa.array(frame_index / 30.0, pa.float32()),
        "frame_index": pa.array(frame_index, pa.int64()),
        "episode_index": pa.array(np.repeat(np.arange(episodes), frames), pa.int64()),
        "index": pa.array(np.arange(rows), pa.int64()),
        "task_index": pa.array(np.zeros(rows, dtype=np.int64)),
    })


LEROBOT_OPTIONS = {
    "index_columns": [("frame_index", "sequence"), ("timestamp", "duration", "s"), ("index", "sequence")],
    "static_columns": ["task_index"],
}


def test_lerobot_table(tmp_path: Path) -> None:
    path = write(tmp_path, _lerobot_table(), row_group_size=1000)
    check(path, **LEROBOT_OPTIONS)
    check(path)


def test_lerobot_table_to_rrd(tmp_path: Path) -> None:
    path = write(tmp_path, _lerobot_table(), row_group_size=1000)
    rrd = tmp_path / "episode.rrd"
    rrflow.ParquetReader(path, **LEROBOT_OPTIONS).stream().write_rrd(rrd, application_id="lerobot", recording_id="ep")
    verify = subprocess.run([str(RERUN_CLI), "rrd", "verify", str(rrd)], capture_output=True, text=True, check=False)
    assert verify.returncode == 0, verify.stderr
    read_back = rrx.RrdReader(rrd).stream().to_chunks()
    direct = rrx.ParquetReader(path, **LEROBOT_OPTIONS).stream().to_chunks()
    assert [c.entity_path for c in read_back] == [c.entity_path for c in direct]
    for a, b in zip(read_back, direct):
        _assert_same_chunk(a, b)
