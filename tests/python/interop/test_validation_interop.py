"""Arguments rerun-sdk 0.33.1 refuses are refused the same way (issue: robustness, fault 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
import rerun.experimental as rrx

import rrflow

DATA = Path(__file__).parent.parent.parent / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"


@pytest.mark.parametrize("fields", [
    {"max_bytes": -1}, {"max_rows": -5}, {"max_rows_if_unsorted": -1}, {"extra_passes": -1},
    {"max_bytes": 2**64}, {"max_rows": 2**70},
])
def test_out_of_range_profile_counts_overflow_when_used(fields: dict[str, int]) -> None:
    # Both accept the profile and raise when a collect uses it.
    errors = []
    for module in (rrflow, rrx):
        profile = module.OptimizationProfile(**fields)
        with pytest.raises(OverflowError) as raised:
            module.RrdReader(RECORDING).stream().collect(optimize=profile)
        errors.append(str(raised.value))
    assert errors[0] == errors[1]


def test_counts_beyond_the_signed_range_mean_no_limit() -> None:
    profile = rrflow.OptimizationProfile(max_bytes=2**64 - 1, max_rows=2**63)
    store = rrflow.RrdReader(RECORDING).stream().collect(optimize=profile)
    assert store.summary()


@pytest.mark.parametrize("values", ["notarray", b"bytes", 5])
def test_component_column_names_the_argument_that_is_not_an_array(values: object) -> None:
    # rrflow's ComponentColumn (rerun-sdk has none in rerun.experimental); before the fix a
    # string became one row per character.
    with pytest.raises(TypeError, match="ComponentColumn\\(\\) argument 'array' must be an Arrow array"):
        rrflow.ComponentColumn("X:y", values)
