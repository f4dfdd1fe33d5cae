"""The MCAP samples read by rerun-sdk 0.33.1 (the oracle): its summaries are well formed and the
same on two independent runs, and the sample files themselves are small and reproducible.

rrflow's side of the comparison is added separately; these summaries are what it is compared with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

# Submodules, not the bare names: this folder is itself named `mcap` and would satisfy
# `import mcap` as a namespace package when the real one is missing.
pytest.importorskip("foxglove.mcap")
pytest.importorskip("mcap.writer")
pytest.importorskip("mcap_protobuf.schema")
pytest.importorskip("rerun.experimental")

from mcap_cases import MISSING, VARIANTS, all_cases  # noqa: E402
from mcap_chunk_summary import comparable  # noqa: E402
from mcap_isolated_runner import run_isolated  # noqa: E402
from mcap_samples import SAMPLES  # noqa: E402

MAX_SAMPLE_BYTES = 200 * 1024
TIMELINE_TYPES = {"timestamp[ns]", "duration[ns]"}
ERROR_STAGES = {"construct", "stream", "iterate"}


@pytest.fixture(scope="module")
def oracle_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every case read twice, each time from freshly written files in the same directory."""
    directory = tmp_path_factory.mktemp("mcap_samples")
    runs = []
    for _ in range(2):
        cases = all_cases(directory)
        outcomes = run_isolated(list(cases.values()))
        runs.append(dict(zip(cases, outcomes)))
    return runs[0], runs[1]


def _case_names() -> list[str]:
    names = []
    for sample in SAMPLES:
        names.append(sample)
        names.extend(f"{sample}--{variant}" for variant, _ in VARIANTS.get(sample, []))
    return names + [MISSING]


def _check_chunk(chunk: dict[str, Any]) -> None:
    assert chunk["entity_path"].startswith("/")
    assert sorted(chunk["timelines"]) == chunk["timeline_names"]
    assert chunk["is_static"] == (not chunk["timelines"])
    assert set(chunk["timelines"].values()) <= TIMELINE_TYPES
    assert chunk["batch_metadata"]["rerun:entity_path"] == chunk["entity_path"]
    names = [column["name"] for column in chunk["columns"]]
    assert len(names) == len(set(names))
    for column in chunk["columns"]:
        assert column["kind"] in {"index", "data"}
        assert len(column["values"]) == chunk["num_rows"]
        if column["kind"] == "data":
            assert column["type"].startswith("list<")
            assert column["metadata"].get("rerun:component") == column["name"]


def test_samples_are_small_and_reproducible(tmp_path: Path) -> None:
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    for name, write in SAMPLES.items():
        first, second = write(tmp_path / "first"), write(tmp_path / "second")
        assert first.read_bytes() == second.read_bytes(), name
        assert first.stat().st_size < MAX_SAMPLE_BYTES, name


@pytest.mark.parametrize("case", _case_names())
def test_oracle_summary_is_well_formed_and_deterministic(
        case: str, oracle_runs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    first, second = oracle_runs
    outcome = first[case]
    assert json.loads(json.dumps(outcome)) == outcome
    assert comparable(outcome) == comparable(second[case])
    if outcome.get("crash"):
        assert outcome["chunks"] == []
        return
    if outcome["error"] is not None:
        assert outcome["error"]["stage"] in ERROR_STAGES
        assert outcome["error"]["message"]
    for chunk in outcome["chunks"]:
        _check_chunk(chunk)
