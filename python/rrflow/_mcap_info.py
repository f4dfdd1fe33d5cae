"""What an MCAP file holds, as `McapReader.info()` returns it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class McapSchemaInfo:
    """A schema of the file: id, name, encoding (``protobuf``, ``jsonschema``, ...), data size."""

    id: int
    name: str
    encoding: str
    data_bytes: int


@dataclass(frozen=True)
class McapChannelInfo:
    """A channel of the file and how many messages it has (``schema_id`` 0: no schema)."""

    id: int
    topic: str
    message_encoding: str
    schema_id: int
    schema_name: str
    message_count: int


@dataclass(frozen=True)
class McapCompressionInfo:
    """The chunks that share one compression (``""`` for chunks stored uncompressed)."""

    compression: str
    chunk_count: int
    compressed_bytes: int
    uncompressed_bytes: int


@dataclass(frozen=True)
class McapInfo:
    """
    What an MCAP file holds, from its summary (or the one a recovering reader rebuilt).

    Attributes
    ----------
    file_bytes:
        The file's size.
    profile, library:
        From the file's Header record.
    message_count:
        Messages in the file.
    time_bounds:
        ``(first, last)`` message log time in nanoseconds, both inclusive, as
        ``McapReader.time_bounds()`` gives them; ``None`` without messages.
    schemas, channels:
        In id order. Message counts come from the Statistics record, or else from
        the chunks' message indexes.
    chunk_count, compressed_bytes, uncompressed_bytes:
        The chunks and their sizes (compressed records, decompressed records).
    compressions:
        One entry per compression the chunks use, sorted by name.
    attachment_count, metadata_count:
        Attachments and metadata records the summary indexes.
    recovered:
        Whether the summary was missing or unreadable and was rebuilt from the data
        section (``recover=True``).
    recovery_losses:
        With ``recovered``: what the rebuilt summary misses, one line each.

    """

    file_bytes: int
    profile: str
    library: str
    message_count: int
    time_bounds: tuple[int, int] | None
    schemas: tuple[McapSchemaInfo, ...]
    channels: tuple[McapChannelInfo, ...]
    chunk_count: int
    compressed_bytes: int
    uncompressed_bytes: int
    compressions: tuple[McapCompressionInfo, ...]
    attachment_count: int
    metadata_count: int
    recovered: bool
    recovery_losses: tuple[str, ...]

    @staticmethod
    def _from_core(values: dict[str, Any]) -> McapInfo:
        return McapInfo(**{
            **values,
            "schemas": tuple(McapSchemaInfo(**item) for item in values["schemas"]),
            "channels": tuple(McapChannelInfo(**item) for item in values["channels"]),
            "compressions": tuple(McapCompressionInfo(**item) for item in values["compressions"]),
            "recovery_losses": tuple(values["recovery_losses"]),
        })
