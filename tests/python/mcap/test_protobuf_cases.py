"""The committed protobuf cases (tests/data/mcap/protobuf) are still what rerun-sdk 0.33.1 decodes."""

import pyarrow as pa
import pytest

# Submodules, not the bare names: this folder is itself named `mcap` and would satisfy
# `import mcap` as a namespace package when the real one is missing.
pytest.importorskip("mcap.writer")
pytest.importorskip("mcap_protobuf.schema")
pytest.importorskip("rerun.experimental")

import mcap_protobuf_cases  # noqa: E402


def read(path):
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


@pytest.mark.parametrize("case", sorted(mcap_protobuf_cases.CASES))
def test_committed_case_matches_the_reference(tmp_path, case):
    mcap_protobuf_cases.record(tmp_path)
    committed = read(mcap_protobuf_cases.OUT / f"{case}.arrow")
    recorded = read(tmp_path / f"{case}.arrow")
    assert recorded.equals(committed, check_metadata=True)
    assert (mcap_protobuf_cases.OUT / f"{case}.mcap").exists()
