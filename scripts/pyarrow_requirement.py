"""Build-time metadata provider (scikit-build-core ``[[tool.dynamic-metadata]]``).

The extension links the libarrow of the pyarrow it is built against, whose
soname changes with every major release; the wheel therefore requires that
major and no other. It reads the pyarrow of the interpreter running the build,
the one CMake finds too (cmake/ArrowFromPyarrow.cmake).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def dynamic_metadata(settings: Mapping[str, Any], project: Mapping[str, Any]) -> dict[str, list[str]]:
    if settings:
        raise ValueError(f"pyarrow_requirement takes no settings, got {sorted(settings)}")
    try:
        import pyarrow
    except ImportError as error:
        raise RuntimeError("building rrflow needs pyarrow in the build environment") from error
    major = int(pyarrow.__version__.split(".")[0])
    return {"dependencies": [f"pyarrow>={major},<{major + 1}"]}
