"""Writes the small MCAP files in this folder with the Python `mcap` writer.

Run by hand from a throwaway environment (the project does not depend on it):

    python3 -m venv /tmp/mcap-env && /tmp/mcap-env/bin/pip install mcap lz4 zstandard
    /tmp/mcap-env/bin/python tests/data/mcap/make_samples.py

Every file holds the same content, so tests can compare them: a JSON schema
and channel `/pose` with 30 messages, a schema-less channel `/raw` with 20
messages, an attachment and a metadata record. Messages alternate between
the channels; log times are 1000 + i, publish times 5000 + i, sequences i.

- chunked_lz4.mcap:          chunks of 512 bytes, lz4
- chunked_zstd.mcap:         chunks of 512 bytes, zstd
- chunked_uncompressed.mcap: chunks of 512 bytes, no compression
- unchunked.mcap:            no chunks (messages in the data section)
"""

import json
from pathlib import Path

from mcap.writer import CompressionType, Writer

OUT = Path(__file__).parent


def payload(i: int, topic: str) -> bytes:
    return json.dumps({"i": i, "topic": topic, "x": i * 0.5}).encode()


def write(name: str, **options) -> None:
    with open(OUT / name, "wb") as stream:
        writer = Writer(stream, **options)
        writer.start(profile="", library="rrflow make_samples.py")
        schema = writer.register_schema(
            name="Pose", encoding="jsonschema", data=b'{"type": "object"}'
        )
        pose = writer.register_channel("/pose", "json", schema, metadata={"frame": "map"})
        raw = writer.register_channel("/raw", "json", 0)
        for i in range(50):
            channel, topic = (pose, "/pose") if i % 5 < 3 else (raw, "/raw")
            writer.add_message(channel, 1000 + i, payload(i, topic), 5000 + i, sequence=i)
        writer.add_attachment(7, 8, "notes.txt", "text/plain", b"recorded by a test")
        writer.add_metadata("robot", {"name": "rover", "build": "42"})
        writer.finish()


write("chunked_lz4.mcap", chunk_size=512, compression=CompressionType.LZ4)
write("chunked_zstd.mcap", chunk_size=512, compression=CompressionType.ZSTD)
write("chunked_uncompressed.mcap", chunk_size=512, compression=CompressionType.NONE)
write("unchunked.mcap", use_chunking=False)
