"""Print the build-system and test requirements of pyproject.toml, one per line.

The development environment pins one pyarrow, the oldest supported, for
reproducible builds; with --newest-pyarrow the build requirement's range is
printed instead, so that pip installs the newest pyarrow rrflow supports.
"""

import sys
import tomllib
from pathlib import Path

DEVELOPMENT_PYARROW = "pyarrow==22.0.0"

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
requirements = list(project["build-system"]["requires"])
if "--newest-pyarrow" not in sys.argv[1:]:
    requirements = [DEVELOPMENT_PYARROW if r.startswith("pyarrow") else r for r in requirements]
requirements += project["project"]["optional-dependencies"]["test"]
print("\n".join(f"'{r}'" for r in requirements))
