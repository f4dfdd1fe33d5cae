"""
`rrflow stats` and `rrflow info --json`: the numbers agree with the chunks the
Python API reads and with `rerun rrd stats` (rerun-sdk 0.33.1).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from test_cli import run

import rrflow

DATA = Path(__file__).resolve().parents[2] / "data"
RERUN_CLI = Path(sys.executable).parent / "rerun"
FILES = [DATA / "rerun_0_33_1_recording.rrd", DATA / "rerun_0_33_1_with_blueprint.rrd", DATA / "rerun_0_28_2_recording.rrd"]


def json_lines(*args: object) -> list[dict]:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def expected_components(path: Path, store: rrflow.StoreEntry) -> dict[tuple[str, str], dict]:
    """Rows with data and time ranges per (entity, component), from the Python API."""
    expected: dict[tuple[str, str], dict] = defaultdict(lambda: {"chunks": 0, "rows": 0, "time_ranges": {}})
    for chunk in rrflow.RrdReader(path).stream(store=store):
        batch = chunk.to_record_batch()
        timelines = [f.name for f in batch.schema if (f.metadata or {}).get(b"rerun:kind") == b"index"]
        for field, column in zip(batch.schema, batch.columns):
            if (field.metadata or {}).get(b"rerun:kind") != b"data":
                continue
            component = field.metadata[b"rerun:component"].decode()
            entry = expected[(chunk.entity_path, component)]
            entry["chunks"] += 1
            valid = pc.is_valid(column)
            entry["rows"] += pc.sum(valid.cast(pa.int64())).as_py() or 0
            for timeline in timelines:
                times = pc.filter(batch.column(timeline).cast(pa.int64()), valid)
                if len(times) == 0:
                    continue
                low, high = pc.min(times).as_py(), pc.max(times).as_py()
                old = entry["time_ranges"].get(timeline)
                entry["time_ranges"][timeline] = [low, high] if old is None else [min(old[0], low), max(old[1], high)]
    return expected


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_stats_agree_with_the_chunks(path: Path) -> None:
    [report] = json_lines("stats", "--json", path)
    assert report["path"] == str(path)
    stores = {(s.kind, s.application_id, s.recording_id): s for s in [*rrflow.RrdReader(path).recordings(), *rrflow.RrdReader(path).blueprints()]}
    assert {(s["kind"], s["application_id"], s["recording_id"]) for s in report["stores"]} == set(stores)
    for store in report["stores"]:
        entry = stores[(store["kind"], store["application_id"], store["recording_id"])]
        chunks = list(rrflow.RrdReader(path).stream(store=entry))
        assert store["chunks"] == len(chunks)
        assert store["rows"] == sum(chunk.num_rows for chunk in chunks)
        per_entity = Counter(chunk.entity_path for chunk in chunks)
        assert {e["entity_path"]: e["chunks"] for e in store["entities"]} == dict(per_entity)
        assert sum(e["compressed_bytes"] for e in store["entities"]) == store["compressed_bytes"]
        assert sum(e["uncompressed_bytes"] for e in store["entities"]) == store["uncompressed_bytes"]
        components = {
            (e["entity_path"], c["component"]): c for e in store["entities"] for c in e["components"]
        }
        expected = expected_components(path, entry)
        assert set(components) == set(expected)
        for key, component in components.items():
            assert component["chunks"] == expected[key]["chunks"], key
            assert component["rows"] == expected[key]["rows"], key
            assert component["time_ranges"] == expected[key]["time_ranges"], key
            assert 0 < component["compressed_bytes"] <= component["uncompressed_bytes"] or component["rows"] == 0


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_stats_agree_with_rerun_rrd_stats(path: Path) -> None:
    theirs = subprocess.run([str(RERUN_CLI), "rrd", "stats", str(path)], capture_output=True, text=True,
                            timeout=120, check=True).stdout
    [report] = json_lines("stats", "--json", path)
    assert int(re.search(r"^num_chunks = (\d+)$", theirs, re.M).group(1)) == sum(s["chunks"] for s in report["stores"])
    assert int(re.search(r"^num_rows = (\d+)$", theirs, re.M).group(1)) == sum(s["rows"] for s in report["stores"])
    section = theirs.split("Num chunks per entity")[1].split("\n\n")[0]
    per_entity = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(/\S*): (\d+)$", section, re.M)}
    ours: Counter[str] = Counter()
    for store in report["stores"]:
        for entity in store["entities"]:
            ours[entity["entity_path"]] += entity["chunks"]
    assert dict(ours) == per_entity


def test_stats_text_lists_every_component() -> None:
    result = run("stats", FILES[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(FILES[0])
    assert "    Points3D:positions: 1 chunks, 3 rows, " in result.stdout
    assert ", frame 0..=2" in result.stdout


def test_info_json_matches_the_text(tmp_path: Path) -> None:
    reports = json_lines("info", "--json", *FILES)
    assert [r["path"] for r in reports] == [str(p) for p in FILES]
    for path, report in zip(FILES, reports):
        text = run("info", path).stdout
        assert report["has_footer"] == ("with footer" in text.splitlines()[0])
        for store in report["stores"]:
            assert f"  chunks: {store['chunks']} ({store['static_chunks']} static), rows: {store['rows']}" in text
            assert f"  entities ({len(store['entities'])}): " in text
    missing = run("info", "--json", FILES[0], tmp_path / "missing.rrd")
    assert missing.returncode == 1
    assert len(missing.stdout.splitlines()) == 1  # the readable file is still described
    assert "missing.rrd" in missing.stderr
