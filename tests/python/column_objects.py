"""Duck-typed column objects, built the way third-party code (or rerun-sdk) builds them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa


@dataclass
class RawTimeColumn:
    """A time column handing over any Arrow array as is."""

    name: str
    array: pa.Array

    def timeline_name(self) -> str:
        return self.name

    def as_arrow_array(self) -> pa.Array:
        return self.array


@dataclass
class RawComponentColumn:
    """A component column handing over any Arrow array as is (lists are used as rows)."""

    descriptor: Any
    array: pa.Array

    def component_descriptor(self) -> Any:
        return self.descriptor

    def as_arrow_array(self) -> pa.Array:
        return self.array
