# ruff: noqa: PTH112, PTH113, PTH118, PTH120, PTH123, PTH208
"""Find the rubrics shipped with trustscore.

In an installed wheel they live in ``trustscore/rubrics``; in a source checkout they live
in the repository's top-level ``rubrics/`` (where people find and edit them). Both are
looked up by explicit path, never by scanning entry points.

Only ``os`` at import (hence os.path, not pathlib): ``trustscore --version`` reads the
rubrics' versions through this module before anything else is imported, and pathlib and
re would double its start-up.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def _rubric_folders() -> list[str]:
    """Where built-in rubrics may be, installed location first."""
    return [os.path.join(_PACKAGE_DIR, "rubrics"),
            os.path.join(os.path.dirname(_PACKAGE_DIR), "rubrics")]


def _builtin_files() -> dict[str, str]:
    """Rubric id (file stem) → file, from the first folder that has any, sorted by id."""
    for folder in _rubric_folders():
        if os.path.isdir(folder):
            found = {name[:-len(".yaml")]: os.path.join(folder, name)
                     for name in os.listdir(folder)
                     if name.endswith(".yaml") and os.path.isfile(os.path.join(folder, name))}
            if found:
                return dict(sorted(found.items()))
    return {}


def builtin_rubrics() -> dict[str, Path]:
    """Built-in rubric ids (file stems) and their files, sorted by id."""
    from pathlib import Path

    return {rid: Path(path) for rid, path in _builtin_files().items()}


def is_path_like(ref: str) -> bool:
    """A ``--rubric`` value names a file if it looks like one; otherwise it is an id."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def rubric_versions() -> list[tuple[str, str]]:
    """(id, version) of each built-in rubric, from its top-level ``id:`` and ``version:``
    lines, not a YAML parse (``--version`` must not import one); a test holds this to the
    loaded rubrics."""
    found = []
    for stem, path in _builtin_files().items():
        head: dict[str, str] = {}
        with open(path, encoding="utf-8") as stream:
            for _, line in zip(range(64), stream, strict=False):
                key, sep, value = line.partition(":")
                if sep and key in ("id", "version"):
                    head[key] = value.split("#", 1)[0].strip().strip("'\"")
        found.append((head.get("id", stem), head.get("version", "?")))
    return found


def version_text(tool_version: str) -> str:
    """What ``trustscore --version`` prints: the tool's version and each built-in rubric's
    (a score is reproduced only with both)."""
    rubrics = ", ".join(f"{rid}@{version}" for rid, version in rubric_versions())
    return f"trustscore {tool_version}\nrubrics: {rubrics or 'none found'}\n"
