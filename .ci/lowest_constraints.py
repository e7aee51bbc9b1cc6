"""Print a pip constraints file pinning every direct dependency to its lowest allowed version.

Why: pyproject.toml promises that these lower bounds work. pip has no "lowest" resolution,
so CI pins each lower bound (``>=X`` becomes ``==X``) and lets everything else resolve;
if a bound no longer works, that job fails by name and the bound is raised.
Usage: python .ci/lowest_constraints.py EXTRA... > lowest.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
requirements = list(project["dependencies"])
for extra in sys.argv[1:]:
    requirements += project["optional-dependencies"][extra]
for requirement in requirements:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*([^;]*)", requirement)
    if match is None:
        raise SystemExit(f"cannot read the requirement {requirement!r}")
    name, spec = match.groups()
    lower = re.search(r">=\s*([^,\s]+)", spec)
    if lower is None:
        raise SystemExit(f"{name} has no lower bound in pyproject.toml: give it one")
    print(f"{name}=={lower.group(1)}")
