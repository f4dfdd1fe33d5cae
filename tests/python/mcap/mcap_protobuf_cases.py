"""Protobuf MCAP cases decoded by the reference, for rrflow's protobuf decoder tests.

Writes, for each case, a small MCAP file (schema by mcap-protobuf-support) and
what rerun-sdk 0.33.1's McapReader makes of its messages, into
tests/data/mcap/protobuf/:

- <case>.mcap:  one channel `/<case>`, message i at log time i + 1 (the valid
  messages encoded by protobuf, the corrupt ones by hand);
- <case>.arrow: an Arrow IPC file with one row per message: `payload`
  (the message bytes), `accepted` (whether the reference kept the row) and
  `message` (the reference's `<type>:message` struct, null where rejected);
  the schema metadata holds `schema_name` and `file_descriptor_set` (hex).

The C++ test tests/cpp/io/mcap/protobuf_reference_test.cc decodes the same
payloads and compares; tests/python/mcap/test_protobuf_cases.py checks that
these files still are what the reference gives. Regenerate with

    .venv/bin/python tests/python/mcap/mcap_protobuf_cases.py

Every case avoids what crashes 0.33.1: recursive types (SIGSEGV) and an
undefined enum number after other fields (half-appended builders).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format
from google.protobuf import timestamp_pb2
from mcap.writer import Writer
from mcap_protobuf.schema import build_file_descriptor_set, register_schema

OUT = Path(__file__).resolve().parents[2] / "data" / "mcap" / "protobuf"

EVERYTHING = """
name: "everything.proto" package: "rrflow.test" syntax: "proto3"
dependency: "google/protobuf/timestamp.proto"
enum_type { name: "Color" value { name: "RED" number: 0 } value { name: "GREEN" number: 1 }
            value { name: "BLUE" number: 5 } }
message_type { name: "Point" field { name: "x" number: 1 type: TYPE_FLOAT label: LABEL_OPTIONAL }
                             field { name: "y" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL } }
message_type { name: "Everything"
  field { name: "d" number: 1 type: TYPE_DOUBLE label: LABEL_OPTIONAL }
  field { name: "f" number: 2 type: TYPE_FLOAT label: LABEL_OPTIONAL }
  field { name: "i32" number: 3 type: TYPE_INT32 label: LABEL_OPTIONAL }
  field { name: "i64" number: 4 type: TYPE_INT64 label: LABEL_OPTIONAL }
  field { name: "u32" number: 5 type: TYPE_UINT32 label: LABEL_OPTIONAL }
  field { name: "u64" number: 6 type: TYPE_UINT64 label: LABEL_OPTIONAL }
  field { name: "s32" number: 7 type: TYPE_SINT32 label: LABEL_OPTIONAL }
  field { name: "s64" number: 8 type: TYPE_SINT64 label: LABEL_OPTIONAL }
  field { name: "fx32" number: 9 type: TYPE_FIXED32 label: LABEL_OPTIONAL }
  field { name: "fx64" number: 10 type: TYPE_FIXED64 label: LABEL_OPTIONAL }
  field { name: "sfx32" number: 11 type: TYPE_SFIXED32 label: LABEL_OPTIONAL }
  field { name: "sfx64" number: 12 type: TYPE_SFIXED64 label: LABEL_OPTIONAL }
  field { name: "flag" number: 13 type: TYPE_BOOL label: LABEL_OPTIONAL }
  field { name: "text" number: 14 type: TYPE_STRING label: LABEL_OPTIONAL }
  field { name: "blob" number: 15 type: TYPE_BYTES label: LABEL_OPTIONAL }
  field { name: "color" number: 16 type: TYPE_ENUM type_name: ".rrflow.test.Color" label: LABEL_OPTIONAL }
  field { name: "point" number: 17 type: TYPE_MESSAGE type_name: ".rrflow.test.Point" label: LABEL_OPTIONAL }
  field { name: "stamp" number: 18 type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" label: LABEL_OPTIONAL }
  field { name: "maybe" number: 19 type: TYPE_INT32 label: LABEL_OPTIONAL proto3_optional: true oneof_index: 1 }
  field { name: "values" number: 20 type: TYPE_DOUBLE label: LABEL_REPEATED }
  field { name: "colors" number: 21 type: TYPE_ENUM type_name: ".rrflow.test.Color" label: LABEL_REPEATED }
  field { name: "points" number: 22 type: TYPE_MESSAGE type_name: ".rrflow.test.Point" label: LABEL_REPEATED }
  field { name: "names" number: 23 type: TYPE_STRING label: LABEL_REPEATED }
  field { name: "counts" number: 24 type: TYPE_MESSAGE type_name: ".rrflow.test.Everything.CountsEntry" label: LABEL_REPEATED }
  field { name: "by_id" number: 25 type: TYPE_MESSAGE type_name: ".rrflow.test.Everything.ByIdEntry" label: LABEL_REPEATED }
  field { name: "by_flag" number: 26 type: TYPE_MESSAGE type_name: ".rrflow.test.Everything.ByFlagEntry" label: LABEL_REPEATED }
  field { name: "label" number: 27 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
  field { name: "at" number: 28 type: TYPE_MESSAGE type_name: ".rrflow.test.Point" label: LABEL_OPTIONAL oneof_index: 0 }
  field { name: "code" number: 29 type: TYPE_SINT64 label: LABEL_OPTIONAL oneof_index: 0 }
  nested_type { name: "CountsEntry" options { map_entry: true }
    field { name: "key" number: 1 type: TYPE_STRING label: LABEL_OPTIONAL }
    field { name: "value" number: 2 type: TYPE_UINT32 label: LABEL_OPTIONAL } }
  nested_type { name: "ByIdEntry" options { map_entry: true }
    field { name: "key" number: 1 type: TYPE_INT64 label: LABEL_OPTIONAL }
    field { name: "value" number: 2 type: TYPE_MESSAGE type_name: ".rrflow.test.Point" label: LABEL_OPTIONAL } }
  nested_type { name: "ByFlagEntry" options { map_entry: true }
    field { name: "key" number: 1 type: TYPE_BOOL label: LABEL_OPTIONAL }
    field { name: "value" number: 2 type: TYPE_ENUM type_name: ".rrflow.test.Color" label: LABEL_OPTIONAL } }
  oneof_decl { name: "target" } oneof_decl { name: "_maybe" }
}
"""

LEGACY = """
name: "legacy.proto" package: "rrflow.test" syntax: "proto2"
enum_type { name: "Mode" value { name: "OFF" number: 0 } value { name: "ON" number: 1 } }
message_type { name: "Legacy"
  field { name: "id" number: 1 type: TYPE_INT32 label: LABEL_REQUIRED }
  field { name: "gain" number: 2 type: TYPE_DOUBLE label: LABEL_OPTIONAL default_value: "1.5" }
  field { name: "mode" number: 3 type: TYPE_ENUM type_name: ".rrflow.test.Mode" label: LABEL_OPTIONAL }
  field { name: "samples" number: 4 type: TYPE_SINT32 label: LABEL_REPEATED options { packed: true } }
  field { name: "loose" number: 5 type: TYPE_UINT64 label: LABEL_REPEATED }
  field { name: "settings" number: 6 type: TYPE_GROUP type_name: ".rrflow.test.Legacy.Settings" label: LABEL_OPTIONAL }
  field { name: "only" number: 8 type: TYPE_STRING label: LABEL_OPTIONAL oneof_index: 0 }
  nested_type { name: "Settings" field { name: "level" number: 7 type: TYPE_INT32 label: LABEL_OPTIONAL } }
  oneof_decl { name: "single" }
}
"""

# The enum comes first, so a row with an undefined number fails before anything is appended.
ENUM_FIRST = """
name: "enum_first.proto" package: "rrflow.test" syntax: "proto3"
enum_type { name: "Level" value { name: "LOW" number: 0 } value { name: "HIGH" number: 2 } }
message_type { name: "EnumFirst"
  field { name: "level" number: 1 type: TYPE_ENUM type_name: ".rrflow.test.Level" label: LABEL_OPTIONAL }
  field { name: "note" number: 2 type: TYPE_STRING label: LABEL_OPTIONAL } }
"""


def message_class(file_text: str, name: str):
    pool = descriptor_pool.DescriptorPool()
    timestamp = descriptor_pb2.FileDescriptorProto()
    timestamp_pb2.DESCRIPTOR.CopyToProto(timestamp)
    pool.Add(timestamp)
    pool.Add(text_format.Parse(file_text, descriptor_pb2.FileDescriptorProto()))
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(name))


def everything_payloads(cls) -> list[bytes]:
    full = cls(
        d=-2.5, f=0.25, i32=-7, i64=-(2**40), u32=4_000_000_000, u64=2**64 - 1, s32=-3, s64=-(2**50),
        fx32=9, fx64=2**63, sfx32=-9, sfx64=-(2**62), flag=True, text="héllo", blob=b"\x00\xff",
        color=5, point={"x": 1.5, "y": -1}, maybe=0, values=[1.0, float("inf")], colors=[1, 0, 5],
        points=[{"x": 1}, {}], names=["a", ""], counts={"b": 2, "a": 1, "": 0},
        by_id={7: {"x": 7}, -1: {}}, by_flag={True: 1, False: 5}, label="here",
    )
    full.stamp.seconds = 1_700_000_000
    full.stamp.nanos = 5
    return [
        full.SerializeToString(deterministic=True),
        b"",
        cls(at={"y": 2}, point={}, names=["only"]).SerializeToString(deterministic=True),
        cls(code=-12, color=1, by_flag={False: 0}).SerializeToString(deterministic=True),
        b"\x08",  # d with the varint wire type
        b"\x18\x01\x72\x02\xff\xfe",  # text is not UTF-8
        b"\x1d\x01\x00\x00\x00",  # i32 with the fixed32 wire type
        b"\x8a\x01\x05\x0d",  # point: length past the end
        cls(i32=1, label="a", code=2).SerializeToString(deterministic=True),  # the last oneof member wins
        # Two encodings concatenated merge: map entries arrive as "z", "m", "z" (the last "z" wins).
        cls(counts={"z": 1}, by_id={9: {}}).SerializeToString(deterministic=True)
        + cls(counts={"m": 2}, by_id={-9: {"y": 1}}).SerializeToString(deterministic=True)
        + cls(counts={"z": 3}).SerializeToString(deterministic=True),
    ]


def legacy_payloads(cls) -> list[bytes]:
    full = cls(id=3, gain=0.0, mode=1, samples=[-1, 0, 300], loose=[1, 2], only="x")
    full.settings.level = 4
    unset = cls()
    return [
        full.SerializeToString(deterministic=True),
        unset.SerializePartialToString(deterministic=True),  # `id` is required but missing
        b"\x08\x05\x20\x01\x20\x04",  # samples unpacked
        b"\x08\x05\x33\x38\x01",  # settings group never closed
    ]


def enum_first_payloads(cls) -> list[bytes]:
    return [
        cls(level=2, note="a").SerializeToString(deterministic=True),
        b"\x08\x03\x12\x01b",  # 3 is not a Level
        cls(note="c").SerializeToString(deterministic=True),
    ]


CASES = {
    "everything": (EVERYTHING, "rrflow.test.Everything", everything_payloads),
    "legacy": (LEGACY, "rrflow.test.Legacy", legacy_payloads),
    "enum_first": (ENUM_FIRST, "rrflow.test.EnumFirst", enum_first_payloads),
}


def write_mcap(path: Path, cls, payloads: list[bytes]) -> bytes:
    """Writes the payloads on one channel; returns the schema's FileDescriptorSet."""
    with path.open("wb") as stream:
        writer = Writer(stream)
        writer.start(profile="", library="rrflow tests")
        schema_id = register_schema(writer, cls)
        channel_id = writer.register_channel(f"/{path.stem}", "protobuf", schema_id)
        for index, payload in enumerate(payloads):
            writer.add_message(channel_id, index + 1, payload, index + 1)
        writer.finish()
    return build_file_descriptor_set(cls).SerializeToString(deterministic=True)


def reference_rows(path: Path, type_name: str, count: int) -> pa.Array:
    """The reference's message struct per payload, null where it dropped the row."""
    import rerun.experimental as rrx

    structs = []
    times = []
    for chunk in rrx.McapReader(path, decoders=["protobuf"]).stream():
        batch = chunk.to_record_batch()
        column = batch.column(f"{type_name}:message")
        structs.append(column.flatten())
        times += [t.value for t in batch.column("message_log_time")]
    values = pa.concat_arrays(structs)
    position = {time - 1: row for row, time in enumerate(times)}
    return values.take(pa.array([position.get(i) for i in range(count)], pa.int64()))


def record(out_dir: Path = OUT) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for case, (file_text, type_name, make_payloads) in CASES.items():
        cls = message_class(file_text, type_name)
        payloads = make_payloads(cls)
        mcap_path = out_dir / f"{case}.mcap"
        descriptor_set = write_mcap(mcap_path, cls, payloads)
        rows = reference_rows(mcap_path, type_name, len(payloads))
        table = pa.table(
            {
                "payload": pa.array(payloads, pa.binary()),
                "accepted": pa.array([row.is_valid for row in rows]),
                "message": rows,
            }
        ).replace_schema_metadata(
            {"schema_name": type_name, "file_descriptor_set": descriptor_set.hex()}
        )
        with pa.OSFile(str(out_dir / f"{case}.arrow"), "wb") as sink:
            with pa.ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table)


if __name__ == "__main__":
    record(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
