from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from . import _core


class IndexColumnDescriptor:
    """A timeline column of a store's schema."""

    __slots__ = ("_kind", "_name")

    def __init__(self, name: str, kind: str) -> None:
        self._name = name
        self._kind = kind

    @property
    def name(self) -> str:
        """The timeline's name."""
        return self._name

    @property
    def is_static(self) -> bool:
        """Always False: timelines are never static."""
        return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IndexColumnDescriptor):
            return NotImplemented
        return (self._name, self._kind) == (other._name, other._kind)

    def __hash__(self) -> int:
        return hash((self._name, self._kind))

    def __repr__(self) -> str:
        return f"Index(timeline:{self._name})"


class ComponentColumnDescriptor:
    """A component column of one entity in a store's schema."""

    __slots__ = ("_archetype", "_component", "_component_type", "_entity_path", "_is_property", "_is_static", "_name")

    def __init__(
        self,
        entity_path: str,
        archetype: str | None,
        component: str,
        component_type: str | None,
        is_static: bool,
        is_property: bool,
        name: str,
    ) -> None:
        self._entity_path = entity_path
        self._archetype = archetype
        self._component = component
        self._component_type = component_type
        self._is_static = is_static
        self._is_property = is_property
        self._name = name

    @property
    def entity_path(self) -> str:
        """The entity the column belongs to."""
        return self._entity_path

    @property
    def archetype(self) -> str | None:
        """The archetype of the component, if any."""
        return self._archetype

    @property
    def component(self) -> str:
        """The component identifier, e.g. ``Points3D:positions``."""
        return self._component

    @property
    def component_type(self) -> str | None:
        """The semantic type of the component, if known."""
        return self._component_type

    @property
    def is_static(self) -> bool:
        """True if any chunk held this column as static data."""
        return self._is_static

    @property
    def is_property(self) -> bool:
        """True for recording properties (entities under ``/__properties``)."""
        return self._is_property

    @property
    def name(self) -> str:
        """The column's dataframe name, ``<entity_path>:<component>`` (``property:...`` for properties)."""
        return self._name

    def _key(self) -> tuple[Any, ...]:
        return (self._entity_path, self._archetype, self._component, self._component_type, self._is_static)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ComponentColumnDescriptor):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        lines = [
            f"Column name: {self._name}",
            f"\tEntity path: {self._entity_path}",
            f"\tArchetype: {self._archetype}",
            f"\tComponent type: {self._component_type or ''}",
            f"\tComponent: {self._component}",
        ]
        if self._is_static:
            lines.append("\tStatic: true")
        return "\n".join(lines)


class Schema:
    """The columns of a store: index (timeline) columns, then component columns."""

    __slots__ = ("_internal",)

    def __init__(self, internal: _core.StoreSchema) -> None:
        self._internal = internal

    def index_columns(self) -> list[IndexColumnDescriptor]:
        """The timeline columns, sorted by name."""
        return [IndexColumnDescriptor(name, kind) for name, kind in self._internal.index_columns()]

    def component_columns(self) -> list[ComponentColumnDescriptor]:
        """The component columns, sorted by entity path then descriptor."""
        return [ComponentColumnDescriptor(*column) for column in self._internal.component_columns()]

    def __iter__(self) -> Iterator[IndexColumnDescriptor | ComponentColumnDescriptor]:
        return itertools.chain(self.index_columns(), self.component_columns())

    def entity_paths(self, *, include_properties: bool = False) -> list[str]:
        """The distinct entity paths, sorted; properties only on request."""
        return sorted(
            {c.entity_path for c in self.component_columns() if include_properties or not c.is_property}
        )

    def archetypes(self, *, include_properties: bool = False) -> list[str]:
        """The distinct archetypes, sorted."""
        found = {c.archetype for c in self.component_columns() if include_properties or not c.is_property}
        return sorted(a for a in found if a is not None)

    def component_types(self, *, include_properties: bool = False) -> list[str]:
        """The distinct component types, sorted."""
        found = {c.component_type for c in self.component_columns() if include_properties or not c.is_property}
        return sorted(t for t in found if t is not None)

    def column_for(self, entity_path: str, component: str) -> ComponentColumnDescriptor | None:
        """The column of ``component`` (an identifier) at ``entity_path``, or None."""
        for column in self.component_columns():
            if column.entity_path == entity_path and column.component == component:
                return column
        return None

    def column_for_selector(self, selector: str | ComponentColumnDescriptor) -> ComponentColumnDescriptor:
        """
        The column named by ``"<entity_path>:<component>"``.

        Raises
        ------
        LookupError
            If there is no such column.
        ValueError
            If the selector has no ``:``.

        """
        if isinstance(selector, ComponentColumnDescriptor):
            return selector
        if not isinstance(selector, str):
            raise ValueError(f"Unsupported selector type: {type(selector).__name__}")
        entity_path, separator, component = selector.partition(":")
        if not separator:
            raise ValueError(f"Invalid column selector {selector!r}: expected '<entity_path>:<component>'")
        column = self.column_for(entity_path, component)
        if column is None:
            raise LookupError(f"Column not found: {selector}")
        return column

    def columns_for(
        self,
        *,
        entity_path: str | None = None,
        archetype: str | type | None = None,
        component_type: str | None = None,
        include_properties: bool = False,
    ) -> list[ComponentColumnDescriptor]:
        """The component columns matching every criterion given (archetype: full or short name)."""
        if isinstance(archetype, type):  # an archetype class of rerun-sdk
            archetype = str(archetype.archetype())  # type: ignore[attr-defined]
        return [
            c
            for c in self.component_columns()
            if (include_properties or not c.is_property)
            and (entity_path is None or c.entity_path == entity_path)
            and (archetype is None or _archetype_matches(c.archetype, archetype))
            and (component_type is None or c.component_type == component_type)
        ]

    def column_names_for(self, **criteria: Any) -> list[str]:
        """The names of :meth:`columns_for`'s columns."""
        return [c.name for c in self.columns_for(**criteria)]

    def column_names(self) -> list[str]:
        """Every column name: index columns first."""
        return [c.name for c in self]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Schema):
            return NotImplemented
        return self._internal == other._internal

    def __hash__(self) -> None:  # type: ignore[override]
        raise TypeError("Schema is not hashable")

    def __arrow_c_schema__(self) -> Any:
        """The dataframe schema through the Arrow PyCapsule interface."""
        return self._internal.__arrow_c_schema__()

    def __repr__(self) -> str:
        return repr(self._internal)


def _archetype_matches(column_archetype: str | None, wanted: str) -> bool:
    if column_archetype is None:
        return False
    if "." in wanted:
        return column_archetype == wanted
    return column_archetype.rsplit(".", 1)[-1] == wanted
