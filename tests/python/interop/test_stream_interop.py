"""Differential matrix: the same pipelines on the same chunks in rrflow and in rerun-sdk 0.33.1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pytest
from batch_values import data_values
from column_objects import RawComponentColumn

import rrflow

rr = pytest.importorskip("rerun")
import rerun.experimental as rrx  # noqa: E402
from rerun.catalog import ContentFilter as RerunContentFilter  # noqa: E402


def reference_chunks() -> list[Any]:
    """A small recording built with rerun-sdk: static and temporal data, several timelines."""
    chunks = [
        rrx.Chunk.from_columns("/robots/arm", [rr.TimeColumn("frame", sequence=[0, 1, 2]),
                                               rr.TimeColumn("log_time", timestamp=[1.0, 2.0, 3.0])],
                               list(rr.Points3D.columns(positions=[[0, 0, 0], [1, 1, 1], [2, 2, 2]], radii=[1, 2, 3]))),
        rrx.Chunk.from_columns("/robots/arm", [], list(rr.TextLog.columns(text=["arm config"]))),
        rrx.Chunk.from_columns("/robots/leg", [rr.TimeColumn("frame", sequence=[5, 6])],
                               list(rr.Scalars.columns(scalars=[0.5, 0.6]))),
        rrx.Chunk.from_columns("/cameras/front", [rr.TimeColumn("sensor_time", duration=[0.1, 0.2])],
                               [RawComponentColumn(rr.ComponentDescriptor("Image:buffer", archetype="rerun.archetypes.Image"),
                                                   pa.array([[1, 2, 3], [4, 5, 6]], pa.list_(pa.uint8())))]),
        rrx.Chunk.from_columns("/cameras/front", [], [RawComponentColumn(rr.ComponentDescriptor("Image:format"),
                                                                         pa.array([7]))]),
        rrx.Chunk.from_columns("/__properties", [], list(rr.TextLog.columns(text=["recording info"]))),
        rrx.Chunk.from_columns("/world", [rr.TimeColumn("frame", sequence=[3])],
                               list(rr.Points3D.columns(positions=[[9, 9, 9]], colors=[[255, 0, 0]]))),
    ]
    return chunks


class Library:
    """One library's entry points, so a pipeline can be written once for both."""

    def __init__(self, chunk_store: Any, lazy_stream: Any, content_filter: Any, chunks: list[Any]) -> None:
        self.ChunkStore = chunk_store
        self.LazyChunkStream = lazy_stream
        self.ContentFilter = content_filter
        self.chunks = chunks

    def stream(self) -> Any:
        return self.ChunkStore.from_chunks(self.chunks).stream()


def libraries() -> tuple[Library, Library]:
    theirs = reference_chunks()
    ours = [rrflow.Chunk.from_record_batch(c.to_record_batch()) for c in theirs]
    return (Library(rrflow.ChunkStore, rrflow.LazyChunkStream, rrflow.ContentFilter, ours),
            Library(rrx.ChunkStore, rrx.LazyChunkStream, RerunContentFilter, theirs))


def merged_split(lib: Library, **criteria: Any) -> Any:
    matched, unmatched = lib.stream().split(**criteria)
    return lib.LazyChunkStream.merge(matched, unmatched)


PIPELINES: dict[str, Callable[[Library], Any]] = {
    "identity": lambda lib: lib.stream(),
    "filter-none": lambda lib: lib.stream().filter(),
    "drop-none": lambda lib: lib.stream().drop(),
    "content-subtree": lambda lib: lib.stream().filter(content="/robots/**"),
    "content-exact": lambda lib: lib.stream().filter(content="/robots/arm"),
    "content-list": lambda lib: lib.stream().filter(content=["/robots/**", "/cameras/**"]),
    "content-exclude": lambda lib: lib.stream().filter(content="/** -/robots/leg"),
    "content-empty-list": lambda lib: lib.stream().filter(content=[]),
    "content-properties": lambda lib: lib.stream().filter(content=lib.ContentFilter.everything().include_properties()),
    "content-builder": lambda lib: lib.stream().filter(content=lib.ContentFilter.nothing().include("/robots", subtree=True).exclude("/robots/leg")),
    "drop-content": lambda lib: lib.stream().drop(content="/robots/**"),
    "static-only": lambda lib: lib.stream().filter(is_static=True),
    "temporal-only": lambda lib: lib.stream().filter(is_static=False),
    "drop-static": lambda lib: lib.stream().drop(is_static=True),
    "has-frame": lambda lib: lib.stream().filter(has_timeline="frame"),
    "drop-has-frame": lambda lib: lib.stream().drop(has_timeline="frame"),
    "has-missing-timeline": lambda lib: lib.stream().filter(has_timeline="nope"),
    "has-empty-timeline": lambda lib: lib.stream().filter(has_timeline=""),
    "components-one": lambda lib: lib.stream().filter(components="Points3D:positions"),
    "components-many": lambda lib: lib.stream().filter(components=["Points3D:radii", "TextLog:text", "missing"]),
    "components-descriptor": lambda lib: lib.stream().filter(components=rr.ComponentDescriptor("Scalars:scalars")),
    "components-empty": lambda lib: lib.stream().filter(components=[]),
    "drop-components": lambda lib: lib.stream().drop(components="Points3D:positions"),
    "drop-components-absent": lambda lib: lib.stream().drop(components="missing"),
    "drop-components-empty": lambda lib: lib.stream().drop(components=[]),
    "and-criteria": lambda lib: lib.stream().filter(content="/robots/**", is_static=False, components="Points3D:radii"),
    "predicate-fails-no-slicing": lambda lib: lib.stream().drop(content="/cameras/**", components="Image:buffer"),
    "chained-filters": lambda lib: lib.stream().filter(is_static=False).filter(content="/robots/**"),
    "filter-then-drop": lambda lib: lib.stream().filter(has_timeline="frame").drop(components="Points3D:colors"),
    "split-merge-components": lambda lib: merged_split(lib, components="Points3D:positions"),
    "split-merge-content": lambda lib: merged_split(lib, content="/cameras/**"),
    "split-merge-static": lambda lib: merged_split(lib, is_static=True),
    "split-merge-nothing": lambda lib: merged_split(lib),
    "split-matched-only": lambda lib: lib.stream().split(components="Points3D:positions")[0],
    "split-unmatched-only": lambda lib: lib.stream().split(content="/robots/**")[1],
    "merge-three": lambda lib: lib.LazyChunkStream.merge(lib.stream().filter(is_static=True), lib.stream().filter(content="/world"), lib.stream().drop()),
    "merge-none": lambda lib: lib.LazyChunkStream.merge(),
    "map-identity": lambda lib: lib.stream().map(lambda c: c),
    "map-rename": lambda lib: lib.stream().map(lambda c: c.with_entity_path("/renamed" + c.entity_path)),
    "flat-map-duplicate": lambda lib: lib.stream().flat_map(lambda c: [c, c.with_entity_path("/copy")]),
    "flat-map-drop-all": lambda lib: lib.stream().flat_map(lambda c: []),
    "map-after-filter": lambda lib: lib.stream().filter(content="/robots/**").map(lambda c: c),
    "from-iter": lambda lib: lib.LazyChunkStream.from_iter(list(lib.chunks)),
    "from-iter-filtered": lambda lib: lib.LazyChunkStream.from_iter(iter(lib.chunks)).filter(is_static=False),
}


def describe(stream: Any, chunk_store: Any) -> tuple[str, list[tuple]]:
    """The summary of what a stream yields plus, per chunk, its ids and data (order-insensitive)."""
    chunks = stream.to_chunks()
    rows = sorted(
        (c.entity_path, c.num_rows, tuple(sorted(c.timeline_names)),
         tuple(f.name for f in c.to_record_batch().schema), repr(data_values(c.to_record_batch())))
        for c in chunks
    )
    return chunk_store.from_chunks(chunks).summary() if chunks else "", rows


@pytest.mark.parametrize("name", sorted(PIPELINES))
def test_pipeline_matches_reference(name: str) -> None:
    ours, theirs = libraries()
    pipeline = PIPELINES[name]
    assert describe(pipeline(ours), ours.ChunkStore) == describe(pipeline(theirs), theirs.ChunkStore)


@pytest.mark.parametrize("name", ["identity", "content-subtree", "static-only", "has-frame", "drop-components-absent",
                                  "map-identity", "from-iter", "split-merge-static"])
def test_chunk_ids_preserved_like_reference(name: str) -> None:
    ours, theirs = libraries()
    ids_ours = sorted(c.id for c in PIPELINES[name](ours).to_chunks())
    ids_theirs = sorted(c.id for c in PIPELINES[name](theirs).to_chunks())
    assert ids_ours == ids_theirs


@pytest.mark.parametrize("name", ["identity", "static-only", "chained-filters", "map-identity"])
def test_terminals_rerun_and_keep_order(name: str) -> None:
    ours, theirs = libraries()
    stream_ours, stream_theirs = PIPELINES[name](ours), PIPELINES[name](theirs)
    first = [c.id for c in stream_ours.to_chunks()]
    assert [c.id for c in stream_ours] == first
    assert [c.id for c in stream_ours.to_chunks()] == first
    assert first == [c.id for c in stream_theirs.to_chunks()]


def test_from_iter_is_one_shot_like_reference() -> None:
    ours, theirs = libraries()
    counts = []
    for lib in (ours, theirs):
        stream = lib.LazyChunkStream.from_iter(list(lib.chunks))
        counts.append((len(stream.to_chunks()), len(stream.to_chunks())))
    assert counts[0] == counts[1] == (len(ours.chunks), 0)


def test_consumption_errors_match() -> None:
    messages = []
    for lib in libraries():
        stream = lib.stream()
        stream.filter(is_static=True)
        with pytest.raises(ValueError) as caught:
            stream.to_chunks()
        messages.append(str(caught.value))
        a, b = lib.stream(), lib.stream()
        b.drop()
        with pytest.raises(ValueError):
            lib.LazyChunkStream.merge(a, b)
        with pytest.raises(ValueError):
            a.to_chunks()  # merge took `a` before failing on `b`
    assert messages[0] == messages[1]


def test_callback_exceptions_keep_their_type_like_reference() -> None:
    outcomes = []
    for lib in libraries():
        def fail(chunk: Any) -> Any:
            raise LookupError(f"no {chunk.entity_path}")

        with pytest.raises(LookupError) as caught:
            lib.stream().map(fail).to_chunks()
        outcomes.append(str(caught.value))
    assert outcomes[0] == outcomes[1]
