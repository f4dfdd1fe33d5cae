"""Differential tests of Chunk.format: rrflow against the real rerun-sdk 0.33.1.

Both libraries build the same chunk and must print exactly the same text:
the value display of every Arrow type, the header metadata, and comfy-table's
dynamic layout (wrapping, narrow widths, wide characters). Chunks built by
each library get different ids, so those comparisons use `redact=True`;
chunks that share ids (rrflow reading rerun's record batch) also compare
unredacted.
"""

from __future__ import annotations

import decimal
import random
from datetime import datetime, timedelta

import pyarrow as pa
import pytest
from column_objects import RawComponentColumn

import rrflow

rr = pytest.importorskip("rerun")
from rerun.experimental import Chunk as RerunChunk  # noqa: E402

WIDTHS = [0, 1, 7, 20, 33, 57, 80, 99, 120, 160, 240, 400, 65535, 65536 + 70]


def build_both(entity_path: str, indexes: list, columns: list) -> tuple[RerunChunk, rrflow.Chunk]:
    return (
        RerunChunk.from_columns(entity_path, indexes, columns),
        rrflow.Chunk.from_columns(entity_path, indexes, columns),
    )


def component(name: str, array: pa.Array) -> RawComponentColumn:
    return RawComponentColumn(rr.ComponentDescriptor(name), array)


def assert_same_format(theirs: RerunChunk, ours: rrflow.Chunk, **options) -> None:
    expected = theirs.format(**options)
    actual = ours.format(**options)
    if actual != expected:
        # Point at the first differing line: whole tables are hard to compare by eye.
        for number, (want, got) in enumerate(zip(expected.split("\n"), actual.split("\n"))):
            assert got == want, f"line {number} differs with {options}"
        assert actual == expected, f"line count differs with {options}"


# ---------------------------------------------------------------------------
# Archetype chunks


def archetype_cases() -> dict[str, tuple[str, list, list]]:
    positions = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    return {
        "points_static": ("/test/static", [], list(rr.Points3D.columns(positions=positions[:2]))),
        "points_temporal": (
            "/test",
            [rr.TimeColumn("frame", sequence=[1, 2, 3]), rr.TimeColumn("time", duration=[1.5, 1800, 0])],
            list(rr.Points3D.columns(positions=positions, radii=[1, 2, 3])),
        ),
        "three_timeline_kinds": (
            "robots/arm",
            [
                rr.TimeColumn("seq", sequence=[5, 5, 4]),
                rr.TimeColumn("dur", duration=[timedelta(seconds=1), timedelta(milliseconds=3), timedelta(0)]),
                rr.TimeColumn("ts", timestamp=[datetime(2024, 1, 1), datetime(2024, 1, 3, 1, 2, 3, 500), datetime(1969, 12, 31)]),
            ],
            list(rr.Scalars.columns(scalars=[1.0, 2.5, -3e-7])),
        ),
        "text_log": (
            "/logs/a b",
            [rr.TimeColumn("frame", sequence=[0, 1])],
            list(rr.TextLog.columns(text=["hello world", "a much longer line of text " * 5], level=["INFO", "WARN"])),
        ),
        "unsorted_timeline": (
            "/u",
            [rr.TimeColumn("b", sequence=[1, 2, 3, 4]), rr.TimeColumn("a", sequence=[1, 0, 1, 0])],
            [component("v", pa.array([[4.0], [3.0], None, [1.0]]))],
        ),
        "empty_chunk": ("/empty", [rr.TimeColumn("frame", sequence=[])], [component("c", pa.array([], pa.string()))]),
    }


@pytest.mark.parametrize("name", sorted(archetype_cases()))
@pytest.mark.parametrize("width", WIDTHS)
def test_archetype_chunks_format_alike(name: str, width: int) -> None:
    theirs, ours = build_both(*archetype_cases()[name])
    assert_same_format(theirs, ours, width=width, redact=True)
    assert_same_format(theirs, ours, width=width, redact=True, trim_metadata_keys=False)


@pytest.mark.parametrize("name", sorted(archetype_cases()))
@pytest.mark.parametrize("trim_metadata_keys", [True, False])
def test_unredacted_format_of_the_same_chunk(name: str, trim_metadata_keys: bool) -> None:
    theirs = RerunChunk.from_columns(*archetype_cases()[name])
    ours = rrflow.Chunk.from_record_batch(theirs.to_record_batch())
    assert_same_format(theirs, ours, trim_metadata_keys=trim_metadata_keys)
    assert_same_format(theirs, ours, width=50, trim_metadata_keys=trim_metadata_keys)


def test_renamed_non_null_list_items_show_in_the_type() -> None:
    items = pa.list_(pa.field("rerun_layer_names", pa.string(), nullable=False))
    built = RerunChunk.from_columns("/e", [rr.TimeColumn("t", sequence=[1, 2])], [component("names", pa.array([["a", "b"], ["c"]], items))])
    batch = built.to_record_batch()
    assert_same_format(RerunChunk.from_record_batch(batch), rrflow.Chunk.from_record_batch(batch), width=200)


def test_default_options_match() -> None:
    theirs = RerunChunk.from_columns(*archetype_cases()["points_temporal"])
    ours = rrflow.Chunk.from_record_batch(theirs.to_record_batch())
    assert ours.format() == theirs.format()


# ---------------------------------------------------------------------------
# Value display of every Arrow type


def typed_arrays() -> dict[str, pa.Array]:
    floats = [1.0, 2.5, 0.1, 1e20, 1e-7, 123456789.0, 1e16, 1e15, 1e-5, 1e-6, 9.99e15, 0.30000000000000004]
    specials = [float("nan"), float("inf"), -float("inf"), -0.0, None]
    arrays = {
        "float64": pa.array(floats + specials + [1.7976931348623157e308, 5e-324, 1234.5], pa.float64()),
        "float32": pa.array(floats + specials + [16777216.0, 3.4e38, 1e-45, 1e13, 1.5e12], pa.float32()),
        "float16": pa.array([1.0, 0.1, 65504, 1e-7, 0.5, 1.0 / 3, 6e-8] + specials, pa.float16()),
        "int8": pa.array([-128, 0, 127, None], pa.int8()),
        "int64": pa.array([2**63 - 1, -(2**63), None], pa.int64()),
        "uint64": pa.array([2**64 - 1, 0], pa.uint64()),
        "bool": pa.array([True, False, None]),
        "utf8": pa.array(["a", "", None, "with space", "new\nline", "tab\tx", 'quote"s', "ünï", "漢字", "cr\r\nlf"]),
        "large_utf8": pa.array(["a", None], pa.large_string()),
        "utf8_view": pa.array(["a", "a string longer than twelve bytes"], pa.string_view()),
        "binary": pa.array([b"ab\x00\xff", b"", None], pa.binary()),
        "large_binary": pa.array([b"ab"], pa.large_binary()),
        "binary_view": pa.array([b"ab"], pa.binary_view()),
        "fixed_size_binary": pa.array([b"abcd", None], pa.binary(4)),
        "date32": pa.array([0, 19000, -1, None, 2**31 - 1, 95026236, 95026237, -96465292, -96465293], pa.date32()),
        "date64": pa.array([0, 86400000 * 19000 + 5, -1, 2**63 - 1, None], pa.date64()),
        "time32_s": pa.array([0, 3661, 86399, -1, 86400, None], pa.time32("s")),
        "time32_ms": pa.array([0, 3661001, 86399999, 86400000], pa.time32("ms")),
        "time64_us": pa.array([0, 3661000001, 86400000000], pa.time64("us")),
        "time64_ns": pa.array([0, 3661000000001, 3661000001000, 3661001000000, -5], pa.time64("ns")),
        "decimal128": pa.array([decimal.Decimal(v) for v in ["1.23", "-0.05", "100", "0", "-123.45"]] + [None], pa.decimal128(5, 2)),
        "decimal256": pa.array([decimal.Decimal("1.5"), decimal.Decimal("-0.001")], pa.decimal256(40, 3)),
        "decimal32": pa.array([decimal.Decimal("1.5")], pa.decimal32(5, 1)),
        "decimal64": pa.array([decimal.Decimal("1.5")], pa.decimal64(12, 4)),
        "decimal_negative_scale": pa.array([decimal.Decimal("12300"), decimal.Decimal("-100")], pa.decimal128(5, -2)),
        "dictionary": pa.array(["a", "b", None, "a"]).dictionary_encode(),
        "dictionary_null_values": pa.DictionaryArray.from_arrays(pa.array([0, None, 1], pa.int8()), pa.array(["x", None])),
        "map": pa.array([[("a", 1), ("b", None)], None, []], pa.map_(pa.string(), pa.int32())),
        "map_sorted": pa.array([[("a", 1)]], pa.map_(pa.string(), pa.int32(), keys_sorted=True)),
        "null": pa.array([None, None], pa.null()),
        "sparse_union": pa.UnionArray.from_sparse(pa.array([0, 1, 0], pa.int8()), [pa.array([1, None, 3]), pa.array(["a", "b", "c"])]),
        "dense_union": pa.UnionArray.from_dense(pa.array([0, 1], pa.int8()), pa.array([0, 0], pa.int32()), [pa.array([1]), pa.array(["a"])], ["i", "s"]),
        "interval": pa.array(
            [pa.MonthDayNano(v) for v in ([1, 2, 3], [0, 0, 0], [-1, 0, 1500000000], [0, 0, 3661 * 10**9 + 5], [0, 0, -500000000], [0, 0, -3600 * 10**9 - 1], [0, 5, 0])]
            + [None],
            pa.month_day_nano_interval(),
        ),
        "run_end_encoded": pa.RunEndEncodedArray.from_arrays(pa.array([2, 3], pa.int32()), pa.array(["x", None])),
        "empty_struct": pa.array([{}], pa.struct([])),
        "struct": pa.array([{"x": 1.0, "y": None}, None, {"x": None, "y": 2.0}], pa.struct([("x", pa.float64()), ("y", pa.float64())])),
        "struct_odd_names": pa.array(
            [{"a b": 1, 'q"': 2, "é": 3, "e\u0301": 4, "\t": 5}],
            pa.struct([("a b", pa.int8()), ('q"', pa.int8()), ("é", pa.int8()), ("e\u0301", pa.int8()), ("\t", pa.int8())]),
        ),
        "struct_field_metadata": pa.array([{"a": 1}], pa.struct([pa.field("a", pa.int8(), nullable=False, metadata={"x": "y"})])),
        "nested_list_struct": pa.array(
            [[{"x": [1, 2], "s": {"u": "v"}}]],
            pa.list_(pa.struct([("x", pa.list_(pa.int8())), ("s", pa.struct([("u", pa.string())]))])),
        ),
        "item_metadata": pa.array([[1]], pa.list_(pa.field("item", pa.int8(), metadata={"k": "v", "a": "b"}))),
        "item_named_non_null": pa.array([[1]], pa.list_(pa.field('it em"\'', pa.int8(), nullable=False, metadata={"x\n": 'y"é\t'}))),
        "list_view": pa.array([[1]], pa.list_view(pa.int8())),
        "large_list_view": pa.array([[1]], pa.large_list_view(pa.int8())),
        "list_view_inside_struct": pa.array([[{"a": 1, "b": [1]}]], pa.list_(pa.struct([("a", pa.int8()), ("b", pa.list_view(pa.int8()))]))),
        "list_rows": pa.array([[1.0], None, []], pa.list_(pa.float64())),
        "list_of_lists": pa.array([[[1, 2], None, []]], pa.list_(pa.list_(pa.int32()))),
        "large_list": pa.array([[1, 2]], pa.large_list(pa.int32())),
        "fixed_size_list": pa.array([[1, 2, 3], None], pa.list_(pa.float32(), 3)),
        "fixed_size_list_named_item": pa.array([[1, 2, 3]], pa.list_(pa.field("xyz", pa.float32()), 3)),
        "conversion_error_in_list": pa.array([[0, -1, 5]], pa.list_(pa.time32("s"))),
        "conversion_error_in_struct": pa.array([[{"a": -1}], [None]], pa.list_(pa.struct([("a", pa.time32("s"))]))),
        "long_cells": pa.array(["x" * 150, "y" * 99, "z" * 100, "w" * 101, "漢" * 120, "e\u0301" * 80]),
        "sliced_list": pa.array([[1, 2], [3]], pa.list_(pa.int64())).slice(1, 1),
        "map_of_lists": pa.array([{"k": [("a", [1, None])]}], pa.struct([("k", pa.map_(pa.string(), pa.list_(pa.int8())))])),
    }
    for unit in ["s", "ms", "us", "ns"]:
        arrays[f"timestamp_{unit}"] = pa.array([0, 1, 1500, -1, 10**9 + 5, None, 10**12, 2**62], pa.timestamp(unit))
        arrays[f"timestamp_{unit}_utc"] = pa.array([0, 1500, None], pa.timestamp(unit, tz="UTC"))
        arrays[f"duration_{unit}"] = pa.array([0, 1, 1500, -1, 3600 * 10**9 + 5, None, 2**63 - 1, -(2**63)], pa.duration(unit))
    # Zones whose rules agree between the reference's bundled tz database and
    # the system's; a failure message is printed in full, never truncated.
    zones = ["Europe/Paris", "+05:30", "-0330", "+05", "Mars/Olympus", "utc", "Asia/Kolkata", "+00:00", "Etc/GMT+3"]
    for zone in zones + ["Invalid/" + "x" * 80]:
        arrays[f"timestamp_tz_{zone}"] = pa.array([0, 1500, 1700000000000, None], pa.timestamp("ms", tz=zone))
    return arrays


@pytest.mark.parametrize("name", sorted(typed_arrays()))
def test_values_of_every_type_format_alike(name: str) -> None:
    theirs, ours = build_both("/types", [], [component("c", typed_arrays()[name])])
    for width in (240, 5000, 60):
        assert_same_format(theirs, ours, width=width, redact=True)
    assert_same_format(theirs, ours, width=90, redact=True, trim_metadata_keys=False)


# ---------------------------------------------------------------------------
# Names and metadata values

PREFIXES = [
    "rerun.archetypes.",
    "rerun.components.",
    "rerun.encodings.",
    "rerun.datatypes.",
    "rerun.controls.",
    "rerun.blueprint.archetypes.",
    "rerun.blueprint.components.",
    "rerun.blueprint.datatypes.",
    "rerun.blueprint.",
    "rerun.field.",
    "rerun.chunk.",
    "rerun.",
    "sorbet.",
]


@pytest.mark.parametrize("first", PREFIXES)
def test_known_prefixes_are_stripped_alike(first: str) -> None:
    columns = [component(first + second + "X", pa.array([1])) for second in PREFIXES] + [component("  padded  ", pa.array([1]))]
    theirs, ours = build_both("/prefixes", [], columns)
    assert_same_format(theirs, ours, width=65535, redact=True)


# ---------------------------------------------------------------------------
# Layout: generated tables of text at many widths

WORDS = ["a", "bb", "ccc", "dddd", "ffffffffff", "g" * 21, "x" * 35, "漢字", "漢字" * 6, "é", "1.0,", "l1\nl2", "x\ny\n" + "z" * 17, "😀", "a😀b"]
UNICODE_ATOMS = [
    "a", " ", " ", "漢", "👨\u200d👩\u200d👧", "❤️", "❤", "❤️\u200d🔥", "👍🏽", "☝🏽", "e\u0301", "\u0301", "🇫🇷", "🇫",
    "\u200b", "\u00ad", "\t", "\r", "ᄀ\u1161", "각", "\ufe0f", "⌚\ufe0e", "1️⃣", "\u0644\u0627", "क\u093f",
    "🏴\U000e0067\U000e0062\U000e007f", "\x01", "\u2028", "ｱ", "Ａ", "\u0600", "\u17d8", "\u200d", "👨\u200d",
]


def random_text(rng: random.Random, unicode: bool) -> str:
    if unicode:
        return "".join(rng.choice(UNICODE_ATOMS) for _ in range(rng.randint(0, 40)))
    return " ".join(rng.choice(WORDS) for _ in range(rng.choice([0, 1, 2, 3, 5, 8, 15])))


def random_table(seed: int, unicode: bool) -> tuple[str, list, list]:
    rng = random.Random(seed)
    num_columns = rng.randint(1, rng.choice([3, 7, 14]))
    num_rows = rng.randint(0, 3)
    names = ["c", "comp", "a_much_longer_component_name", "with space name here"]
    columns = [
        component(rng.choice(names + ["x" * rng.randint(1, 60)]) + str(i), pa.array([random_text(rng, unicode) for _ in range(num_rows)], pa.string()))
        for i in range(num_columns)
    ]
    indexes = [rr.TimeColumn("t", sequence=list(range(num_rows)))] if rng.random() < 0.5 else []
    return "/generated", indexes, columns


@pytest.mark.parametrize("seed", range(120))
def test_generated_tables_wrap_alike(seed: int) -> None:
    theirs, ours = build_both(*random_table(seed, unicode=False))
    rng = random.Random(-seed)
    for width in [rng.randint(0, 300) for _ in range(4)] + [rng.randint(0, 40), 240]:
        assert_same_format(theirs, ours, width=width, redact=True)


@pytest.mark.parametrize("seed", range(80))
def test_generated_unicode_tables_wrap_alike(seed: int) -> None:
    theirs, ours = build_both(*random_table(seed, unicode=True))
    rng = random.Random(-seed)
    for width in [rng.randint(0, 200) for _ in range(3)] + [rng.randint(0, 40), 100000]:
        assert_same_format(theirs, ours, width=width, redact=True)


@pytest.mark.parametrize("num_columns", [1, 2, 3, 4, 5, 6, 9, 12, 20])
def test_column_counts_share_the_width_alike(num_columns: int) -> None:
    columns = [component(f"component_{i}", pa.array([[float(i), 2.0, 3.0]] * 2)) for i in range(num_columns)]
    theirs, ours = build_both("/columns", [rr.TimeColumn("frame", sequence=[0, 1])], columns)
    for width in range(0, 260, 13):
        assert_same_format(theirs, ours, width=width, redact=True)


def test_long_entity_path_widens_only_the_metadata_table() -> None:
    path = "/" + "/".join(["segment"] * 20) + "/leaf"
    theirs, ours = build_both(path, [], [component("c", pa.array(["x"]))])
    assert_same_format(theirs, ours, width=60, redact=True)
