"""LazyChunkStream: consumption, re-execution, callbacks, threads and cancellation."""

from __future__ import annotations

import threading
import time

import pyarrow as pa
import pytest

import rrflow
from rrflow import Chunk, ChunkStore, ComponentColumn, ContentFilter, LazyChunkStream, TimeColumn

CONSUMED = "This stream has already been consumed by a pipeline operation (e.g. filter, drop, split, or merge)."


def chunks(n: int = 4, prefix: str = "/e") -> list[Chunk]:
    return [
        Chunk.from_columns(f"{prefix}{i}", [TimeColumn("frame", sequence=[i])],
                           [ComponentColumn("A", pa.array([float(i)])), ComponentColumn("B", pa.array([1]))])
        for i in range(n)
    ]


def stream(n: int = 4) -> LazyChunkStream:
    return ChunkStore.from_chunks(chunks(n)).stream()


@pytest.mark.parametrize("builder", [
    lambda s: s.filter(), lambda s: s.drop(), lambda s: s.split(), lambda s: s.map(lambda c: c),
    lambda s: s.flat_map(lambda c: [c]), lambda s: LazyChunkStream.merge(s),
])
def test_builders_consume(builder) -> None:
    s = stream()
    builder(s)
    for use in (lambda: s.filter(), lambda: s.to_chunks(), lambda: s.collect()):
        with pytest.raises(ValueError, match="already been consumed"):
            use()


def test_iterating_a_consumed_stream_raises_on_first_next() -> None:
    s = stream()
    s.filter()
    iterator = iter(s)
    with pytest.raises(ValueError, match=CONSUMED.replace("(", r"\(").replace(")", r"\)")):
        next(iterator)


def test_merge_of_the_same_stream_twice() -> None:
    s = stream()
    with pytest.raises(ValueError, match="already been consumed"):
        LazyChunkStream.merge(s, s)


def test_terminals_rerun_the_pipeline() -> None:
    calls = []
    s = stream().map(lambda c: calls.append(c.id) or c)
    assert len(s.to_chunks()) == 4
    assert len(list(s)) == 4
    assert len(s.collect()) == 4
    assert len(calls) == 12


def test_flat_map_generator_and_order() -> None:
    out = stream(2).flat_map(lambda c: (c.with_entity_path(c.entity_path + f"/{k}") for k in range(3))).to_chunks()
    assert [c.entity_path for c in out] == [f"/e{i}/{k}" for i in range(2) for k in range(3)]


def test_map_must_return_a_chunk() -> None:
    # rerun-sdk raises AttributeError: 'NoneType' object has no attribute '_internal'.
    with pytest.raises(TypeError, match=r"the function given to map\(\) must return Chunks, not NoneType"):
        stream().map(lambda c: None).to_chunks()


def test_from_iter_rejects_non_chunks_at_execution() -> None:
    s = LazyChunkStream.from_iter([1, 2])
    # rerun-sdk raises AttributeError: 'int' object has no attribute '_internal'.
    with pytest.raises(TypeError, match=r"the iterable given to from_iter\(\) must yield Chunks, not int"):
        s.to_chunks()


def test_from_iter_needs_an_iterable() -> None:
    with pytest.raises(TypeError):
        LazyChunkStream.from_iter(3)


@pytest.mark.parametrize("terminal", [
    lambda s: s.to_chunks(), lambda s: list(s), lambda s: s.collect(),
])
def test_callback_exception_keeps_type_message_and_traceback(terminal) -> None:
    def explode(chunk: Chunk) -> Chunk:
        raise ZeroDivisionError(f"bad {chunk.entity_path}")

    with pytest.raises(ZeroDivisionError, match="bad /e0") as caught:
        terminal(stream().map(explode))
    assert any(entry.name == "explode" for entry in caught.traceback)


def test_exception_from_a_merge_input_surfaces_once() -> None:
    def explode(chunk: Chunk) -> Chunk:
        raise KeyError("merged")

    merged = LazyChunkStream.merge(stream().map(explode), stream())
    with pytest.raises(KeyError, match="merged"):
        merged.to_chunks()


def test_iterating_a_merge_of_python_callbacks_does_not_deadlock() -> None:
    def slow(chunk: Chunk) -> Chunk:
        time.sleep(0.001)
        return chunk

    merged = LazyChunkStream.merge(*[stream(20).map(slow) for _ in range(8)])
    assert len(list(merged)) == 160


def test_callbacks_in_merge_inputs_run_on_other_threads() -> None:
    threads = set()

    def record(chunk: Chunk) -> Chunk:
        threads.add(threading.get_ident())
        return chunk

    LazyChunkStream.merge(stream().map(record), stream().map(record)).to_chunks()
    assert threading.get_ident() not in threads


def test_split_both_branches_runs_upstream_once() -> None:
    calls = []
    matched, unmatched = stream().map(lambda c: calls.append(1) or c).split(components="A")
    out = LazyChunkStream.merge(matched, unmatched).to_chunks()
    assert len(calls) == 4
    assert sorted(c.entity_path for c in out) == sorted([f"/e{i}" for i in range(4)] * 2)


def test_split_branches_consumed_at_different_speeds() -> None:
    matched, unmatched = stream(100).split(components="A")
    merged = LazyChunkStream.merge(matched.map(lambda c: (time.sleep(0.0005), c)[1]), unmatched)
    assert len(merged.to_chunks()) == 200


def test_single_split_branch_warns_and_filters(capfd) -> None:
    matched, _ = stream().split(components="A")
    with pytest.warns(rrflow.RrflowWarning, match="Only one branch of a split"):
        out = matched.to_chunks()
    assert [c.num_columns for c in out] == [3] * 4
    assert capfd.readouterr().err == ""


def test_abandoned_iterator_stops_producers() -> None:
    produced = []

    def endless():
        i = 0
        while True:
            produced.append(i)
            yield chunks(1, prefix=f"/x{i}-")[0]
            i += 1

    merged = LazyChunkStream.merge(LazyChunkStream.from_iter(endless()), stream())
    iterator = iter(merged)
    for _ in range(5):
        next(iterator)
    del iterator
    count = len(produced)
    time.sleep(0.05)
    assert len(produced) == count


def test_content_filter_builder() -> None:
    f = ContentFilter.everything().exclude("/e1").include("/e1/x", subtree=True)
    assert f.to_exprs() == ["/**", "-/e1", "/e1/x/**"]
    assert f == ContentFilter(["/**", "-/e1", "/e1/x/**"])
    assert hash(f) == hash(ContentFilter(("/**", "-/e1", "/e1/x/**")))
    assert repr(ContentFilter.nothing().include_properties()) == "ContentFilter(['/__properties/**'])"
    with pytest.raises(ValueError, match="must start with '/'"):
        ContentFilter.everything().include("e1")
    assert [c.entity_path for c in stream().filter(content=f).to_chunks()] == ["/e0", "/e2", "/e3"]


def test_components_accept_descriptors() -> None:
    from rrflow import ComponentDescriptor

    out = stream().filter(components=[ComponentDescriptor("A"), "missing"]).to_chunks()
    assert all(c.num_columns == 3 for c in out)
    assert len(stream().filter(components=ComponentDescriptor("B")).to_chunks()) == 4


@pytest.mark.parametrize("operation", ["filter", "drop", "split"])
@pytest.mark.parametrize(("kwargs", "error"), [
    ({"content": 3}, TypeError), ({"content": [3]}, TypeError), ({"has_timeline": 3}, TypeError),
    ({"is_static": "yes"}, TypeError), ({"components": 3}, TypeError),
    # rerun-sdk raises AttributeError: 'int' object has no attribute 'component'.
    ({"components": [3]}, TypeError),
])
def test_bad_selection_arguments_leave_the_stream_usable(operation: str, kwargs: dict, error: type) -> None:
    s = stream()
    with pytest.raises(error):
        getattr(s, operation)(**kwargs)
    assert len(s.to_chunks()) == 4


def test_selection_arguments_take_any_sequence() -> None:
    assert len(stream().filter(content=("/e1", "/e2")).to_chunks()) == 2
    assert len(stream().filter(content={"/e1"}).to_chunks()) == 1
    assert all(c.num_columns == 3 for c in stream().filter(components=("A",)).to_chunks())
    assert len(stream().lenses([], output_mode="forward_all", content=["/e1"]).to_chunks()) == 4
