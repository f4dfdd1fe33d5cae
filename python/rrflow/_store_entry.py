from __future__ import annotations

from typing import Literal


class StoreEntry:
    """A store found in an RRD file: a recording or a blueprint."""

    __slots__ = ("_application_id", "_kind", "_recording_id")

    def __init__(self, kind: Literal["recording", "blueprint"], application_id: str, recording_id: str) -> None:
        self._kind = kind
        self._application_id = application_id
        self._recording_id = recording_id

    @property
    def kind(self) -> Literal["recording", "blueprint"]:
        """``"recording"`` or ``"blueprint"``."""
        return self._kind  # type: ignore[return-value]

    @property
    def application_id(self) -> str:
        """The application that made the store."""
        return self._application_id

    @property
    def recording_id(self) -> str:
        """The store's recording id."""
        return self._recording_id

    def _key(self) -> tuple[str, str, str]:
        return (self._kind, self._application_id, self._recording_id)

    def _store_id_text(self) -> str:
        kind = "Recording" if self._kind == "recording" else "Blueprint"
        return f'StoreId({kind}, "{self._application_id}", "{self._recording_id}")'

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoreEntry):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"StoreEntry(kind={self._kind!r}, application_id={self._application_id!r}, "
            f"recording_id={self._recording_id!r})"
        )
