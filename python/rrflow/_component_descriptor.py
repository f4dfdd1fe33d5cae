"""ComponentDescriptor, and the normalisation of arguments that name a component."""

from __future__ import annotations

from typing import Any

from . import _core


class ComponentDescriptor:
    """
    Names and describes a component column.

    ``component`` is the column's key within an entity (e.g. ``"Points3D:positions"``);
    ``archetype`` (e.g. ``"rerun.archetypes.Points3D"``) and ``component_type``
    (e.g. ``"rerun.components.Position3D"``) are optional semantics.
    """

    __slots__ = ("_internal",)

    def __init__(self, component: str, archetype: str | None = None, component_type: str | None = None) -> None:
        self._internal = _core.ComponentDescriptor(component, archetype, component_type)

    @classmethod
    def _from_internal(cls, internal: _core.ComponentDescriptor) -> ComponentDescriptor:
        descriptor = cls.__new__(cls)
        descriptor._internal = internal
        return descriptor

    @property
    def component(self) -> str:
        """The component identifier, unique within an entity."""
        return self._internal.component

    @property
    def archetype(self) -> str | None:
        """The archetype the component belongs to, if any."""
        return self._internal.archetype

    @property
    def component_type(self) -> str | None:
        """The semantic type of the data, if known."""
        return self._internal.component_type

    def with_overrides(self, archetype: str | None = None, component_type: str | None = None) -> ComponentDescriptor:
        """A copy with ``archetype`` and/or ``component_type`` replaced by the given values."""
        return ComponentDescriptor._from_internal(self._internal.with_overrides(archetype, component_type))

    def or_with_overrides(self, archetype: str | None = None, component_type: str | None = None) -> ComponentDescriptor:
        """A copy where only the missing ``archetype`` / ``component_type`` take the given values."""
        return ComponentDescriptor._from_internal(self._internal.or_with_overrides(archetype, component_type))

    def with_builtin_archetype(self, archetype: str) -> ComponentDescriptor:
        """
        A copy under ``archetype``, named the way builtin archetypes name theirs.

        The identifier becomes ``<short archetype name>:<field name>``: the
        archetype without its ``rerun.archetypes.`` prefix, then the component
        without its current archetype's prefix (``"Points3D:positions"`` under
        ``"rerun.archetypes.Points3D"`` has the field name ``positions``).
        """
        return ComponentDescriptor._from_internal(self._internal.with_builtin_archetype(archetype))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ComponentDescriptor):
            return NotImplemented
        return self._internal == other._internal

    def __hash__(self) -> int:
        return hash(self._internal)

    def __str__(self) -> str:
        return self.component

    def __repr__(self) -> str:
        return (
            f"ComponentDescriptor(component={self.component!r}, archetype={self.archetype!r}, "
            f"component_type={self.component_type!r})"
        )


def _core_descriptor(descriptor: ComponentDescriptor | str | Any) -> _core.ComponentDescriptor:
    """
    The engine's descriptor for an argument naming a component.

    An identifier string, one of ours, or any object with ``component``,
    ``archetype`` and ``component_type`` attributes (such as rerun-sdk's).
    """
    if isinstance(descriptor, ComponentDescriptor):
        return descriptor._internal
    if isinstance(descriptor, str):
        return _core.ComponentDescriptor(descriptor)
    return _core.ComponentDescriptor(descriptor.component, descriptor.archetype, descriptor.component_type)


def _component_identifier(component: ComponentDescriptor | str | Any) -> str:
    """The identifier of an argument naming a component: the string itself, or a descriptor's ``component``."""
    return component if isinstance(component, str) else component.component
