"""McapReader beyond rerun-sdk 0.33.1 (as newer Rerun has them): the `start_time_ns`/`end_time_ns`
window, `recover=True` on damaged files, `time_bounds()` and `info()`.

0.33.1 has none of these, so the expectations are computed from the messages the tests write.
"""

from __future__ import annotations

import json
import struct
import warnings
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

pytest.importorskip("mcap.writer")

from mcap.reader import make_reader  # noqa: E402
from mcap.writer import CompressionType, Writer  # noqa: E402

import rrflow  # noqa: E402

TOPICS = ("/a", "/b")
MESSAGES = 120
OUTSIDE_EVERYTHING = 10**18
# Profile, library and message times of the files `write_file` makes.
PROFILE = "rrflow-tests"
LIBRARY = "rrflow options test"


def log_time(index: int) -> int:
    return 1_000_000 + 1_000 * index


def write_file(path: Path, *, out_of_order: bool = False, attachment: bool = False, **options: Any) -> Path:
    """MESSAGES JSON messages alternating between `/a` and `/b` (message i at log_time(i), or
    with `out_of_order` some pairs swapped), in many small zstd chunks."""
    options = {"chunk_size": 400, "compression": CompressionType.ZSTD, **options}
    with open(path, "wb") as stream:
        writer = Writer(stream, **options)
        writer.start(profile=PROFILE, library=LIBRARY)
        schema = writer.register_schema("Point", "jsonschema", b'{"type": "object"}')
        channels = [writer.register_channel(topic, "json", schema) for topic in TOPICS]
        writer.register_channel("/silent", "json", schema)
        for index in range(MESSAGES):
            time = log_time(index)
            if out_of_order and index % 5 == 1:
                time = log_time(index + 3)
            writer.add_message(channels[index % 2], time, json.dumps({"i": index}).encode(), time + 7, index)
        writer.add_metadata("run", {"robot": "arm-7"})
        if attachment:
            writer.add_attachment(5, 6, "notes.txt", "text/plain", b"hello")
        writer.finish()
    return path


def written_messages(path: Path) -> list[tuple[str, int]]:
    """(topic, log time) of every message, in record order."""
    with open(path, "rb") as stream:
        return [(channel.topic, message.log_time)
                for _, channel, message in make_reader(stream).iter_messages(log_time_order=False)]


def summary_of(path: Path) -> Any:
    with open(path, "rb") as stream:
        return make_reader(stream).get_summary()


def temporal_log_times(chunks: list[rrflow.Chunk]) -> dict[str, list[int]]:
    """Log times per entity over the temporal chunks, sorted (rows are sorted inside each MCAP chunk,
    as 0.33.1 sorts them; the order is the oracle tests' business)."""
    times: dict[str, list[int]] = {}
    for chunk in chunks:
        if chunk.is_static:
            continue
        column = chunk.to_record_batch().column("message_log_time")
        times.setdefault(chunk.entity_path, []).extend(column.cast(pa.int64()).to_pylist())
    return {entity: sorted(values) for entity, values in times.items()}


def expected_log_times(messages: list[tuple[str, int]], start: int = 0, end: int = 2**64) -> dict[str, list[int]]:
    times: dict[str, list[int]] = {}
    for topic, time in messages:
        if start <= time < end:
            times.setdefault(topic, []).append(time)
    return {topic: sorted(values) for topic, values in times.items()}


def static_summary(chunks: list[rrflow.Chunk]) -> list[tuple[str, list[str], int]]:
    return [(chunk.entity_path, sorted(c.name for c in chunk.to_record_batch().schema), chunk.num_rows)
            for chunk in chunks if chunk.is_static]


def stream_quietly(reader: rrflow.McapReader, **window: int | None) -> list[rrflow.Chunk]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rrflow.RrflowWarning)
        return reader.stream(**window).to_chunks()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_file(tmp_path_factory.mktemp("options") / "sample.mcap", out_of_order=True)


# ---------------------------------------------------------------------------------------------
# Time window


WINDOWS = [
    (None, None),
    (log_time(10), log_time(20)),          # inside, straddling chunk boundaries
    (log_time(10) + 1, log_time(20) + 1),  # bounds between two messages
    (log_time(0), log_time(1)),            # the first message only
    (None, log_time(37)),                  # open start
    (log_time(100), None),                 # open end
    (log_time(MESSAGES - 1), None),        # the last message only
    (0, log_time(0)),                      # before everything
    (OUTSIDE_EVERYTHING, OUTSIDE_EVERYTHING + 1),  # after everything
]


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_time_window_keeps_exactly_the_messages_inside(sample: Path, start: int | None, end: int | None) -> None:
    expected = expected_log_times(written_messages(sample), start or 0, 2**64 if end is None else end)
    by_constructor = rrflow.McapReader(sample, start_time_ns=start, end_time_ns=end).stream().to_chunks()
    assert temporal_log_times(by_constructor) == expected
    # stream()'s bounds replace the constructor's.
    by_stream = rrflow.McapReader(sample, start_time_ns=log_time(50), end_time_ns=log_time(51)).stream(
        start_time_ns=start, end_time_ns=end).to_chunks()
    if start is None and end is None:
        assert temporal_log_times(by_stream) == expected_log_times(written_messages(sample), log_time(50), log_time(51))
    else:
        assert temporal_log_times(by_stream) == expected


def test_time_window_leaves_file_scoped_output_alone(sample: Path) -> None:
    full = rrflow.McapReader(sample).stream().to_chunks()
    outside = rrflow.McapReader(sample, start_time_ns=OUTSIDE_EVERYTHING).stream().to_chunks()
    assert all(chunk.is_static for chunk in outside)
    # Properties, metadata and the channel descriptions are all still there.
    assert static_summary(outside) == static_summary(full)
    assert {chunk.entity_path for chunk in outside} >= {"/__mcap_properties", "/__mcap_metadata", "/a", "/b"}


def test_time_window_is_on_log_times_before_the_offset(sample: Path) -> None:
    offset = 5_000_000
    chunks = rrflow.McapReader(sample, timestamp_offset_ns=offset, start_time_ns=log_time(10),
                               end_time_ns=log_time(20)).stream().to_chunks()
    expected = expected_log_times(written_messages(sample), log_time(10), log_time(20))
    assert temporal_log_times(chunks) == {topic: [t + offset for t in times] for topic, times in expected.items()}


def test_time_window_chunks_follow_the_mcap_chunks(sample: Path) -> None:
    """One output chunk per (channel, kept MCAP chunk): chunks outside the window are skipped by their
    index, chunks straddling a bound keep only the rows inside."""
    summary = summary_of(sample)
    start, end = log_time(30), log_time(60)
    kept = [index for index in summary.chunk_indexes
            if not (index.message_end_time < start or index.message_start_time >= end)]
    chunks = [c for c in rrflow.McapReader(sample, start_time_ns=start, end_time_ns=end).stream().to_chunks()
              if not c.is_static]
    assert 0 < len(chunks) <= 2 * len(kept)
    assert len(kept) < len(summary.chunk_indexes)
    assert all(c.num_rows > 0 for c in chunks)


def corrupt_chunk(path: Path, target: Path, index: Any) -> Path:
    """A copy of `path` whose chunk at `index` has garbage for compressed records."""
    data = bytearray(path.read_bytes())
    # Chunk body: start, end, uncompressed size (u64 each), crc (u32), compression (string), then
    # the u64-prefixed records: damage the last bytes of the records.
    end = index.chunk_start_offset + index.chunk_length
    data[end - 8:end] = b"\xff" * 8
    data[end - 24:end - 16] = b"\xee" * 8
    target.write_bytes(bytes(data))
    return target


def test_chunks_outside_the_window_are_not_read(sample: Path, tmp_path: Path) -> None:
    summary = summary_of(sample)
    last = summary.chunk_indexes[-1]
    damaged = corrupt_chunk(sample, tmp_path / "damaged.mcap", last)
    with pytest.raises(RuntimeError, match="MCAP error"):
        stream_quietly(rrflow.McapReader(damaged))
    before_last = rrflow.McapReader(damaged, end_time_ns=last.message_start_time).stream().to_chunks()
    assert temporal_log_times(before_last) == expected_log_times(written_messages(sample), 0, last.message_start_time)


@pytest.mark.parametrize(("options", "message"), [
    ({"start_time_ns": -1}, "start_time_ns must be non-negative"),
    ({"end_time_ns": -5}, "end_time_ns must be non-negative"),
    ({"start_time_ns": 10, "end_time_ns": 10}, "must be less than"),
    ({"start_time_ns": 11, "end_time_ns": 10}, "must be less than"),
    ({"end_time_ns": 0}, "must be less than"),
])
def test_time_window_errors(sample: Path, options: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rrflow.McapReader(sample, **options)
    with pytest.raises(ValueError, match=message):
        rrflow.McapReader(sample).stream(**options)


def test_time_window_checks_come_after_the_file_and_the_other_options(tmp_path: Path, sample: Path) -> None:
    with pytest.raises(FileNotFoundError):
        rrflow.McapReader(tmp_path / "missing.mcap", start_time_ns=-1)
    with pytest.raises(ValueError, match="Unknown decoder"):
        rrflow.McapReader(sample, decoders=["nope"], start_time_ns=-1)
    with pytest.raises(OverflowError):
        rrflow.McapReader(sample, end_time_ns=2**64)


# ---------------------------------------------------------------------------------------------
# Recovery


def summary_start(path: Path) -> int:
    data = path.read_bytes()
    return struct.unpack_from("<Q", data, len(data) - 8 - 20)[0]


def cut(path: Path, target: Path, size: int) -> Path:
    target.write_bytes(path.read_bytes()[:size])
    return target


def read_recovering(path: Path) -> tuple[list[rrflow.Chunk], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", rrflow.RrflowWarning)
        chunks = rrflow.McapReader(path, recover=True).stream().to_chunks()
    return chunks, [str(w.message) for w in caught if issubclass(w.category, rrflow.RrflowWarning)]


def messages_of_chunks(path: Path, chunk_count: int) -> list[tuple[str, int]]:
    """The messages of the first `chunk_count` chunks (log times increase with the chunks)."""
    indexes = summary_of(path).chunk_indexes[:chunk_count]
    last = max((index.message_end_time for index in indexes), default=-1)
    return [(topic, time) for topic, time in written_messages(path) if time <= last]


@pytest.fixture(scope="module")
def intact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_file(tmp_path_factory.mktemp("recover") / "intact.mcap", attachment=True)


def test_recover_on_an_intact_file_changes_nothing(intact: Path) -> None:
    plain = rrflow.McapReader(intact).stream().to_chunks()
    recovered, caught = read_recovering(intact)
    assert caught == []
    assert temporal_log_times(recovered) == temporal_log_times(plain)
    assert static_summary(recovered) == static_summary(plain)
    assert rrflow.McapReader(intact, recover=True).info().recovered is False


@pytest.mark.parametrize("where", ["at_summary", "inside_summary", "footer_gone", "end_magic_gone"])
def test_recover_without_summary_or_footer_keeps_every_message(intact: Path, tmp_path: Path, where: str) -> None:
    size = {
        "at_summary": summary_start(intact),
        "inside_summary": summary_start(intact) + 20,
        "footer_gone": len(intact.read_bytes()) - 37,
        "end_magic_gone": len(intact.read_bytes()) - 3,
    }[where]
    damaged = cut(intact, tmp_path / f"{where}.mcap", size)

    with pytest.raises(RuntimeError, match="MCAP error"):
        rrflow.McapReader(damaged).stream().to_chunks()
    with pytest.raises(ValueError, match="try reopening it with recovery enabled"):
        rrflow.McapReader(damaged).time_bounds()
    with pytest.raises(ValueError, match="try reopening it with recovery enabled"):
        rrflow.McapReader(damaged).info()

    chunks, caught = read_recovering(damaged)
    assert temporal_log_times(chunks) == expected_log_times(written_messages(intact))
    assert rrflow.McapReader(damaged, recover=True).time_bounds() == rrflow.McapReader(intact).time_bounds()
    # Metadata is recovered; the attachment is not (as in the reference), and the warning says so.
    paths = {chunk.entity_path for chunk in chunks}
    assert "/__mcap_metadata" in paths and "/__mcap_attachments" not in paths
    assert len(caught) == 1
    assert caught[0].startswith("MCAP recovery lost data: the summary could not be read")
    assert "1 attachment(s) are not recovered" in caught[0]


def test_recover_without_losses_says_so(tmp_path: Path) -> None:
    intact = write_file(tmp_path / "no_attachment.mcap")
    damaged = cut(intact, tmp_path / "cut.mcap", summary_start(intact))
    chunks, caught = read_recovering(damaged)
    assert temporal_log_times(chunks) == expected_log_times(written_messages(intact))
    assert len(caught) == 1
    assert caught[0].startswith("MCAP recovery: the summary could not be read")
    assert caught[0].endswith("no data was lost")
    info = rrflow.McapReader(damaged, recover=True).info()
    assert info.recovered and info.recovery_losses == ()


def chunk_places(path: Path) -> list[tuple[int, int, int]]:
    """(chunk start, chunk end, end of its message indexes) of every chunk."""
    return [(index.chunk_start_offset, index.chunk_start_offset + index.chunk_length,
             index.chunk_start_offset + index.chunk_length + index.message_index_length)
            for index in summary_of(path).chunk_indexes]


@pytest.mark.parametrize("where", ["chunk_prefix", "mid_chunk", "chunk_end", "mid_message_index"])
@pytest.mark.parametrize("chunk", [0, 3, -1])
def test_recover_a_file_cut_in_the_data_section(intact: Path, tmp_path: Path, where: str, chunk: int) -> None:
    places = chunk_places(intact)
    number = chunk % len(places)
    start, end, indexes_end = places[number]
    size = {
        "chunk_prefix": start + 5,               # inside the record's opcode and length
        "mid_chunk": (start + end) // 2,         # inside the chunk's records
        "chunk_end": end,                        # the chunk complete, no message index after it
        "mid_message_index": end + 12,           # the first message index cut short
    }[where]
    damaged = cut(intact, tmp_path / f"{where}_{number}.mcap", size)
    chunks, caught = read_recovering(damaged)
    # Every chunk before the damaged one, nothing of it.
    assert temporal_log_times(chunks) == expected_log_times(messages_of_chunks(intact, number))
    assert len(caught) == 1 and caught[0].startswith("MCAP recovery lost data: ")
    info = rrflow.McapReader(damaged, recover=True).info()
    assert info.recovered and info.recovery_losses
    assert info.chunk_count == number
    assert info.message_count == len(messages_of_chunks(intact, number))
    if number == 0:
        with pytest.raises(ValueError, match="MCAP file contains no messages"):
            rrflow.McapReader(damaged, recover=True).time_bounds()
    else:
        first_chunks = summary_of(intact).chunk_indexes[:number]
        assert rrflow.McapReader(damaged, recover=True).time_bounds() == (
            first_chunks[0].message_start_time, first_chunks[-1].message_end_time)


def test_recover_after_a_complete_chunk_and_its_indexes(intact: Path, tmp_path: Path) -> None:
    _, _, indexes_end = chunk_places(intact)[4]
    damaged = cut(intact, tmp_path / "after_chunk_4.mcap", indexes_end)
    chunks, caught = read_recovering(damaged)
    assert temporal_log_times(chunks) == expected_log_times(messages_of_chunks(intact, 5))
    assert "the data section ends without a DataEnd record" in caught[0]


def test_recover_a_garbled_summary(intact: Path, tmp_path: Path) -> None:
    data = bytearray(intact.read_bytes())
    start = summary_start(intact)
    data[start:start + 16] = b"\x42" * 16
    damaged = tmp_path / "garbled.mcap"
    damaged.write_bytes(bytes(data))
    with pytest.raises(RuntimeError, match="MCAP error"):
        rrflow.McapReader(damaged).stream().to_chunks()
    chunks, caught = read_recovering(damaged)
    assert temporal_log_times(chunks) == expected_log_times(written_messages(intact))
    assert len(caught) == 1


def test_recover_cannot_read_what_is_not_mcap(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mcap"
    garbage.write_bytes(b"definitely not an MCAP file")
    with pytest.raises(RuntimeError, match="missing start magic"):
        rrflow.McapReader(garbage, recover=True).stream().to_chunks()
    for method in ("info", "time_bounds"):
        with pytest.raises(ValueError, match="missing start magic") as error:
            getattr(rrflow.McapReader(garbage, recover=True), method)()
        assert "recovery" not in str(error.value)


def test_recover_an_unchunked_file_is_an_error(tmp_path: Path) -> None:
    intact = write_file(tmp_path / "unchunked.mcap", use_chunking=False)
    damaged = cut(intact, tmp_path / "unchunked_cut.mcap", summary_start(intact))
    with pytest.raises(RuntimeError, match="Cannot recover an unchunked MCAP file"):
        read_recovering(damaged)


def test_recover_with_a_time_window(intact: Path, tmp_path: Path) -> None:
    damaged = cut(intact, tmp_path / "cut.mcap", summary_start(intact))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rrflow.RrflowWarning)
        chunks = rrflow.McapReader(damaged, recover=True, start_time_ns=log_time(7),
                                   end_time_ns=log_time(70)).stream().to_chunks()
    assert temporal_log_times(chunks) == expected_log_times(written_messages(intact), log_time(7), log_time(70))


# ---------------------------------------------------------------------------------------------
# time_bounds() and info()


def test_time_bounds(sample: Path) -> None:
    times = [time for _, time in written_messages(sample)]
    assert rrflow.McapReader(sample).time_bounds() == (min(times), max(times))
    # Independent of the window.
    assert rrflow.McapReader(sample, start_time_ns=log_time(50)).time_bounds() == (min(times), max(times))


def test_time_bounds_without_statistics_come_from_the_chunk_indexes(tmp_path: Path) -> None:
    path = write_file(tmp_path / "no_stats.mcap", use_statistics=False, out_of_order=True)
    times = [time for _, time in written_messages(path)]
    assert rrflow.McapReader(path).time_bounds() == (min(times), max(times))


def test_time_bounds_of_a_file_without_messages(tmp_path: Path) -> None:
    path = tmp_path / "empty.mcap"
    with open(path, "wb") as stream:
        writer = Writer(stream)
        writer.start(profile="", library="")
        writer.register_channel("/nothing", "json", 0)
        writer.finish()
    with pytest.raises(ValueError, match="MCAP file contains no messages"):
        rrflow.McapReader(path).time_bounds()
    info = rrflow.McapReader(path).info()
    assert info.time_bounds is None and info.message_count == 0 and info.chunk_count == 0
    assert [(c.topic, c.message_count) for c in info.channels] == [("/nothing", 0)]


def expected_info_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for topic, _ in written_messages(path):
        counts[topic] = counts.get(topic, 0) + 1
    return counts


@pytest.mark.parametrize("statistics", [True, False])
def test_info(tmp_path: Path, statistics: bool) -> None:
    path = write_file(tmp_path / "info.mcap", attachment=True, use_statistics=statistics, out_of_order=True)
    summary = summary_of(path)
    info = rrflow.McapReader(path).info()

    assert isinstance(info, rrflow.McapInfo)
    assert info.file_bytes == path.stat().st_size
    assert (info.profile, info.library) == (PROFILE, LIBRARY)
    counts = expected_info_counts(path)
    assert info.message_count == sum(counts.values()) == MESSAGES
    assert info.time_bounds == rrflow.McapReader(path).time_bounds()
    assert [(s.id, s.name, s.encoding, s.data_bytes) for s in info.schemas] == [
        (1, "Point", "jsonschema", len(b'{"type": "object"}'))]
    assert [(c.id, c.topic, c.message_encoding, c.schema_id, c.schema_name, c.message_count)
            for c in info.channels] == [
        (1, "/a", "json", 1, "Point", counts["/a"]),
        (2, "/b", "json", 1, "Point", counts["/b"]),
        (3, "/silent", "json", 1, "Point", 0),
    ]
    assert info.chunk_count == len(summary.chunk_indexes) > 10
    assert info.compressed_bytes == sum(i.compressed_size for i in summary.chunk_indexes)
    assert info.uncompressed_bytes == sum(i.uncompressed_size for i in summary.chunk_indexes)
    assert [(g.compression, g.chunk_count, g.compressed_bytes, g.uncompressed_bytes) for g in info.compressions] == [
        ("zstd", info.chunk_count, info.compressed_bytes, info.uncompressed_bytes)]
    assert (info.attachment_count, info.metadata_count) == (1, 1)
    assert (info.recovered, info.recovery_losses) == (False, ())
    with pytest.raises(FrozenInstanceError):
        info.message_count = 0  # type: ignore[misc]


def test_info_ignores_decoder_topic_and_time_options(sample: Path) -> None:
    plain = rrflow.McapReader(sample).info()
    narrowed = rrflow.McapReader(sample, decoders=[], include_topic_regex=["^/a$"], start_time_ns=OUTSIDE_EVERYTHING,
                                 timeline_type="duration").info()
    assert narrowed == plain


def test_info_of_uncompressed_and_mixed_chunks(tmp_path: Path) -> None:
    path = write_file(tmp_path / "plain.mcap", compression=CompressionType.NONE)
    info = rrflow.McapReader(path).info()
    assert [(g.compression, g.chunk_count) for g in info.compressions] == [("", info.chunk_count)]
    assert info.compressed_bytes == info.uncompressed_bytes


def test_info_of_a_file_without_message_indexes(tmp_path: Path) -> None:
    from mcap.writer import IndexType

    path = write_file(tmp_path / "no_index.mcap", index_types=IndexType.CHUNK, use_statistics=False)
    info = rrflow.McapReader(path).info()
    counts = expected_info_counts(path)
    assert {c.topic: c.message_count for c in info.channels} == {topic: counts.get(topic, 0) for topic in
                                                                 {c.topic for c in info.channels}}
    assert info.message_count == MESSAGES


def test_info_errors(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mcap"
    garbage.write_bytes(b"\x89MCAQ0\r\nnot really")
    with pytest.raises(ValueError, match="missing start magic"):
        rrflow.McapReader(garbage).info()
    with pytest.raises(FileNotFoundError):
        rrflow.McapReader(tmp_path / "missing.mcap").info()
