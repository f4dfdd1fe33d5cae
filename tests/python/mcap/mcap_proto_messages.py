"""Protobuf message classes for the MCAP samples, built from descriptors at run time.

No `protoc` is needed: each file descriptor is assembled here, added to a private
descriptor pool together with the well-known types it imports, and turned into
message classes. `mcap-protobuf-support` then writes the classes' file descriptor
sets (dependencies included) as MCAP schemas, exactly as it does for generated code.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import (
    descriptor_pb2,
    descriptor_pool,
    duration_pb2,
    message_factory,
    struct_pb2,
    timestamp_pb2,
)

F = descriptor_pb2.FieldDescriptorProto

SCALAR_TYPES = {
    "double": F.TYPE_DOUBLE, "float": F.TYPE_FLOAT, "int32": F.TYPE_INT32, "int64": F.TYPE_INT64,
    "uint32": F.TYPE_UINT32, "uint64": F.TYPE_UINT64, "sint32": F.TYPE_SINT32, "sint64": F.TYPE_SINT64,
    "fixed32": F.TYPE_FIXED32, "fixed64": F.TYPE_FIXED64, "sfixed32": F.TYPE_SFIXED32,
    "sfixed64": F.TYPE_SFIXED64, "bool": F.TYPE_BOOL, "string": F.TYPE_STRING, "bytes": F.TYPE_BYTES,
}


def _field(message: Any, name: str, number: int, kind: str, *, label: str = "optional",
           oneof: int | None = None, proto3_optional: bool = False) -> None:
    """Adds a field; `kind` is a scalar name, `.pkg.Message` or `enum:.pkg.Enum`."""
    field = message.field.add(name=name, number=number, json_name=name)
    field.label = {"optional": F.LABEL_OPTIONAL, "required": F.LABEL_REQUIRED,
                   "repeated": F.LABEL_REPEATED}[label]
    if kind in SCALAR_TYPES:
        field.type = SCALAR_TYPES[kind]
    elif kind.startswith("enum:"):
        field.type = F.TYPE_ENUM
        field.type_name = kind[len("enum:"):]
    else:
        field.type = F.TYPE_MESSAGE
        field.type_name = kind
    if oneof is not None:
        field.oneof_index = oneof
    if proto3_optional:
        field.proto3_optional = True


def _optional3(message: Any, name: str, number: int, kind: str) -> None:
    """A proto3 `optional` field: presence through a synthetic one-member oneof."""
    message.oneof_decl.add(name="_" + name)
    _field(message, name, number, kind, oneof=len(message.oneof_decl) - 1, proto3_optional=True)


def _map(message: Any, message_full_name: str, name: str, number: int, key: str, value: str) -> None:
    """A `map<key, value>` field with its nested entry type."""
    entry_name = "".join(part.capitalize() for part in name.split("_")) + "Entry"
    entry = message.nested_type.add(name=entry_name)
    entry.options.map_entry = True
    _field(entry, "key", 1, key)
    _field(entry, "value", 2, value)
    _field(message, name, number, f".{message_full_name}.{entry_name}", label="repeated")


def _message(file: Any, name: str) -> Any:
    return file.message_type.add(name=name)


def _proto3_file() -> descriptor_pb2.FileDescriptorProto:
    file = descriptor_pb2.FileDescriptorProto(name="rrflow_samples/kinds3.proto",
                                              package="rrflow.samples", syntax="proto3")
    status = file.enum_type.add(name="Status")
    for number, symbol in enumerate(["STATUS_UNKNOWN", "ACTIVE", "INACTIVE"]):
        status.value.add(name=symbol, number=number)

    address = _message(file, "Address")
    _field(address, "street", 1, "string")
    _field(address, "city", 2, "string")

    kinds = _message(file, "Kinds3")
    for number, kind in enumerate(SCALAR_TYPES, start=1):
        _field(kinds, "f_" + kind, number, kind)
    _field(kinds, "status", 20, "enum:.rrflow.samples.Status")
    _field(kinds, "address", 21, ".rrflow.samples.Address")
    _field(kinds, "tags", 22, "string", label="repeated")
    _field(kinds, "samples", 23, "double", label="repeated")
    _field(kinds, "addresses", 24, ".rrflow.samples.Address", label="repeated")
    _field(kinds, "statuses", 25, "enum:.rrflow.samples.Status", label="repeated")
    _map(kinds, "rrflow.samples.Kinds3", "counts", 26, "string", "int32")
    _map(kinds, "rrflow.samples.Kinds3", "places", 27, "int32", ".rrflow.samples.Address")
    kinds.oneof_decl.add(name="choice")
    _field(kinds, "choice_text", 30, "string", oneof=0)
    _field(kinds, "choice_number", 31, "int64", oneof=0)
    _field(kinds, "choice_address", 32, ".rrflow.samples.Address", oneof=0)
    kinds.oneof_decl.add(name="lonely")
    _field(kinds, "lonely_value", 33, "uint32", oneof=1)
    _optional3(kinds, "maybe_int", 40, "int32")
    _optional3(kinds, "maybe_text", 41, "string")
    _optional3(kinds, "maybe_status", 42, "enum:.rrflow.samples.Status")
    return file


def _proto2_file() -> descriptor_pb2.FileDescriptorProto:
    file = descriptor_pb2.FileDescriptorProto(name="rrflow_samples/kinds2.proto",
                                              package="rrflow.samples2", syntax="proto2")
    color = file.enum_type.add(name="Color")
    for number, symbol in [(1, "RED"), (2, "GREEN"), (5, "BLUE")]:
        color.value.add(name=symbol, number=number)

    inner = _message(file, "Inner")
    _field(inner, "label", 1, "string", label="required")
    _field(inner, "weight", 2, "float")

    kinds = _message(file, "Kinds2")
    _field(kinds, "id", 1, "uint64", label="required")
    _field(kinds, "name", 2, "string")
    name_field = kinds.field[-1]
    name_field.default_value = "unnamed"
    _field(kinds, "ratio", 3, "double")
    _field(kinds, "flag", 4, "bool")
    _field(kinds, "color", 5, "enum:.rrflow.samples2.Color")
    _field(kinds, "inner", 6, ".rrflow.samples2.Inner")
    _field(kinds, "values", 7, "sint32", label="repeated")
    _field(kinds, "inners", 8, ".rrflow.samples2.Inner", label="repeated")
    _field(kinds, "blob", 9, "bytes")
    return file


def _well_known_file() -> descriptor_pb2.FileDescriptorProto:
    file = descriptor_pb2.FileDescriptorProto(name="rrflow_samples/wkt.proto",
                                              package="rrflow.samples", syntax="proto3")
    file.dependency.extend(["google/protobuf/timestamp.proto", "google/protobuf/duration.proto",
                            "google/protobuf/struct.proto"])
    times = _message(file, "Times")
    _field(times, "stamp", 1, ".google.protobuf.Timestamp")
    _field(times, "elapsed", 2, ".google.protobuf.Duration")
    _field(times, "label", 3, "string")

    dynamic = _message(file, "Dynamic")
    _field(dynamic, "object", 1, ".google.protobuf.Struct")
    _field(dynamic, "value", 2, ".google.protobuf.Value")
    _field(dynamic, "list", 3, ".google.protobuf.ListValue")
    _field(dynamic, "label", 4, "string")

    tree = _message(file, "Tree")
    _field(tree, "name", 1, "string")
    _field(tree, "children", 2, ".rrflow.samples.Tree", label="repeated")
    _field(tree, "parent", 3, ".rrflow.samples.Tree")
    return file


def _classes() -> dict[str, Any]:
    pool = descriptor_pool.DescriptorPool()
    for module in (timestamp_pb2, duration_pb2, struct_pb2):
        proto = descriptor_pb2.FileDescriptorProto()
        module.DESCRIPTOR.CopyToProto(proto)
        pool.Add(proto)
    for file in (_proto3_file(), _proto2_file(), _well_known_file()):
        pool.Add(file)
    names = ["rrflow.samples.Kinds3", "rrflow.samples.Address", "rrflow.samples2.Kinds2",
             "rrflow.samples2.Inner", "rrflow.samples.Times", "rrflow.samples.Dynamic",
             "rrflow.samples.Tree", "google.protobuf.Timestamp", "google.protobuf.Duration",
             "google.protobuf.Struct"]
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(name)) for name in names}


CLASSES = _classes()
