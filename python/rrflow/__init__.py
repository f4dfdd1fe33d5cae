"""rrflow: fast processing of multimodal robotics recordings as streams of Arrow chunks.

The API mirrors ``rerun.experimental``; the engine is C++ (``rrflow._core``).
"""

import pyarrow as _pyarrow  # noqa: F401  (loads libarrow before the extension module)

from ._chunk import Chunk, summarize
from ._columns import ComponentColumn, ComponentDescriptor, TimeColumn

__all__ = [
    "Chunk",
    "ComponentColumn",
    "ComponentDescriptor",
    "TimeColumn",
    "summarize",
]
