"""TimeColumn, ComponentDescriptor and ComponentColumn."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pyarrow as pa
import pytest

from rrflow import ComponentColumn, ComponentDescriptor, TimeColumn


def test_time_column_needs_exactly_one_kind() -> None:
    with pytest.raises(ValueError, match="Exactly one of"):
        TimeColumn("t")
    with pytest.raises(ValueError, match="Exactly one of"):
        TimeColumn("t", sequence=[1], duration=[1])


def test_sequence() -> None:
    column = TimeColumn("frame", sequence=[3, 1, 2])
    assert column.timeline_name() == "frame"
    assert column.as_arrow_array().type == pa.int64()
    assert column.as_arrow_array().to_pylist() == [3, 1, 2]


def test_duration_seconds_and_timedelta() -> None:
    assert TimeColumn("d", duration=[1, 2]).as_arrow_array().cast(pa.int64()).to_pylist() == [10**9, 2 * 10**9]
    assert TimeColumn("d", duration=[0.5]).as_arrow_array().cast(pa.int64()).to_pylist() == [500_000_000]
    tds = TimeColumn("d", duration=[timedelta(seconds=1, microseconds=5)]).as_arrow_array()
    assert tds.type == pa.duration("ns")
    assert tds.cast(pa.int64()).to_pylist() == [1_000_005_000]
    numpy = TimeColumn("d", duration=np.array([1.5, 2.0])).as_arrow_array()
    assert numpy.cast(pa.int64()).to_pylist() == [1_500_000_000, 2_000_000_000]
    assert TimeColumn("d", duration=np.array([5], "timedelta64[us]")).as_arrow_array().cast(pa.int64()).to_pylist() == [5000]


def test_timestamp_seconds_datetimes_and_numpy() -> None:
    column = TimeColumn("t", timestamp=[1, 2.5]).as_arrow_array()
    assert column.type == pa.timestamp("ns")
    assert column.cast(pa.int64()).to_pylist() == [10**9, 2_500_000_000]
    naive = TimeColumn("t", timestamp=[datetime(1970, 1, 1, 0, 0, 1)]).as_arrow_array()
    aware = TimeColumn("t", timestamp=[datetime(1970, 1, 1, 1, 0, 1, tzinfo=timezone(timedelta(hours=1)))])
    assert naive.cast(pa.int64()).to_pylist() == [10**9]
    assert aware.as_arrow_array().cast(pa.int64()).to_pylist() == [10**9]
    assert aware.as_arrow_array().type == pa.timestamp("ns")
    dt64 = TimeColumn("t", timestamp=np.array(["1970-01-01T00:00:02"], "datetime64[s]")).as_arrow_array()
    assert dt64.cast(pa.int64()).to_pylist() == [2 * 10**9]


def test_timestamp_in_milliseconds_is_rejected() -> None:
    with pytest.raises(ValueError, match="looks like this is in milliseconds"):
        TimeColumn("t", timestamp=[1_700_000_000_000])


def test_descriptor() -> None:
    d = ComponentDescriptor("Points3D:positions", archetype="rerun.archetypes.Points3D", component_type="rerun.components.Position3D")
    assert str(d) == "Points3D:positions"
    assert d == ComponentDescriptor("Points3D:positions", "rerun.archetypes.Points3D", "rerun.components.Position3D")
    assert hash(d) == hash(ComponentDescriptor("Points3D:positions", "rerun.archetypes.Points3D", "rerun.components.Position3D"))
    assert d != ComponentDescriptor("Points3D:positions")
    assert d.with_overrides(archetype="X").archetype == "X"
    assert d.or_with_overrides(archetype="X").archetype == "rerun.archetypes.Points3D"
    assert ComponentDescriptor("a").or_with_overrides(archetype="X", component_type="T").component_type == "T"
    assert ComponentDescriptor("a").with_builtin_archetype("Imu").component == "Imu:a"
    assert ComponentDescriptor("").component == ""
    assert ComponentDescriptor("a", archetype="").archetype == ""


def test_descriptor_repr_and_absent_fields() -> None:
    d = ComponentDescriptor("c", component_type="T")
    assert repr(d) == "ComponentDescriptor(component='c', archetype=None, component_type='T')"
    assert ComponentDescriptor("a") != ComponentDescriptor("a", archetype="")
    assert hash(ComponentDescriptor("a")) == hash(ComponentDescriptor("a", None, None))
    assert (d == "c") is False
    with pytest.raises(AttributeError):
        d.component = "x"  # type: ignore[misc]


class NamedDescriptor(ComponentDescriptor):
    """A user's subclass: pickling and copying keep it."""


def test_descriptor_pickles_and_copies_keeping_its_class() -> None:
    import copy
    import pickle

    d = NamedDescriptor("Points3D:positions", "rerun.archetypes.Points3D")
    for twin in (pickle.loads(pickle.dumps(d)), copy.copy(d), copy.deepcopy(d)):
        assert type(twin) is NamedDescriptor
        assert twin == d
        assert hash(twin) == hash(d)
    assert type(d.with_overrides(archetype="X")) is ComponentDescriptor


def test_component_column_default_partition() -> None:
    column = ComponentColumn("c", pa.array([1.0, None, 3.0]))
    array = column.as_arrow_array()
    assert array.type == pa.list_(pa.float64())
    assert array.to_pylist() == [[1.0], [None], [3.0]]
    assert column.component_descriptor() == ComponentDescriptor("c")


def test_component_column_wraps_lists_too() -> None:
    array = ComponentColumn("c", pa.array([[1, 2], [3]])).as_arrow_array()
    assert array.to_pylist() == [[[1, 2]], [[3]]]


def test_component_column_lengths_and_offsets() -> None:
    values = pa.array([1, 2, 3, 4, 5])
    assert ComponentColumn("c", values, lengths=[2, 0, 3]).as_arrow_array().to_pylist() == [[1, 2], [], [3, 4, 5]]
    assert ComponentColumn("c", values, offsets=np.array([0, 1, 5], np.int32)).as_arrow_array().to_pylist() == [[1], [2, 3, 4, 5]]
    assert ComponentColumn("c", values).partition([5]).as_arrow_array().to_pylist() == [[1, 2, 3, 4, 5]]
    with pytest.raises(ValueError, match="Cannot specify both"):
        ComponentColumn("c", values, lengths=[5], offsets=[0, 5])
    with pytest.raises(ValueError, match="sum to 4"):
        ComponentColumn("c", values, lengths=[4])
