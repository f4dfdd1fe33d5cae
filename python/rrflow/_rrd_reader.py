from __future__ import annotations

from pathlib import Path

from . import _core
from ._lazy_chunk_stream import LazyChunkStream
from ._lazy_store import LazyStore
from ._store_entry import StoreEntry


class RrdReader:
    """
    Read the chunks of an ``.rrd`` file.

    :meth:`recordings` and :meth:`blueprints` list the stores in the file;
    :meth:`stream` reads one store from start to end, :meth:`store` opens it
    lazily through the file's footer. Without ``store=``, the first recording
    is used.
    """

    __slots__ = ("_internal", "_path")

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        # Warns (RrflowWarning) about a legacy file without footer.
        self._internal = _core.RrdReader(str(path))

    @property
    def path(self) -> Path:
        """The file's path."""
        return self._path

    def _entries(self) -> list[StoreEntry]:
        # Listed once per file by the C++ reader.
        return [StoreEntry(*store) for store in self._internal.stores()]  # type: ignore[arg-type]

    def recordings(self) -> list[StoreEntry]:
        """The recording stores in the file, sorted by application and recording id."""
        return [entry for entry in self._entries() if entry.kind == "recording"]

    def blueprints(self) -> list[StoreEntry]:
        """The blueprint stores in the file, sorted by application and recording id."""
        return [entry for entry in self._entries() if entry.kind == "blueprint"]

    def stream(self, *, store: StoreEntry | None = None) -> LazyChunkStream:
        """
        A lazy stream over one store's chunks in file order (decoded in parallel).

        Raises
        ------
        ValueError
            If ``store`` is not in this file, or no store is given and the file
            has no recording.

        """
        # The engine checks a named store or picks the first recording, warning when
        # there are several (called from here, so the warning points at our caller).
        target = self._internal.select_store(_store_key(store))
        chosen = "" if store is None else f"store={store!r}"
        return LazyChunkStream(self._internal.stream(*target), f"{self!r}.stream({chosen})")

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
        target = self._internal.select_store(_store_key(store))
        chosen = "" if store is None else f"store={store!r}"
        return LazyStore(self._internal.store(*target), StoreEntry(*target), f"{self!r}.store({chosen})")  # type: ignore[arg-type]

    def __repr__(self) -> str:
        return f"RrdReader({self._path})"


def _store_key(store: StoreEntry | None) -> tuple[str, str, str] | None:
    return None if store is None else (store.kind, store.application_id, store.recording_id)
