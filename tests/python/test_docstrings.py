"""Every public name of rrflow, and every public method and property of its classes, has a docstring of its own.

"Of its own" means written for it: one inherited from a base class (``object``,
``Protocol``) or made up by a decorator (``dataclass``'s ``Name(field, ...)``)
does not count.
"""

from __future__ import annotations

import importlib.metadata
import inspect
from typing import Any

import pytest

import rrflow


def _own_doc(value: Any) -> str | None:
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    doc = value.__doc__
    if inspect.isclass(value) and doc is not None and doc.startswith(value.__name__ + "("):
        return None  # dataclass's generated signature
    return doc.strip() if doc else None


def _public_members(cls: type) -> dict[str, Any]:
    members = {}
    for name, value in vars(cls).items():
        if name.startswith("_") or not (
            inspect.isfunction(value) or isinstance(value, (property, staticmethod, classmethod))
        ):
            continue
        members[name] = value
    return members


def _public_classes() -> list[type]:
    return [value for name in rrflow.__all__ if inspect.isclass(value := getattr(rrflow, name))]


def _missing_docstrings() -> list[str]:
    missing = []
    for name in rrflow.__all__:
        value = getattr(rrflow, name)
        if (inspect.isclass(value) or inspect.isfunction(value)) and _own_doc(value) is None:
            missing.append(name)
        if inspect.isclass(value):
            missing += [f"{name}.{member}" for member, attr in _public_members(value).items() if _own_doc(attr) is None]
    return missing


def test_every_public_name_has_a_docstring() -> None:
    assert _missing_docstrings() == []


def test_version_is_the_installed_distributions() -> None:
    assert rrflow.__version__ == importlib.metadata.version("rrflow")


def test_walk_covers_methods_properties_and_static_methods() -> None:
    members = {name for cls in _public_classes() for name in _public_members(cls)}
    assert {"to_record_batch", "entity_path", "from_chunks", "from_columns"} <= members


def test_walk_finds_a_missing_docstring(monkeypatch: pytest.MonkeyPatch) -> None:
    def undocumented(self: object) -> None:
        pass

    monkeypatch.setattr(rrflow.Chunk, "undocumented", undocumented, raising=False)
    monkeypatch.setattr(rrflow.McapSchemaInfo, "__doc__", "McapSchemaInfo(id: int, name: str)")
    assert _missing_docstrings() == ["Chunk.undocumented", "McapSchemaInfo"]
