"""The library reports through Python warnings of category RrflowWarning and prints nothing itself.

Only the command line tool (cpp/cli) writes to the terminal; the engine
reports problems to a handler (rrflow::Problem), which the bindings turn into
warnings.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Writing to the process's streams from C++, or through the interpreter's.
CPP_PRINTING = re.compile(r"std::(cout|cerr|clog)\b|\b(f?printf|puts|fputs|perror)\s*\(|PySys_(Write|Format)Std")


def _cpp_printing(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()
            if CPP_PRINTING.search(line) and not line.strip().startswith("//")]


def _python_printing(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            found.append(ast.unparse(node))
        elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr", "__stdout__", "__stderr__"):
            found.append(ast.unparse(node))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "warn"
              and not any(keyword.arg == "category" and ast.unparse(keyword.value).endswith("RrflowWarning")
                          for keyword in node.keywords)):
            found.append(ast.unparse(node))
    return found


def test_the_engine_and_bindings_print_nothing() -> None:
    found = {}
    for folder in ("cpp/src", "cpp/include", "cpp/bindings"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".cc", ".h") and (lines := _cpp_printing(path.read_text())):
                found[str(path.relative_to(ROOT))] = lines
    assert found == {}


def test_the_python_package_prints_nothing_and_warns_as_rrflow() -> None:
    found = {}
    for path in sorted((ROOT / "python" / "rrflow").glob("*.py")):
        if lines := _python_printing(path.read_text()):
            found[path.name] = lines
    assert found == {}


def test_the_scans_see_printing() -> None:
    assert _cpp_printing('  std::cerr << "x";\n  fprintf(stderr, "y");\n  // std::cout in a comment\n') == [
        'std::cerr << "x";', 'fprintf(stderr, "y");']
    assert _cpp_printing('std::snprintf(buffer, sizeof(buffer), "%d", n);') == []
    assert sorted(_python_printing("print('x')\nsys.stderr.write('y')\nwarnings.warn('z')\n"
                                   "warnings.warn('w', category=RrflowWarning)\n")) == [
        "print('x')", "sys.stderr", "warnings.warn('z')"]
