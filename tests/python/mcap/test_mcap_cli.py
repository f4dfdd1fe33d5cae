"""`rrflow mcap convert` and `rrflow mcap info`: flags, exit codes, the progress bar, and `.rrd` output
that `rerun rrd verify` accepts and that rerun-sdk reads back as the chunks of its own McapReader."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("foxglove.mcap")
pytest.importorskip("mcap.writer")
pytest.importorskip("mcap_protobuf.schema")

import rrflow  # noqa: E402
from mcap_chunk_summary import comparable, summarize_chunk  # noqa: E402
from mcap_samples import SAMPLES  # noqa: E402
from test_cli import rrflow_command, run_on_terminal  # noqa: E402

RERUN_CLI = Path(sys.executable).parent / "rerun"
# Samples the oracle and rrflow read alike (no Foxglove lens, no oracle failure), of every kind:
# raw channels, metadata and attachments, small chunks, lz4, protobuf.
ORACLE_SAMPLES = ["mcap_json_schemaless_binary", "mcap_metadata_attachments", "mcap_chunk_size_200",
                  "mcap_lz4", "mcap_out_of_order", "proto3_kinds", "proto_and_raw_in_one_chunk"]


def run(*args: object, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([rrflow_command(), *map(str, args)], capture_output=True, text=True, timeout=120,
                          **kwargs)


def summaries(chunks: list[Any]) -> dict[str, Any]:
    return comparable({"chunks": [summarize_chunk(chunk) for chunk in chunks], "error": None})


def rrflow_chunks(path: Path, **options: Any) -> list[rrflow.Chunk]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rrflow.RrflowWarning)
        return rrflow.McapReader(path, **options).stream().to_chunks()


def verify(rrd: Path) -> None:
    verified = subprocess.run([str(RERUN_CLI), "rrd", "verify", str(rrd)], capture_output=True, text=True,
                              timeout=120)
    assert verified.returncode == 0, verified.stderr


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("cli_samples")
    return {name: SAMPLES[name](directory) for name in [*ORACLE_SAMPLES, "damaged_not_mcap"]}


@pytest.mark.parametrize("name", ORACLE_SAMPLES)
def test_convert_reads_back_in_rerun_as_the_oracle_reads_the_mcap(samples: dict[str, Path], tmp_path: Path,
                                                                   name: str) -> None:
    rerun = pytest.importorskip("rerun.experimental")
    out = tmp_path / f"{name}.rrd"
    result = run("mcap", "convert", samples[name], "-o", out)
    assert result.returncode == 0, result.stderr
    # Not a terminal: no progress bar.
    assert "\r" not in result.stderr and "ETA" not in result.stderr
    verify(out)
    read_back = rerun.RrdReader(out).stream().to_chunks()
    assert summaries(read_back) == summaries(rerun.McapReader(str(samples[name])).stream().to_chunks())
    assert summaries(rrflow.RrdReader(out).stream().to_chunks()) == summaries(rrflow_chunks(samples[name]))


def test_convert_names_the_recording_like_rerun(samples: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "named.rrd"
    assert run("mcap", "convert", samples["mcap_lz4"], "-o", out).returncode == 0
    [entry] = rrflow.RrdReader(out).recordings()
    assert entry.application_id == samples["mcap_lz4"].name
    assert re.fullmatch(r"rec_[0-9a-f]{32}", entry.recording_id)
    other = tmp_path / "other.rrd"
    assert run("mcap", "convert", samples["mcap_lz4"], "-o", other).returncode == 0
    assert rrflow.RrdReader(other).recordings()[0].recording_id != entry.recording_id

    chosen = tmp_path / "chosen.rrd"
    result = run("mcap", "convert", samples["mcap_lz4"], "-o", chosen, "--application-id", "robot",
                 "--recording-id", "take_1")
    assert result.returncode == 0, result.stderr
    assert [(e.application_id, e.recording_id) for e in rrflow.RrdReader(chosen).recordings()] == [("robot", "take_1")]


FLAG_CASES = {
    "decoders": (["-d", "raw", "--decoder", "schema"], {"decoders": ["raw", "schema"]}),
    "no_decoders_but_stats": (["-d", "stats"], {"decoders": ["stats"]}),
    "include": (["-y", "^/json", "-y", "blob"], {"include_topic_regex": ["^/json", "blob"]}),
    "include_exclude": (["-y", "json", "-n", "schemaless"],
                        {"include_topic_regex": ["json"], "exclude_topic_regex": ["schemaless"]}),
    "duration": (["--timeline-type", "duration"], {"timeline_type": "duration"}),
    "offset": (["--timestamp-offset-ns", "-1000000000"], {"timestamp_offset_ns": -1_000_000_000}),
    "window": (["--start-time", "1700000000000000002", "--end-time", "1700000000000000022"],
               {"start_time_ns": 1_700_000_000_000_000_002, "end_time_ns": 1_700_000_000_000_000_022}),
    "open_window": (["--start-time", "1700000000000000010"], {"start_time_ns": 1_700_000_000_000_000_010}),
}


@pytest.mark.parametrize("case", FLAG_CASES)
def test_convert_flags_are_the_reader_options(samples: dict[str, Path], tmp_path: Path, case: str) -> None:
    flags, options = FLAG_CASES[case]
    path = samples["mcap_json_schemaless_binary"]
    out = tmp_path / f"{case}.rrd"
    result = run("mcap", "convert", path, "-o", out, *flags)
    assert result.returncode == 0, result.stderr
    verify(out)
    expected = rrflow_chunks(path, **options)
    assert summaries(rrflow.RrdReader(out).stream().to_chunks()) == summaries(expected)
    # Each case changes the output.
    assert summaries(expected) != summaries(rrflow_chunks(path))


def test_the_window_flags_select_messages(samples: dict[str, Path]) -> None:
    """The window of FLAG_CASES is inside the sample's messages and leaves some out."""
    path = samples["mcap_json_schemaless_binary"]
    low, high = rrflow.McapReader(path).time_bounds()
    assert low < 1_700_000_000_000_000_002 < 1_700_000_000_000_000_022 < high


def summary_start(path: Path) -> int:
    data = path.read_bytes()
    return struct.unpack_from("<Q", data, len(data) - 28)[0]


@pytest.fixture(scope="module")
def damaged(samples: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small-chunk sample cut at its summary (nothing lost) and in the middle of its data."""
    directory = tmp_path_factory.mktemp("cli_damaged")
    source = samples["mcap_chunk_size_200"]
    data = source.read_bytes()
    cuts = {"at_summary": summary_start(source), "mid_data": summary_start(source) // 2}
    files = {}
    for name, size in cuts.items():
        files[name] = directory / f"{name}.mcap"
        files[name].write_bytes(data[:size])
    return files


def test_convert_recover(damaged: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.rrd"
    refused = run("mcap", "convert", damaged["at_summary"], "-o", out)
    assert refused.returncode == 1
    assert "MCAP error" in refused.stderr and str(damaged["at_summary"]) in refused.stderr
    assert not out.exists()

    whole = run("mcap", "convert", damaged["at_summary"], "-o", out, "--recover")
    assert whole.returncode == 0, whole.stderr
    assert "warning: MCAP recovery: the summary could not be read" in whole.stderr
    verify(out)
    assert summaries(rrflow.RrdReader(out).stream().to_chunks()) == summaries(
        rrflow_chunks(damaged["at_summary"], recover=True))

    partial = tmp_path / "partial.rrd"
    lost = run("mcap", "convert", damaged["mid_data"], "-o", partial, "--recover")
    assert lost.returncode == 3, lost.stderr
    assert "warning: MCAP recovery lost data" in lost.stderr
    verify(partial)
    read_back = rrflow.RrdReader(partial).stream().to_chunks()
    assert summaries(read_back) == summaries(rrflow_chunks(damaged["mid_data"], recover=True))
    assert any(not chunk.is_static for chunk in read_back)


@pytest.mark.parametrize(("args", "code", "message"), [
    (["mcap"], 2, "subcommand"),
    (["mcap", "convert"], 2, "input is required"),
    (["mcap", "convert", "{mcap}"], 2, "--output is required"),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "-d", "nope"], 2, "nope not in"),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "--timeline-type", "sequence"], 2, "sequence not in"),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "-y", "("], 2, 'Invalid include topic regex "("'),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "-n", "[a"], 2, 'Invalid exclude topic regex "[a"'),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "--start-time", "9", "--end-time", "9"], 2, "must be less than"),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "--start-time", "-1"], 2, "must be non-negative"),
    (["mcap", "convert", "{mcap}", "-o", "{out}", "--timestamp-offset-ns", "soon"], 2, "soon"),
    (["mcap", "convert", "{missing}", "-o", "{out}"], 1, "MCAP file not found"),
    (["mcap", "convert", "{not_mcap}", "-o", "{out}"], 1, "missing start magic"),
    (["mcap", "convert", "{mcap}", "-o", "{no_folder}"], 1, ""),
    (["mcap", "info"], 2, "input is required"),
    (["mcap", "info", "{missing}"], 1, "MCAP file not found"),
    (["mcap", "info", "{not_mcap}"], 1, "missing start magic"),
])
def test_exit_codes(samples: dict[str, Path], tmp_path: Path, args: list[str], code: int, message: str) -> None:
    places = {"mcap": samples["mcap_lz4"], "out": tmp_path / "out.rrd", "missing": tmp_path / "missing.mcap",
              "not_mcap": samples["damaged_not_mcap"], "no_folder": tmp_path / "no" / "such" / "out.rrd"}
    result = run(*[arg.format(**places) for arg in args])
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert not places["out"].exists()


def test_progress_bar_on_a_terminal(samples: dict[str, Path], tmp_path: Path) -> None:
    code, written = run_on_terminal("mcap", "convert", samples["mcap_chunk_size_200"], "-o", tmp_path / "a.rrd")
    assert code == 0, written
    assert "\r\x1b[K" in written
    size = r"\d+\.\d+ [kMG]B"
    assert re.search(rf"read {size} in \d+s \({size}/s\)", written), written
    quiet_code, quiet = run_on_terminal("mcap", "convert", samples["mcap_chunk_size_200"], "-o",
                                        tmp_path / "b.rrd", "--quiet")
    assert quiet_code == 0 and quiet == ""


def test_progress_bar_and_warnings_share_the_terminal(damaged: dict[str, Path], tmp_path: Path) -> None:
    code, written = run_on_terminal("mcap", "convert", damaged["mid_data"], "-o", tmp_path / "a.rrd", "--recover")
    assert code == 3
    # The warning is on a line of its own, not glued to the bar.
    assert re.search(r"(^|\n|\x1b\[K)rrflow: warning: MCAP recovery lost data", written), written


def test_info(samples: dict[str, Path]) -> None:
    path = samples["mcap_json_schemaless_binary"]
    result = run("mcap", "info", path)
    assert result.returncode == 0, result.stderr
    info = rrflow.McapReader(path).info()
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: ")
    assert f"library:     {info.library}" in lines
    assert f"messages:    {info.message_count}" in lines
    start, end = info.time_bounds
    assert any(line.startswith("start:") and f"({start})" in line for line in lines)
    assert any(line.startswith("end:") and f"({end})" in line for line in lines)
    assert any(line.startswith(f"chunks:      {info.chunk_count} ") for line in lines)
    for group in info.compressions:
        assert any(line.strip().startswith(f"{group.compression or 'none'}: [{group.chunk_count}/{info.chunk_count} chunks]")
                   for line in lines)
    for channel in info.channels:
        assert any(re.match(rf"\t\({channel.id}\) {re.escape(channel.topic)} +{channel.message_count} msgs", line)
                   for line in lines), channel
    for schema in info.schemas:
        assert f"\t({schema.id}) {schema.name} [{schema.encoding}], {schema.data_bytes} bytes" in lines
    assert "attachments: 0" in lines


def test_info_recover(damaged: dict[str, Path]) -> None:
    refused = run("mcap", "info", damaged["mid_data"])
    assert refused.returncode == 1
    assert "try reopening it with recovery enabled" in refused.stderr
    whole = run("mcap", "info", damaged["at_summary"], "--recover")
    assert whole.returncode == 0, whole.stderr
    assert "recovered:   the summary was rebuilt from the data section" in whole.stdout
    partial = run("mcap", "info", damaged["mid_data"], "--recover")
    assert partial.returncode == 3
    assert "\tlost: " in partial.stdout
