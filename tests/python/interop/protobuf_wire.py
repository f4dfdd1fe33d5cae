"""Minimal readers of RRD framing and protobuf wire format, for tests that look inside RRD messages."""

from __future__ import annotations

import struct
from pathlib import Path

ARROW_MSG = 2
STREAM_HEADER_SIZE = 12
MESSAGE_HEADER_SIZE = 16


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


def stored_chunks(path: Path) -> list[bytes]:
    """The stored chunk bytes (ArrowMsg field 5) of every ArrowMsg, read from the framing."""
    data = path.read_bytes()
    chunks = []
    position = 0
    while position < len(data):
        position += STREAM_HEADER_SIZE
        while position < len(data):  # a stream written without an End message just stops
            kind, length = struct.unpack_from("<QQ", data, position)
            payload = data[position + MESSAGE_HEADER_SIZE : position + MESSAGE_HEADER_SIZE + length]
            position += MESSAGE_HEADER_SIZE + length
            if kind == ARROW_MSG:
                chunks.append(dict(protobuf_fields(payload))[5])
            if kind == 0:
                break
        if position + STREAM_HEADER_SIZE <= len(data) and data[position : position + 4] != b"RRF2":
            position = len(data)  # the footer trailer
    return chunks
