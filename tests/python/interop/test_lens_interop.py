"""Differential tests: lenses in rrflow and in rerun-sdk 0.33.1 on the same chunks."""

from __future__ import annotations

from typing import Any

import pytest
from lens_scenarios import run_scenario, scenarios
from reference_runner import Result, run_isolated

pytest.importorskip("rerun")

ALL_NAMES = sorted(scenarios())
NAMES = [name for name in ALL_NAMES if not name.startswith("pinned_")]


@pytest.fixture(scope="module")
def reference_results() -> dict[str, Result]:
    results = run_isolated("lens_scenarios", "run_reference_scenario", [(name,) for name in ALL_NAMES])
    return dict(zip(ALL_NAMES, results))


def ours(name: str) -> Result:
    try:
        return ("ok", run_scenario(name, "rrflow"))
    except Exception as error:
        return ("error", type(error).__name__, str(error))


@pytest.mark.parametrize("name", NAMES)
def test_lenses_match_reference(name: str, reference_results: dict[str, Result]) -> None:
    theirs = reference_results[name]
    assert theirs[0] != "crash"
    assert ours(name) == theirs


def test_scenarios_cover_outputs_and_errors(reference_results: dict[str, Result]) -> None:
    outcomes: dict[str, Any] = {name: reference_results[name][0] for name in NAMES}
    assert list(outcomes.values()).count("ok") >= 35
    assert list(outcomes.values()).count("error") >= 15


# --- where rrflow deliberately differs from rerun-sdk 0.33.1 -------------------------------------


def chunk_rows(result: Result) -> list[tuple[str, int]]:
    return [(chunk[0], chunk[3]) for chunk in result[1]]


def time_column(result: Result, index: int, name: str) -> list[Any]:
    return next(column[4] for column in result[1][index][4] if column[0] == name)


def test_reference_reads_null_times_as_zero(reference_results: dict[str, Result]) -> None:
    # `.y` is null in one row; the reference takes the raw slot value as the time.
    theirs = reference_results["pinned_null_time"]
    assert theirs[0] == "ok" and 0 in time_column(theirs, 1, "t")
    assert ours("pinned_null_time") == (
        "error", "ValueError",
        "Failed to apply operations to timeline 't' (entity: `/sensor`, input: `Imu:accel`): got a null time value in row 2")


def test_reference_panics_on_time_rows_without_exactly_one_value(reference_results: dict[str, Result]) -> None:
    assert reference_results["pinned_time_rows_without_one_value"][0] == "crash"
    assert ours("pinned_time_rows_without_one_value") == (
        "error", "ValueError",
        "Failed to apply operations to timeline 't' (entity: `/sensor`, input: `Imu:accel`): expected exactly one time "
        "value per row, got 0 in row 3")


def test_reference_fails_validation_when_every_derived_output_is_absent(reference_results: dict[str, Result]) -> None:
    theirs = reference_results["pinned_all_outputs_absent_temporal"]
    assert theirs[0] == "error" and theirs[2].startswith("Chunk validation failed: Detected malformed Chunk: All timelines")
    assert chunk_rows(ours("pinned_all_outputs_absent_temporal")) == [("/o", 0)]


def test_reference_pairs_scatter_rows_of_different_sources(reference_results: dict[str, Result]) -> None:
    # 3 rows either way, but W's first row belongs to the second source row.
    theirs = reference_results["pinned_scatter_rows_of_different_sources"]
    assert theirs[0] == "ok"
    assert ours("pinned_scatter_rows_of_different_sources") == (
        "error", "ValueError",
        "Output component 'W' for entity `/r` produced 1 rows for input row 0, expected 2 — row counts must be "
        "consistent across all output components")
