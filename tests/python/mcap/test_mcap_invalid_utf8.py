"""
MCAP strings that are not UTF-8 are a located error (issue: robustness, a
sibling of fault 4).

Before the fix a channel topic with bytes that are not UTF-8 became an entity
path and a Utf8 column holding them, and reading that column in Python raised
a bare UnicodeDecodeError. rerun-sdk 0.33.1 refuses such a record too ("invalid
utf-8 sequence ... While parsing field 'topic' in Channel").
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import rerun.experimental as rrx
from mcap.writer import Writer

import rrflow


def write_with_bad_bytes(path: Path, *, placeholder: bytes, replacement: bytes, topic: str = "/topic") -> Path:
    # Unchunked and without CRCs, so that bytes can be replaced afterwards.
    buffer = io.BytesIO()
    writer = Writer(buffer, use_chunking=False, enable_crcs=False, enable_data_crcs=False)
    writer.start("", "rrflow-test")
    schema = writer.register_schema("", "", b"")
    channel = writer.register_channel(topic, "json", schema)
    writer.add_metadata("meta", {"key": "placeholder-value"})
    for i in range(3):
        writer.add_message(channel, log_time=i * 1000, publish_time=i * 1000, data=b'{"a": 1}')
    writer.finish()
    data = buffer.getvalue()
    assert placeholder in data and len(placeholder) == len(replacement)
    path.write_bytes(data.replace(placeholder, replacement))
    return path


def test_a_topic_that_is_not_utf8_is_a_located_error(tmp_path: Path) -> None:
    path = write_with_bad_bytes(tmp_path / "bad.mcap", placeholder=b"/tpc_XX", replacement=b"/tpc_\xff\xfe",
                                topic="/tpc_XX")
    with pytest.raises(RuntimeError) as raised:
        rrflow.McapReader(path).stream().to_chunks()
    message = str(raised.value)
    assert str(path) in message
    assert "Channel record: field topic is not valid UTF-8" in message
    assert " at byte " in message

    with pytest.raises(RuntimeError, match="invalid utf-8"):
        rrx.McapReader(str(path)).stream().to_chunks()


def test_a_metadata_record_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    # As in rerun-sdk, which logs "Failed to read MCAP metadata record 'meta'" and goes on.
    path = write_with_bad_bytes(tmp_path / "bad.mcap", placeholder=b"placeholder-value",
                                replacement=b"placeholder-\xc0\xb1lue")
    with pytest.warns(rrflow.RrflowWarning, match="metadata record 'meta'.*field metadata is not valid UTF-8"):
        chunks = rrflow.McapReader(path).stream().to_chunks()
    expected = [chunk.entity_path for chunk in rrx.McapReader(str(path)).stream().to_chunks()]
    assert [chunk.entity_path for chunk in chunks] == expected


def test_valid_utf8_topics_still_decode(tmp_path: Path) -> None:
    path = write_with_bad_bytes(tmp_path / "good.mcap", placeholder=b"/tpc_XX", replacement="/tpc_é".encode(),
                                topic="/tpc_XX")
    paths = {chunk.entity_path for chunk in rrflow.McapReader(path).stream().to_chunks()}
    assert "/tpc_é" in paths
