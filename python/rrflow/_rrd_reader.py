from __future__ import annotations

import warnings
from pathlib import Path
from . import _core
from ._lazy_chunk_stream import LazyChunkStream
from ._lazy_store import LazyStore
from ._store_entry import StoreEntry
from ._warnings import RrflowWarning


class RrdReader:
    """
    Read the chunks of an ``.rrd`` file.

    :meth:`recordings` and :meth:`blueprints` list the stores in the file;
    :meth:`stream` reads one store from start to end, :meth:`store` opens it
    lazily through the file's footer. Without ``store=``, the first recording
    is used.
    """

    __slots__ = ("_internal", "_path", "_stores")

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._internal = _core.RrdReader(str(path))
        self._stores: list[StoreEntry] | None = None
        if not self._internal.has_footer() and self._path.is_file() and self._path.stat().st_size >= 12:
            warnings.warn(
                f"RRD file has no footer/manifest: {path}. This is a legacy format; store enumeration "
                "will fall back to a whole-file scan, and `store()` is not supported (use `stream()` instead).",
                RrflowWarning,
                stacklevel=2,
            )

    @property
    def path(self) -> Path:
        """The file's path."""
        return self._path

    def _entries(self) -> list[StoreEntry]:
        if self._stores is None:
            self._stores = [StoreEntry(*store) for store in self._internal.stores()]  # type: ignore[arg-type]
        return self._stores

    def recordings(self) -> list[StoreEntry]:
        """The recording stores in the file, sorted by application and recording id."""
        return [entry for entry in self._entries() if entry.kind == "recording"]

    def blueprints(self) -> list[StoreEntry]:
        """The blueprint stores in the file, sorted by application and recording id."""
        return [entry for entry in self._entries() if entry.kind == "blueprint"]

    def _resolve(self, store: StoreEntry | None) -> StoreEntry:
        if store is not None:
            if store not in self._entries():
                raise ValueError(f"Store {store._store_id_text()} not found in RRD file")
            return store
        recordings = self.recordings()
        if not recordings:
            raise ValueError("No recording store found in RRD file")
        if len(recordings) > 1:
            warnings.warn(
                f"RRD contains {len(recordings)} recording stores; implicitly using "
                f"{recordings[0]._store_id_text()}. Pass `store=\u2026` to select explicitly (see `recordings()`).",
                RrflowWarning,
                stacklevel=3,
            )
        return recordings[0]

    def stream(self, *, store: StoreEntry | None = None) -> LazyChunkStream:
        """
        A lazy stream over one store's chunks in file order (decoded in parallel).

        Raises
        ------
        ValueError
            If ``store`` is not in this file, or no store is given and the file
            has no recording.

        """
        target = self._resolve(store)
        return LazyChunkStream(self._internal.stream(target.kind, target.application_id, target.recording_id))

    def store(self, *, store: StoreEntry | None = None) -> LazyStore:
        """
        One store as a :class:`LazyStore`, read through the file's footer.

        Raises
        ------
        ValueError
            If ``store`` is not in this file, or no store is given and the file
            has no recording.
        RuntimeError
            If the file has no footer (a legacy file: use ``stream().collect()``).

        """
        target = self._resolve(store)
        return LazyStore(self._internal.store(target.kind, target.application_id, target.recording_id))

    def __repr__(self) -> str:
        return f"RrdReader({self._path})"
