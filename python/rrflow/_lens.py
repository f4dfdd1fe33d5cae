from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from . import _core
from ._component_descriptor import _core_descriptor
from ._selector import Selector, _as_selector

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._component_descriptor import ComponentDescriptor


class DeriveLens:
    """
    Creates new component columns (and optionally timelines) from one input component.

    Each output runs a :class:`Selector` on every row of the input column.
    Without ``output_entity`` the outputs join the input's chunk (or form a
    chunk of their own at the same entity when the lens scatters or adds
    timelines); with it they form a chunk at that entity. With
    ``scatter=True`` every element of an output row becomes a row of its own,
    the timelines repeated to match.

    Example::

        DeriveLens("Imu:accel").to_component("Scalars:scalars", ".x")
        DeriveLens("Imu:accel", output_entity="/imu/x").to_component("Scalars:scalars", ".x")

    The builder methods return new lenses; a lens is never modified.
    """

    __slots__ = ("_internal",)

    def __init__(self, input_component: str, *, output_entity: str | None = None, scatter: bool = False) -> None:
        """
        Start a lens reading ``input_component`` (an identifier such as ``"Imu:accel"``).

        ``output_entity`` is parsed leniently (``"out"`` means ``/out``). Whether
        the lens has outputs, and does not write its own input, is checked when
        it is applied.
        """
        self._internal = _core.DeriveLens(input_component, output_entity, scatter)

    @classmethod
    def _from_internal(cls, internal: _core.DeriveLens) -> DeriveLens:
        lens = cls.__new__(cls)
        lens._internal = internal
        return lens

    def to_component(self, component: ComponentDescriptor | str, selector: Selector | str) -> DeriveLens:
        """
        A lens that also writes ``component`` from ``selector``'s per-row result.

        ``component`` is a descriptor (kept as given) or an identifier string.
        A string ``selector`` is parsed now (``ValueError`` if it does not parse).
        """
        return DeriveLens._from_internal(
            self._internal.to_component(_core_descriptor(component), _as_selector(selector)._internal)
        )

    def to_timeline(
        self,
        timeline_name: str,
        timeline_type: Literal["sequence", "duration_ns", "timestamp_ns"],
        selector: Selector | str,
    ) -> DeriveLens:
        """
        A lens that also writes the timeline ``timeline_name`` from ``selector``.

        The selector must give exactly one non-null Int64 per output row. The
        lens's chunk then comes out sorted by time with fresh row ids; a
        timeline of the same name as one of the source's replaces it.

        Raises
        ------
        ValueError
            If ``timeline_type`` is not ``"sequence"``, ``"duration_ns"`` or
            ``"timestamp_ns"``, or a string ``selector`` does not parse.

        """
        return DeriveLens._from_internal(
            self._internal.to_timeline(timeline_name, timeline_type, _as_selector(selector)._internal)
        )


class MutateLens:
    """
    Replaces one component column in place by a :class:`Selector`'s per-row result.

    The column keeps its descriptor (its data type may change); an absent
    result removes the column. The chunk gets fresh row ids (rows sorted by
    time) unless ``keep_row_ids=True``.

    Example::

        MutateLens("Imu:accel", ".x")
    """

    __slots__ = ("_internal",)

    def __init__(self, input_component: str, selector: Selector | str, *, keep_row_ids: bool = False) -> None:
        """Create the lens; a string ``selector`` is parsed now (``ValueError`` if it does not parse)."""
        self._internal = _core.MutateLens(input_component, _as_selector(selector)._internal, keep_row_ids)


Lens = DeriveLens | MutateLens
"""Either kind of lens."""


def _internal_lenses(lenses: Sequence[Lens] | Lens) -> list[object]:
    if isinstance(lenses, (DeriveLens, MutateLens)):
        return [lenses._internal]
    return [lens._internal for lens in lenses]
