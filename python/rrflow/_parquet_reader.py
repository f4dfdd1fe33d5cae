from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import _core
from ._lazy_chunk_stream import LazyChunkStream

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class ColumnRule:
    """
    Packs sibling columns, found by their name suffixes, into one typed component.

    Rules apply within each column group (``prefix`` grouping, and the groups of
    ``explicit_prefixes``); with ``individual`` grouping they match whole column
    names. The first rule to claim a column wins. Prefer the classmethods, which
    check the number of suffixes.

    Parameters
    ----------
    suffixes:
        Column-name suffixes, in the order their values are packed (``_pos_x``
        matches ``arm_pos_x``; a leading ``_`` marks a word boundary).
    target:
        ``"Translation3D"``, ``"RotationQuat"``, ``"RotationAxisAngle"``,
        ``"Scale3D"``, ``"Scalars"`` or ``"Transform"``.
    names:
        Series names, one per suffix (``Scalars`` only).
    field_name_override:
        The output's field name, instead of the one derived from the suffixes.
    rotation_suffixes:
        The four rotation suffixes of a ``Transform`` (whose ``suffixes`` are
        the three translation ones).

    """

    suffixes: list[str]
    target: str
    names: list[str] | None = None
    field_name_override: str | None = None
    rotation_suffixes: list[str] | None = None

    @classmethod
    def translation3d(cls, suffixes: list[str], *, field_name_override: str | None = None) -> ColumnRule:
        """Three columns (x, y, z) as a ``Transform3D:translation``."""
        if len(suffixes) != 3:
            raise ValueError("Translation3D requires exactly 3 suffixes")
        return cls(suffixes, "Translation3D", field_name_override=field_name_override)

    @classmethod
    def rotation_quat(cls, suffixes: list[str], *, field_name_override: str | None = None) -> ColumnRule:
        """Four columns (x, y, z, w) as a ``Transform3D:quaternion``."""
        if len(suffixes) != 4:
            raise ValueError("RotationQuat requires exactly 4 suffixes")
        return cls(suffixes, "RotationQuat", field_name_override=field_name_override)

    @classmethod
    def rotation_axis_angle(cls, suffixes: list[str], *, field_name_override: str | None = None) -> ColumnRule:
        """Three axis columns and an angle column as a ``Transform3D:rotation_axis_angle``."""
        if len(suffixes) != 4:
            raise ValueError("RotationAxisAngle requires exactly 4 suffixes (3 axis + 1 angle)")
        return cls(suffixes, "RotationAxisAngle", field_name_override=field_name_override)

    @classmethod
    def scale3d(cls, suffixes: list[str], *, field_name_override: str | None = None) -> ColumnRule:
        """Three columns (x, y, z) as a ``Transform3D:scale``."""
        if len(suffixes) != 3:
            raise ValueError("Scale3D requires exactly 3 suffixes")
        return cls(suffixes, "Scale3D", field_name_override=field_name_override)

    @classmethod
    def scalars(
        cls, suffixes: list[str], *, names: list[str], field_name_override: str | None = None
    ) -> ColumnRule:
        """Any number of columns as one row of ``Scalars:scalars``, with their series names."""
        if len(suffixes) != len(names):
            raise ValueError("suffixes and names must have the same length")
        return cls(suffixes, "Scalars", names=names, field_name_override=field_name_override)

    @classmethod
    def transform(
        cls,
        translation_suffixes: list[str],
        rotation_suffixes: list[str],
        *,
        field_name_override: str | None = None,
    ) -> ColumnRule:
        """A translation (3 columns) and a quaternion (4 columns) paired by their common stem."""
        if len(translation_suffixes) != 3:
            raise ValueError("Transform requires exactly 3 translation suffixes")
        if len(rotation_suffixes) != 4:
            raise ValueError("Transform requires exactly 4 rotation suffixes")
        return cls(
            translation_suffixes,
            "Transform",
            field_name_override=field_name_override,
            rotation_suffixes=rotation_suffixes,
        )


class ParquetReader:
    """
    Read a Parquet file as a stream of chunks.

    Columns are grouped into entities: with ``"prefix"`` grouping a column
    ``camera_rgb`` becomes component ``rgb`` of entity ``/camera`` (several
    components of one entity are packed into one struct component ``data``
    unless ``use_structs=False``); with ``"individual"`` grouping every column
    is its own entity; with ``"explicit_prefixes"`` the given prefixes form the
    entities. Rows come in chunks of 1024, sorted by the index columns (or
    numbered on a ``row_index`` timeline when there are none). The file's
    key/value metadata comes first, at ``/__properties``.

    Parameters
    ----------
    path:
        The Parquet file.
    entity_path_prefix:
        Entity path under which all entities are placed (default: the root).
    column_grouping:
        ``"prefix"``, ``"individual"`` or ``"explicit_prefixes"``.
    delimiter:
        The character that ends a prefix (``"prefix"`` grouping).
    prefixes:
        The prefixes of ``"explicit_prefixes"`` grouping (only valid with it).
    use_structs:
        Pack the components of one entity into a struct component ``data``.
    static_columns:
        Columns with one value for the whole file, emitted once as a static
        chunk at ``entity_path_prefix`` (names not in the file are ignored).
    index_columns:
        ``(name, type)`` or ``(name, type, unit)`` tuples: the columns that become
        timelines. ``type`` is ``"timestamp"``, ``"duration"`` or ``"sequence"``;
        ``unit`` (``"ns"`` by default, ``"us"``, ``"ms"`` or ``"s"``) is that of the
        stored numbers.
    column_rules:
        :class:`ColumnRule` s that pack sibling columns into typed components.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If an option is invalid. Problems with the file's contents raise
        ``RuntimeError`` when the stream runs.

    """

    __slots__ = ("_internal", "_path")

    def __init__(
        self,
        path: str | Path,
        *,
        entity_path_prefix: str | None = None,
        column_grouping: str = "prefix",
        delimiter: str = "_",
        prefixes: list[str] | None = None,
        use_structs: bool = True,
        static_columns: list[str] | None = None,
        index_columns: list[tuple[str, str] | tuple[str, str, str]] | None = None,
        column_rules: list[ColumnRule] | None = None,
    ) -> None:
        if not isinstance(use_structs, bool):
            raise TypeError(f"argument 'use_structs': '{type(use_structs).__name__}' object cannot be converted to 'PyBool'")
        for name, value in (("prefixes", prefixes), ("static_columns", static_columns)):
            if isinstance(value, str):
                raise TypeError(f"argument '{name}': Can't extract `str` to `Vec`")
        self._path = Path(path)
        self._internal = _core.ParquetReader(
            str(path),
            entity_path_prefix,
            column_grouping,
            delimiter,
            _strings(prefixes),
            use_structs,
            _strings(static_columns) or [],
            [(c[0], c[1], c[2] if len(c) > 2 else None) for c in index_columns or []],
            [_rule_fields(rule) for rule in column_rules or []],
        )

    @property
    def path(self) -> Path:
        """The file's path."""
        return self._path

    def stream(self) -> LazyChunkStream:
        """A lazy stream over the file's chunks, read anew at every run."""
        return LazyChunkStream(self._internal.stream(), f"{self!r}.stream()")

    def __repr__(self) -> str:
        return f"ParquetReader({self._path})"


def _strings(values: Sequence[str] | None) -> list[str] | None:
    return None if values is None else list(values)


def _rule_fields(rule: ColumnRule) -> tuple[list[str], str, list[str] | None, str | None, list[str] | None]:
    return (
        list(rule.suffixes),
        rule.target,
        _strings(rule.names),
        rule.field_name_override,
        _strings(rule.rotation_suffixes),
    )
