"""A minimal protobuf wire reader for tests that look inside RRD messages."""

from __future__ import annotations


def protobuf_fields(buffer: bytes) -> list[tuple[int, object]]:
    """A minimal protobuf wire reader: (field number, value) pairs."""
    fields, i = [], 0

    def varint() -> int:
        nonlocal i
        value, shift = 0, 0
        while True:
            byte = buffer[i]
            i += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while i < len(buffer):
        key = varint()
        number, wire_type = key >> 3, key & 7
        if wire_type == 0:
            fields.append((number, varint()))
        elif wire_type == 2:
            length = varint()
            fields.append((number, buffer[i : i + length]))
            i += length
        else:
            raise AssertionError(f"unexpected wire type {wire_type}")
    return fields
