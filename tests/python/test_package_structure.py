"""The modules of the rrflow package import one another without cycles.

Every import of a package module counts, wherever it is written: at the top,
inside a function (deferred) or under ``if TYPE_CHECKING:``. A cycle hidden by
either trick is still a cycle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "python" / "rrflow"
PACKAGE_NAME = "rrflow"
PACKAGE_INIT = "__init__"
# Compiled modules of the package: they import nothing of it.
EXTENSION_MODULES = {"_core"}


def _imported_modules(path: Path, modules: set[str]) -> set[str]:
    """The package modules `path` imports, as module names (``__init__`` for the package itself)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            if node.level > 1:
                raise AssertionError(f"{path.name}: import from outside the package: {ast.unparse(node)}")
            if node.level == 1:
                parts = node.module.split(".") if node.module else []
            elif node.module and node.module.split(".")[0] == PACKAGE_NAME:
                parts = node.module.split(".")[1:]
            else:
                continue
            if parts:
                found.add(parts[0])
            else:  # `from . import a, b`: submodules, or names the package itself defines
                for alias in node.names:
                    if alias.name not in EXTENSION_MODULES:
                        found.add(alias.name if alias.name in modules else PACKAGE_INIT)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == PACKAGE_NAME:
                    found.add(parts[1] if len(parts) > 1 else PACKAGE_INIT)
    return {name for name in found if name in modules}


def _import_graph() -> dict[str, set[str]]:
    paths = {path.stem: path for path in PACKAGE.glob("*.py")}
    return {name: _imported_modules(path, set(paths)) - {name} for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that is on any, found by depth-first search."""
    cycles: list[list[str]] = []
    state: dict[str, str] = {}  # "active" while on the search path, then "done"
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = "active"
        path.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "active":
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return cycles


def test_graph_sees_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "_a.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import _core, _b\n"
        "from . import ChunkStore\n"
        "if TYPE_CHECKING:\n"
        "    from ._c import C\n"
        "def f():\n"
        "    from ._d import D\n"
        "    import rrflow._e\n"
        "    import rrflow\n"
    )
    modules = {"_a", "_b", "_c", "_d", "_e", "__init__"}
    assert _imported_modules(module, modules) == {"_b", "_c", "_d", "_e", "__init__"}


def test_cycles_are_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_package_modules_import_without_cycles() -> None:
    graph = _import_graph()
    assert "_lazy_chunk_stream" in graph
    assert _cycles(graph) == []


def test_the_version_is_the_projects() -> None:
    import tomllib

    import rrflow

    project = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text())["project"]
    assert rrflow.__version__ == project["version"]
