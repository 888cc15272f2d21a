"""Prints the dependencies declared in pyproject.toml (runtime + the given extras), one a line,
so the virtualenv is installed from the one place they are declared."""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path(__file__).resolve().parents[1].joinpath("pyproject.toml").read_text())[
    "project"
]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
