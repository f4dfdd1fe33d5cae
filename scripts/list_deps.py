"""Print the build-system and test requirements of pyproject.toml, one per line."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
requirements = list(project["build-system"]["requires"])
requirements += project["project"]["dependencies"]
requirements += project["project"]["optional-dependencies"]["test"]
print("\n".join(f"'{r}'" for r in requirements))
