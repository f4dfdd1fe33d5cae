"""
A wrong-typed argument gives a TypeError naming the call, the argument and the
types it takes (issue: robustness, fault 7).

Before the fix such calls failed with nanobind's "incompatible function
arguments ... Invoked with types", an AttributeError ("'complex' object has no
attribute 'startswith'") or "'int' object is not iterable", none of which said
which argument of which call was wrong; some were accepted silently
(``Chunk.with_entity_path(5)``, ``ComponentDescriptor(5)``, ``map(5)``).
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pyarrow as pa
import pytest

import rrflow

DATA = Path(__file__).parent.parent / "data"
RECORDING = DATA / "rerun_0_33_1_recording.rrd"

WRONG = 1 + 2j  # no rrflow argument takes a complex number


def stream() -> rrflow.LazyChunkStream:
    return rrflow.RrdReader(RECORDING).stream()


def chunk() -> rrflow.Chunk:
    return stream().to_chunks()[0]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: stream().filter(has_timeline=5), "LazyChunkStream.filter(): argument 'has_timeline' must be str or None, not int"),
        (lambda: stream().filter(is_static="yes"), "LazyChunkStream.filter(): argument 'is_static' must be bool or None, not str"),
        (lambda: stream().drop(content=5), "LazyChunkStream.drop(): argument 'content' must be ContentFilter, str, sequence of str or None, not int"),
        (lambda: stream().split(components=[1]), "LazyChunkStream.split(): argument 'components' must be ComponentDescriptor, str, sequence of (ComponentDescriptor or str) or None, not list holding int"),
        (lambda: stream().collect(optimize="LIVE"), "LazyChunkStream.collect(): argument 'optimize' must be OptimizationProfile or None, not str"),
        (lambda: stream().map(5), "LazyChunkStream.map(): argument 'fn' must be a callable, not int"),
        (lambda: stream().flat_map(None), "LazyChunkStream.flat_map(): argument 'fn' must be a callable, not NoneType"),
        (lambda: rrflow.LazyChunkStream.from_iter(5), "LazyChunkStream.from_iter(): argument 'chunks' must be iterable of Chunk, not int"),
        (lambda: chunk().format(width="wide"), "Chunk.format(): argument 'width' must be int, not str"),
        (lambda: chunk().with_entity_path(5), "Chunk.with_entity_path(): argument 'entity_path' must be str, not int"),
        (lambda: rrflow.Chunk.from_record_batch(5), "Chunk.from_record_batch(): argument 'record_batch' must be pyarrow.RecordBatch, not int"),
        (lambda: rrflow.ChunkStore.from_chunks(5), "ChunkStore.from_chunks(): argument 'chunks' must be sequence of Chunk, not int"),
        (lambda: rrflow.ComponentDescriptor(5), "ComponentDescriptor(): argument 'component' must be str, not int"),
        (lambda: rrflow.ContentFilter("+/**").include(5), "ContentFilter.include(): argument 'path' must be str, not int"),
        (lambda: rrflow.RrdReader(5), "RrdReader(): argument 'path' must be str or Path, not int"),
        (lambda: rrflow.McapReader(5), "McapReader(): argument 'path' must be str or Path, not int"),
        (lambda: rrflow.ParquetReader(5), "ParquetReader(): argument 'path' must be str or Path, not int"),
        (lambda: rrflow.RrdReader(RECORDING).stream(store="rec"), "RrdReader.stream(): argument 'store' must be StoreEntry or None, not str"),
        (lambda: rrflow.TimeColumn(5, sequence=[1]), "TimeColumn(): argument 'timeline' must be str, not int"),
        (lambda: rrflow.summarize(5), "summarize(): argument 'chunks' must be iterable of Chunk, not int"),
    ],
)
def test_wrong_type_names_call_argument_and_expected_types(call, expected: str) -> None:
    with pytest.raises(TypeError) as raised:
        call()
    assert str(raised.value) == expected


def test_the_original_error_is_kept_as_the_cause() -> None:
    with pytest.raises(TypeError) as raised:
        stream().filter(has_timeline=5)
    assert "incompatible function arguments" in str(raised.value.__cause__)


def test_errors_of_user_callbacks_pass_unchanged() -> None:
    def broken(_: rrflow.Chunk) -> rrflow.Chunk:
        raise TypeError("the user's own mistake")

    with pytest.raises(TypeError) as raised:
        stream().map(broken).to_chunks()
    assert str(raised.value) == "the user's own mistake"


def test_a_callback_returning_something_else_than_chunks_is_named() -> None:
    with pytest.raises(TypeError, match=r"the function given to map\(\) must return Chunks, not int"):
        stream().map(lambda _: 5).to_chunks()
    with pytest.raises(TypeError, match=r"the function given to flat_map\(\) must return Chunks, not str"):
        stream().flat_map(lambda _: ["x"]).to_chunks()


def test_wrong_profile_fields_are_named_when_the_profile_is_used() -> None:
    profile = rrflow.OptimizationProfile(max_bytes=1.5)
    with pytest.raises(TypeError, match=r"OptimizationProfile.max_bytes must be an int, not float"):
        stream().collect(optimize=profile)
    profile = rrflow.OptimizationProfile(gop_batching="yes")
    with pytest.raises(TypeError, match=r"OptimizationProfile.gop_batching must be a bool, not str"):
        stream().collect(optimize=profile)


def _instances() -> dict[type, object]:
    return {
        rrflow.Chunk: chunk(),
        rrflow.LazyChunkStream: stream(),
        rrflow.ChunkStore: stream().collect(),
        rrflow.LazyStore: rrflow.RrdReader(RECORDING).store(),
        rrflow.RrdReader: rrflow.RrdReader(RECORDING),
        rrflow.ContentFilter: rrflow.ContentFilter("+/**"),
        rrflow.Selector: rrflow.Selector(".a"),
        rrflow.ComponentDescriptor: rrflow.ComponentDescriptor("Scalars:scalars"),
    }


# Accepted when made, refused with a named field when used (as rerun-sdk does).
ACCEPTED_WHEN_MADE = {"OptimizationProfile"}


def _calls_with_one_wrong_argument():
    """(label, function, parameter name) for each parameter whose siblings all have defaults."""
    instances = _instances()
    for name in rrflow.__all__:
        target = getattr(rrflow, name)
        if not inspect.isclass(target) and not inspect.isfunction(target):
            continue
        if getattr(target, "_is_protocol", False):
            continue  # typing protocols are never called
        callables = [(name, target)]
        if target in instances:
            for member_name, member in vars(target).items():
                if member_name.startswith("_") or isinstance(member, property):
                    continue
                callables.append((f"{name}.{member_name}", getattr(instances[target], member_name)))
        for label, function in callables:
            try:
                parameters = list(inspect.signature(function).parameters.values())
            except (TypeError, ValueError):
                continue
            for parameter in parameters:
                if parameter.name == "internal" or parameter.kind in (parameter.VAR_KEYWORD,):
                    continue
                others = [p for p in parameters if p is not parameter and p.kind is not p.VAR_KEYWORD]
                if any(p.default is p.empty and p.kind is not p.VAR_POSITIONAL for p in others):
                    continue
                yield label, function, parameter


def test_every_public_call_names_a_wrong_argument() -> None:
    # A sweep over the public API: each parameter in turn gets a complex number.
    unnamed = []
    checked = 0
    for label, function, parameter in _calls_with_one_wrong_argument():
        try:
            if parameter.kind is parameter.POSITIONAL_ONLY or parameter.kind is parameter.VAR_POSITIONAL:
                result = function(WRONG)
            else:
                result = function(**{parameter.name: WRONG})
            if isinstance(result, rrflow.LazyChunkStream):
                result.to_chunks()
        except TypeError as error:
            checked += 1
            if f"'{parameter.name}'" not in str(error) or "incompatible function arguments" in str(error):
                unnamed.append(f"{label}({parameter.name}): {str(error).splitlines()[0]}")
        except Exception as error:  # noqa: BLE001 (any other kind is itself a finding)
            unnamed.append(f"{label}({parameter.name}): {type(error).__name__}: {error}")
        else:
            if label.split(".")[0] not in ACCEPTED_WHEN_MADE:
                unnamed.append(f"{label}({parameter.name}): accepted")
    assert not unnamed, "\n".join(unnamed)
    assert checked > 40


def test_the_wrapped_functions_keep_their_signatures_and_docs() -> None:
    assert inspect.signature(rrflow.LazyChunkStream.filter).parameters["has_timeline"].default is None
    assert "Keep what matches" in rrflow.LazyChunkStream.filter.__doc__
    column = rrflow.ComponentColumn(rrflow.ComponentDescriptor("Scalars:scalars"), pa.array([1.0]))
    assert column is not None


def test_a_content_filter_made_of_one_string_is_one_expression() -> None:
    # Before the fix a string was taken as a sequence: one rule per character.
    assert rrflow.ContentFilter("+/x -/y").to_exprs() == ["+/x -/y"]
    with pytest.raises(TypeError, match=r"ContentFilter\(\): argument 'exprs' must hold str, not int"):
        rrflow.ContentFilter(["/x", 5])
