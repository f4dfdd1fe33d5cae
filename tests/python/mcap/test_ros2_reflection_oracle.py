"""rrflow's `ros2_reflection` decoder against rerun-sdk 0.33.1's on ROS 2 MCAP files written here by
`mcap-ros2-support` (and, for payloads it cannot write, by the plain `mcap` writer): the same chunks,
column types and values, and the same fallbacks.

Where rrflow does better the test says so: its schema errors name the file, the channel and the line,
and a channel whose schema does not resolve goes to `raw` (the oracle drops it with a logged error).
"""

from __future__ import annotations

import struct
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcap.writer")
pytest.importorskip("mcap_ros2.writer")
pytest.importorskip("rerun.experimental")

from mcap.writer import Writer as McapWriter  # noqa: E402
from mcap_ros2.writer import Writer as Ros2Writer  # noqa: E402

import rrflow  # noqa: E402
from mcap_chunk_summary import comparable, summarize_mcap  # noqa: E402
from mcap_isolated_runner import run_isolated  # noqa: E402

SEPARATOR = "\n" + "=" * 80 + "\n"
TIME = "MSG: builtin_interfaces/Time\nint32 sec\nuint32 nanosec"
HEADER = "MSG: std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id"

# Every primitive but wstring (the writer has none), nested messages, arrays of every kind,
# (array defaults are left out: the writer fails on them),
# bounded strings, an enum-like type, constants, defaults and comments.
EVERYTHING = SEPARATOR.join([
    "# A custom message\n"
    "uint8 MODE_IDLE=0\nstring LABEL=\"x # y\"\n"
    "std_msgs/Header header\n"
    "bool flag\nbyte b\nchar c\nint8 i8\nuint8 u8\nint16 i16\nuint16 u16 7\nint32 i32\n"
    "uint32 u32\nint64 i64\nuint64 u64\nfloat32 f32 1.5\nfloat64 f64\nstring text\n"
    "string<=8 short_text\n"
    "float32[] values   # unbounded\nint16[3] fixed\nuint8[<=4] bounded\n"
    "string[] names\nbool[] flags\n"
    "Inner[] inners\nInner[2] pair\nInner one\n"
    "custom/Outer[<=3] outers\nbuiltin_interfaces/Time stamp",
    HEADER, TIME,
    "MSG: custom/Inner\nuint8 x\nfloat64[] ds\nstring<=4[<=2] tags",
    "MSG: custom/Outer\nInner[] inners\nint64 total",
])
# A constants-only type stands for its constants' type on the wire (the writer cannot write it).
ENUM_LIKE = "Kind kind\nuint8 after" + SEPARATOR + "MSG: custom/Kind\nint32 KIND_A=1\nint32 KIND_B=2"


def _inner(x: int, ds: list[float], tags: list[str]) -> dict[str, Any]:
    return {"x": x, "ds": ds, "tags": tags}


def _everything(i: int) -> dict[str, Any]:
    some = i % 2 == 1
    return {
        "header": {"stamp": {"sec": i, "nanosec": 10 * i}, "frame_id": f"frame{i}"},
        "flag": some, "b": 200 + i, "c": -3 - i, "i8": -128 + i, "u8": 255 - i, "i16": -12345,
        "u16": 54321, "i32": -7 * i, "u32": 4_000_000_000, "i64": -9_000_000_000 * i,
        "u64": 18_000_000_000_000_000_000, "f32": 0.25 * i, "f64": -2.5e100, "text": "héllo" * i,
        "short_text": "abc", "values": [0.5] * i, "fixed": [1, -2, i], "bounded": [1, 2] if some else [],
        "names": ["", "n"] if some else [], "flags": [True, False, some],
        "inners": [_inner(1, [0.5, 1.5], ["a", "bc"]), _inner(2, [], [])] if some else [],
        "pair": [_inner(3, [2.0], ["t"]), _inner(4, [], [])], "one": _inner(5, [float(i)], []),
        "outers": [{"inners": [_inner(6, [], ["z"])], "total": i}] if some else [],
        "stamp": {"sec": -i, "nanosec": 1},
    }


def _write_ros2(path: Path, channels: list[tuple[str, str, str, list[dict[str, Any]]]],
                chunk_size: int = 1024 * 1024) -> Path:
    with path.open("wb") as stream:
        writer = Ros2Writer(stream, chunk_size=chunk_size)
        for topic, name, text, messages in channels:
            schema = writer.register_msgdef(name, text)
            for i, message in enumerate(messages):
                writer.write_message(topic, schema, message, log_time=1000 + i, publish_time=2000 + i)
        writer.finish()
    return path


def _write_raw(path: Path, channels: list[tuple[str, str, str, str, list[bytes]]]) -> Path:
    """Channels of (topic, schema name, schema text, message encoding, payloads)."""
    with path.open("wb") as stream:
        writer = McapWriter(stream)
        writer.start()
        for topic, name, text, encoding, payloads in channels:
            schema = writer.register_schema(name, "ros2msg", text.encode())
            channel = writer.register_channel(topic, encoding, schema)
            for i, payload in enumerate(payloads):
                writer.add_message(channel, log_time=10 + i, data=payload, publish_time=20 + i)
        writer.finish()
    return path


def _le(fmt: str, *values: Any) -> bytes:
    return b"\x00\x01\x00\x00" + struct.pack("<" + fmt, *values)


def _be(fmt: str, *values: Any) -> bytes:
    return b"\x00\x00\x00\x00" + struct.pack(">" + fmt, *values)


REFLECTION = {"decoders": ["ros2_reflection"]}
REFLECTION_RAW = {"decoders": ["ros2_reflection", "raw"]}


def _cases(directory: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    everything = [("/custom/everything", "custom/msg/Everything", EVERYTHING,
                   [_everything(i) for i in range(6)])]
    cases = {
        "everything": (_write_ros2(directory / "everything.mcap", everything), REFLECTION),
        # Small chunks: one output chunk per channel and MCAP chunk.
        "everything_small_chunks": (_write_ros2(directory / "small.mcap", everything, chunk_size=600),
                                    REFLECTION),
        "everything_all_decoders": (directory / "everything.mcap", {}),
        "empty_and_constants_only": (_write_ros2(directory / "empty.mcap", [
            ("/empty", "custom/msg/Empty", "", [{}, {}]),
            ("/codes", "custom/msg/Codes", "int32 A=1\nint32 B=2", [{}]),
        ]), REFLECTION),
        # Semantic schemas are never reflected: raw when it is selected, otherwise nothing.
        "semantic_to_raw": (_write_ros2(directory / "semantic.mcap", [
            ("/temperature", "sensor_msgs/msg/Temperature",
             "std_msgs/Header header\nfloat64 temperature\nfloat64 variance" + SEPARATOR + HEADER
             + SEPARATOR + TIME,
             [{"header": {"stamp": {"sec": 1, "nanosec": 2}, "frame_id": "t"},
               "temperature": 20.5, "variance": 0.1}]),
            ("/custom", "custom/msg/Reading", "float64 value", [{"value": 1.0}]),
        ]), REFLECTION_RAW),
        "semantic_alone": (directory / "semantic.mcap", REFLECTION),
    }
    cases["hand_written"] = (_write_raw(directory / "hand.mcap", [
        # Big and little endian, the reference's 0x10-0x15 ids, and bad payloads dropped.
        ("/numbers", "custom/msg/Numbers", "int16 a\nfloat64 b\nuint32[] c", "cdr", [
            _le("hxxxxxxdI", -2, 1.5, 0),
            _be("hxxxxxxdII", 300, -0.5, 1, 7),
            b"\x00\x11\x00\x00" + struct.pack("<hxxxxxxdI", 5, 2.0, 0),
            b"\x00\x10\x00\x00" + struct.pack(">hxxxxxxdII", 6, 3.0, 1, 9),
            _le("h", 1),                                   # short
            b"\x00\x02\x00\x00" + struct.pack("<hxxxxxxdI", 1, 1.0, 0),  # parameter list
            b"\x00\x01",                                   # no room for the header
            _le("hxxxxxxdII", 7, 4.0, 1000, 1),            # count past the end
        ]),
        ("/upper", "custom/msg/Upper", "bool on\nstring s", "CDR", [
            _le("?xxxI3s", True, 3, b"ab\x00"), _le("BxxxI", 2, 1), _le("?xxxI", False, 0)]),
        ("/unresolved", "custom/msg/Unresolved", "Missing m", "cdr", [_le("i", 1)]),
        ("/json", "custom/msg/Json", "int32 a", "json", [b"{}"]),
        ("/enum", "custom/msg/Enum", ENUM_LIKE, "cdr", [_le("iB", 2, 9)]),
    ]), REFLECTION_RAW)
    cases["malformed_schema"] = (_write_raw(directory / "malformed.mcap", [
        ("/ok", "custom/msg/Ok", "int32 a", "cdr", [_le("i", 1)]),
        ("/bad", "custom/msg/Bad", "int32 a\nint32[x] b", "cdr", [_le("i", 1)]),
    ]), REFLECTION)
    cases["malformed_schema_not_selected"] = (directory / "malformed.mcap", {"decoders": ["raw"]})
    return cases


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    cases = _cases(tmp_path_factory.mktemp("ros2_reflection"))
    oracle = run_isolated(list(cases.values()))
    outcomes = {}
    for (name, (path, options)), theirs in zip(cases.items(), oracle):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rrflow.RrflowWarning)
            ours = summarize_mcap(rrflow, path, options)
        outcomes[name] = (comparable(ours), comparable(theirs))
    return outcomes


@pytest.mark.parametrize("case", [
    "everything", "everything_small_chunks", "everything_all_decoders", "empty_and_constants_only",
    "semantic_to_raw", "semantic_alone", "hand_written", "malformed_schema_not_selected"])
def test_same_chunks_as_the_oracle(case: str, runs: dict[str, Any]) -> None:
    ours, theirs = runs[case]
    assert theirs["error"] is None
    assert ours["error"] is None
    if case == "hand_written":
        (unresolved,) = [chunk for chunk in ours["chunks"] if chunk["entity_path"] == "/unresolved"]
        assert [column["name"] for column in unresolved["columns"]][2:] == ["McapMessage:data"]
        ours = {**ours, "chunks": [chunk for chunk in ours["chunks"] if chunk is not unresolved]}
    # Within one MCAP chunk the oracle emits channels in hash-map order; each channel's chunks
    # keep their order.
    assert _by_entity(ours["chunks"]) == _by_entity(theirs["chunks"])
    assert ours["chunks"], "every case decodes something"
    # Each decoder's chunks come together: raw before ros2_reflection.
    kinds = ["raw" if any(column["name"] == "McapMessage:data" for column in chunk["columns"])
             else "other" for chunk in ours["chunks"] if not chunk["is_static"]]
    assert kinds == sorted(kinds, key=lambda kind: kind != "raw")


def _by_entity(chunks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(chunks, key=lambda chunk: (chunk["is_static"], chunk["entity_path"]))


def test_reflected_columns_are_what_was_written(runs: dict[str, Any]) -> None:
    ours, _ = runs["everything"]
    (chunk,) = [chunk for chunk in ours["chunks"] if chunk["entity_path"] == "/custom/everything"]
    (column,) = [column for column in chunk["columns"] if column["name"].endswith(":message")]
    assert column["name"] == "custom.msg.Everything:message"
    rows = [row[0] for row in column["values"]]
    assert [row["i32"] for row in rows] == [-7 * i for i in range(6)]
    assert rows[1]["inners"][0]["tags"] == ["a", "bc"]
    assert rows[3]["outers"][0]["inners"][0]["tags"] == ["z"]
    assert rows[2]["c"] == -5
    hand, _ = runs["hand_written"]
    (enum,) = [chunk for chunk in hand["chunks"] if chunk["entity_path"] == "/enum"]
    assert enum["columns"][2]["values"] == [[{"kind": 2, "after": 9}]]


def test_bad_payloads_are_dropped_and_byte_orders_agree(runs: dict[str, Any]) -> None:
    ours, _ = runs["hand_written"]
    (chunk,) = [chunk for chunk in ours["chunks"] if chunk["entity_path"] == "/numbers"]
    (column,) = [column for column in chunk["columns"] if column["name"].endswith(":message")]
    assert [row[0] for row in column["values"]] == [
        {"a": -2, "b": 1.5, "c": []}, {"a": 300, "b": -0.5, "c": [7]},
        {"a": 5, "b": 2.0, "c": []}, {"a": 6, "b": 3.0, "c": [9]}]


def test_malformed_schema_fails_the_stream_naming_channel_and_line(runs: dict[str, Any]) -> None:
    ours, theirs = runs["malformed_schema"]
    assert theirs["chunks"] == [] and ours["chunks"] == []
    assert (ours["error"]["stage"], ours["error"]["type"]) == (theirs["error"]["stage"],
                                                              theirs["error"]["type"])
    assert theirs["error"]["message"].startswith("MCAP error: Invalid schema custom/msg/Bad: ")
    message = ours["error"]["message"]
    assert message.startswith("MCAP error: <path>: channel ")
    assert "(topic `/bad`)" in message and "line 2 (`int32[x] b`)" in message
