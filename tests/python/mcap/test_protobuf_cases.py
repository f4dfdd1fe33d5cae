"""The committed protobuf cases (tests/data/mcap/protobuf) are still what rerun-sdk 0.33.1 decodes."""

import pyarrow as pa
import pytest

import protobuf_cases


def read(path):
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


@pytest.mark.parametrize("case", sorted(protobuf_cases.CASES))
def test_committed_case_matches_the_reference(tmp_path, case):
    protobuf_cases.record(tmp_path)
    committed = read(protobuf_cases.OUT / f"{case}.arrow")
    recorded = read(tmp_path / f"{case}.arrow")
    assert recorded.equals(committed, check_metadata=True)
    assert (protobuf_cases.OUT / f"{case}.mcap").exists()
