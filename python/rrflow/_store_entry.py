from __future__ import annotations

from typing import Literal

from . import _core


class StoreEntry:
    """A store found in an RRD file: a recording or a blueprint."""

    __slots__ = ("_internal",)

    def __init__(self, kind: Literal["recording", "blueprint"], application_id: str, recording_id: str) -> None:
        """
        Name a store, e.g. to pick it with ``RrdReader.stream(store=...)``.

        Raises
        ------
        ValueError
            If ``kind`` is neither ``"recording"`` nor ``"blueprint"``.

        """
        self._internal = _core.StoreId(kind, application_id, recording_id)

    @property
    def kind(self) -> Literal["recording", "blueprint"]:
        """``"recording"`` or ``"blueprint"``."""
        return self._internal.kind  # type: ignore[return-value]

    @property
    def application_id(self) -> str:
        """The application that made the store."""
        return self._internal.application_id

    @property
    def recording_id(self) -> str:
        """The store's recording id."""
        return self._internal.recording_id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoreEntry):
            return NotImplemented
        return self._internal == other._internal

    def __hash__(self) -> int:
        return hash(self._internal)

    def __repr__(self) -> str:
        return f"StoreEntry(kind={self.kind!r}, application_id={self.application_id!r}, recording_id={self.recording_id!r})"
