"""collect(): insert-time compaction and optimisation profiles against rerun-sdk 0.33.1."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pyarrow as pa
import pytest
from column_objects import RawComponentColumn

import rrflow

rr = pytest.importorskip("rerun")
import rerun.experimental as rrx  # noqa: E402


def scalars(path: str, frames: list[int]) -> Any:
    return rrx.Chunk.from_columns(path, [rr.TimeColumn("frame", sequence=frames)],
                                  rr.Scalars.columns(scalars=[float(f) for f in frames]))


def blobs(path: str, rows: int, size: int) -> Any:
    return rrx.Chunk.from_columns(path, [rr.TimeColumn("frame", sequence=list(range(rows)))],
                                  [RawComponentColumn(rr.ComponentDescriptor("Blob:data"), pa.array([bytes(size)] * rows, pa.binary()))])


def inputs() -> dict[str, list[Any]]:
    shuffled = list(range(3000))
    random.Random(0).shuffle(shuffled)
    alternating = [
        rrx.Chunk.from_columns("/m", [rr.TimeColumn("frame", sequence=[i])],
                               rr.Scalars.columns(scalars=[float(i)]) if i % 2 else rr.Points3D.columns(positions=[[1, 2, 3]]))
        for i in range(10)
    ]
    return {
        "many-single-rows": [scalars("/s", [i]) for i in range(4200)],
        "two-entities-interleaved": [scalars(f"/e{i % 2}", [i]) for i in range(600)],
        "unsorted-single-rows": [scalars("/u", [i]) for i in shuffled],
        "one-big-chunk": [scalars("/b", list(range(10000)))],
        "byte-split": [blobs("/img", 10, 100_000)],
        "different-components-do-not-merge": alternating,
        "static-untouched": [rrx.Chunk.from_columns("/cfg", [], rr.TextLog.columns(text=["a"])) for _ in range(3)],
        "reversed-times": [scalars("/r", [i]) for i in range(100, 0, -1)],
    }


def both(name: str) -> tuple[rrflow.LazyChunkStream, Any]:
    theirs = inputs()[name]
    ours = [rrflow.Chunk.from_record_batch(c.to_record_batch()) for c in theirs]
    return rrflow.ChunkStore.from_chunks(ours).stream(), rrx.ChunkStore.from_chunks(theirs).stream()


@pytest.mark.parametrize("name", sorted(inputs()))
def test_default_collect_matches(name: str) -> None:
    ours, theirs = both(name)
    assert ours.collect().summary() == theirs.collect().summary()


@pytest.mark.parametrize("name", ["many-single-rows", "unsorted-single-rows", "one-big-chunk", "two-entities-interleaved"])
@pytest.mark.parametrize("profile", ["LIVE", "OBJECT_STORE"])
def test_profiles_match(name: str, profile: str) -> None:
    ours, theirs = both(name)
    a = ours.collect(optimize=getattr(rrflow.OptimizationProfile, profile))
    b = theirs.collect(optimize=getattr(rrx.OptimizationProfile, profile))
    assert a.summary() == b.summary()
    assert a.schema() == rrflow.ChunkStore.from_chunks(ours.to_chunks()).schema()


def test_zero_extra_passes_never_grows() -> None:
    ours, theirs = both("unsorted-single-rows")
    profile = dataclasses.replace(rrflow.OptimizationProfile.LIVE, extra_passes=0)
    reference = dataclasses.replace(rrx.OptimizationProfile.LIVE, extra_passes=0)
    assert ours.collect(optimize=profile).summary() == theirs.collect(optimize=reference).summary()


def test_thick_thin_split_matches() -> None:
    chunk = rrx.Chunk.from_columns(
        "/mixed", [rr.TimeColumn("frame", sequence=[0, 1])],
        [*rr.Scalars.columns(scalars=[1.0, 2.0]),
         RawComponentColumn(rr.ComponentDescriptor("Image:buffer", archetype="rerun.archetypes.Image"),
                            pa.array([bytes(50_000)] * 2, pa.binary()))])
    ours = rrflow.ChunkStore.from_chunks([rrflow.Chunk.from_record_batch(chunk.to_record_batch())]).stream()
    theirs = rrx.ChunkStore.from_chunks([chunk]).stream()
    for ratio in (10.0, None):
        a = ours.collect(optimize=rrflow.OptimizationProfile(split_size_ratio=ratio))
        b = theirs.collect(optimize=rrx.OptimizationProfile(split_size_ratio=ratio))
        assert a.summary() == b.summary()


def test_profile_dataclass_matches() -> None:
    for name in ("LIVE", "OBJECT_STORE"):
        assert dataclasses.asdict(getattr(rrflow.OptimizationProfile, name)) == dataclasses.asdict(getattr(rrx.OptimizationProfile, name))
    assert dataclasses.asdict(rrflow.OptimizationProfile()) == dataclasses.asdict(rrx.OptimizationProfile())
    assert rrflow.OptimizationProfile() != rrflow.OptimizationProfile.LIVE
    with pytest.raises(TypeError):
        rrflow.OptimizationProfile(1)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rrflow.OptimizationProfile.LIVE.max_rows = 3  # type: ignore[misc]
