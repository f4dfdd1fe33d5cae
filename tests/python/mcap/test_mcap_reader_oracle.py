"""rrflow's McapReader against rerun-sdk 0.33.1's on every sample and reader option of
`mcap_cases`: the same chunks (entity paths, static flags, timelines and their types, column
names, Arrow types, field metadata, rows and values, in emission order) and the same errors.

Where the oracle is worse, rrflow does better and the test says what the oracle does:
it crashes (SIGSEGV) on recursive protobuf types, fails files without message indexes, loses a
topic's Foxglove lens chunk when one message's scatter list is empty, and its error texts name
neither the file nor the offset.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

pytest.importorskip("foxglove.mcap")
pytest.importorskip("mcap.writer")
pytest.importorskip("mcap_protobuf.schema")
pytest.importorskip("rerun.experimental")

import rrflow  # noqa: E402
from mcap_cases import MISSING, VARIANTS, all_cases  # noqa: E402
from mcap_chunk_summary import comparable, summarize_mcap  # noqa: E402
from mcap_isolated_runner import run_isolated  # noqa: E402
from mcap_samples import SAMPLES  # noqa: E402

# Files that rerun-sdk 0.33.1 fails with "MCAP error: Index offset and length didn't point to
# the expected record type" (a chunk without message indexes); rrflow reads their chunks.
WITHOUT_MESSAGE_INDEXES = {
    "fox_lz4_small_chunks", "fox_no_message_index", "mcap_no_message_index",
    "mcap_no_message_index_no_statistics",
}

# Topics where one message's scatter list is empty (FrameTransforms without transforms,
# LocationFixes without fixes), with a topic whose first message has the same first element.
# rerun-sdk 0.33.1 loses the topic's whole lens chunk ("Chunk validation failed: ... Found 2 row
# IDs but 1 timestamps for timeline 'timestamp'"); rrflow keeps the other messages' rows and the
# empty message gives none.
EMPTY_SCATTER_TOPICS = {
    "fox_frame_transforms": ("/tf_batch_with_empty", "/tf_batch"),
    "fox_location_fixes": ("/gps_batch_with_empty", "/gps_batch"),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Case name -> (rrflow's outcome, the oracle's outcome), both made comparable."""
    cases = all_cases(tmp_path_factory.mktemp("mcap_samples"))
    oracle = run_isolated(list(cases.values()))
    outcomes = {}
    for (name, (path, options)), theirs in zip(cases.items(), oracle):
        # The problem handler's warnings (bad CRCs, undecodable messages) are tested elsewhere.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", rrflow.RrflowWarning)
            ours = summarize_mcap(rrflow, path, options)
        outcomes[name] = (comparable(ours), theirs if theirs.get("crash") else comparable(theirs))
    return outcomes


def _case_names() -> list[str]:
    names = []
    for sample in SAMPLES:
        names.append(sample)
        names.extend(f"{sample}--{variant}" for variant, _ in VARIANTS.get(sample, []))
    return names + [MISSING]


@pytest.mark.parametrize("case", _case_names())
def test_same_chunks_as_the_oracle(case: str, runs: dict[str, Any]) -> None:
    ours, theirs = runs[case]
    if theirs.get("crash"):
        # rerun-sdk 0.33.1 dies with SIGSEGV on google.protobuf.Struct/Value/ListValue and on
        # self-referential messages; rrflow decodes them.
        assert theirs["crash"]["returncode"] < 0
        assert ours["error"] is None
        assert any(column["name"].endswith(":message") for chunk in ours["chunks"]
                   for column in chunk["columns"])
        return
    if case in WITHOUT_MESSAGE_INDEXES:
        assert theirs["error"]["message"] == (
            "MCAP error: Index offset and length didn't point to the expected record type")
        assert ours["error"] is None
        # Everything the oracle emitted before failing comes first, then the messages.
        assert ours["chunks"][:len(theirs["chunks"])] == theirs["chunks"]
        assert any(not chunk["is_static"] for chunk in ours["chunks"])
        return
    if case in EMPTY_SCATTER_TOPICS:
        topic, sibling = EMPTY_SCATTER_TOPICS[case]
        kept = [chunk for chunk in ours["chunks"] if chunk["is_static"] or chunk["entity_path"] != topic]
        assert kept == theirs["chunks"]
        (extra,) = [chunk for chunk in ours["chunks"] if chunk not in kept]
        (reference,) = [chunk for chunk in theirs["chunks"]
                        if chunk["entity_path"] == sibling and not chunk["is_static"]]
        assert extra["num_rows"] == 1
        assert extra["columns"] == [{**column, "values": column["values"][:1]}
                                    for column in reference["columns"]]
        assert ours["error"] is None and theirs["error"] is None
        return
    assert ours["chunks"] == theirs["chunks"]
    if theirs["error"] is None:
        assert ours["error"] is None
        return
    assert ours["error"] is not None, theirs["error"]
    assert (ours["error"]["stage"], ours["error"]["type"]) == (theirs["error"]["stage"],
                                                              theirs["error"]["type"])
    if theirs["error"]["message"].startswith("MCAP error: "):
        # The oracle's texts (from the mcap crate) name neither the file nor where in it;
        # rrflow's name the file and a byte offset, or the channel whose schema is wrong.
        message = ours["error"]["message"]
        assert message.startswith("MCAP error: <path>: ")
        assert " at byte " in message or "(topic `" in message
    elif "topic regex" in theirs["error"]["message"]:
        # The reason comes from the regex engine (RE2 here, regex-lite there).
        prefix = theirs["error"]["message"].split("\": ")[0]
        assert ours["error"]["message"].startswith(prefix + "\": ")
    else:
        assert ours["error"]["message"] == theirs["error"]["message"]
