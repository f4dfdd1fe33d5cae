"""The installed package requires the pyarrow major its extension was built against."""

from __future__ import annotations

import re
from importlib.metadata import requires

import pyarrow as pa

import rrflow


def test_requires_the_major_of_the_pyarrow_it_runs_with() -> None:
    pyarrow_requirements = [r for r in requires("rrflow") or [] if re.match(r"pyarrow\b", r) and ";" not in r]
    assert len(pyarrow_requirements) == 1, pyarrow_requirements
    specifiers = set(pyarrow_requirements[0].removeprefix("pyarrow").split(","))
    major = int(pa.__version__.split(".")[0])
    assert specifiers == {f">={major}", f"<{major + 1}"}


def test_extension_works_with_this_pyarrow() -> None:
    chunk = rrflow.Chunk.from_columns("/points", [rrflow.TimeColumn("frame", sequence=[1, 2])],
                                      [rrflow.ComponentColumn("Scalars:scalars", pa.array([1.0, 2.0]))])
    batch = chunk.to_record_batch()
    assert batch.column("frame").to_pylist() == [1, 2]
    assert rrflow.Chunk.from_record_batch(batch).id == chunk.id
