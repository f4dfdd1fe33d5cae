"""rrflow: fast processing of multimodal robotics recordings as streams of Arrow chunks.

The API mirrors ``rerun.experimental``; the engine is C++ (``rrflow._core``).
"""

from importlib.metadata import version as _version

import pyarrow as _pyarrow  # noqa: F401  (loads libarrow before the extension module)

from ._chunk import Chunk, summarize
from ._columns import ComponentColumn, TimeColumn
from ._component_descriptor import ComponentDescriptor
from ._content_filter import ContentFilter
from ._lazy_chunk_stream import ChunkStore, LazyChunkStream
from ._lazy_store import LazyStore
from ._lens import DeriveLens, Lens, MutateLens
from ._mcap_info import McapChannelInfo, McapCompressionInfo, McapInfo, McapSchemaInfo
from ._mcap_reader import McapReader
from ._optimization_profile import OptimizationProfile
from ._parquet_reader import ColumnRule, ParquetReader
from ._readers import IndexedReader, StreamingReader
from ._recording_stream import RecordingStream
from ._rrd_reader import RrdReader
from ._schema import ComponentColumnDescriptor, IndexColumnDescriptor, Schema
from ._selector import Selector
from ._send_chunks import send_chunks
from ._store_entry import StoreEntry
from ._viewer_client import ViewerClient
from ._warnings import RrflowWarning
from ._arguments import check_arguments_of as _check_arguments_of

__all__ = [
    "Chunk",
    "ChunkStore",
    "ColumnRule",
    "ComponentColumn",
    "ComponentColumnDescriptor",
    "ComponentDescriptor",
    "ContentFilter",
    "DeriveLens",
    "IndexColumnDescriptor",
    "IndexedReader",
    "LazyChunkStream",
    "LazyStore",
    "Lens",
    "McapChannelInfo",
    "McapCompressionInfo",
    "McapInfo",
    "McapReader",
    "McapSchemaInfo",
    "MutateLens",
    "OptimizationProfile",
    "ParquetReader",
    "RecordingStream",
    "RrdReader",
    "RrflowWarning",
    "Schema",
    "Selector",
    "StoreEntry",
    "StreamingReader",
    "TimeColumn",
    "ViewerClient",
    "send_chunks",
    "summarize",
]

# Every public call names the argument at fault when given a wrong type.
__version__: str = _version("rrflow")
"""The installed package's version."""

_public_names = {_name: globals()[_name] for _name in __all__}
for _name in __all__:
    globals()[_name] = _check_arguments_of(globals()[_name], _public_names)
del _name, _public_names, _version
