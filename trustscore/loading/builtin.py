"""Find the rubrics shipped with trustscore.

In an installed wheel they live in ``trustscore/rubrics``; in a source checkout they live
in the repository's top-level ``rubrics/`` (where people find and edit them). Both are
looked up by explicit path, never by scanning entry points.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def rubric_dirs() -> list[Path]:
    """Where built-in rubrics may be, installed location first."""
    return [_PACKAGE_DIR / "rubrics", _PACKAGE_DIR.parent / "rubrics"]


def builtin_rubrics() -> dict[str, Path]:
    """Built-in rubric ids (file stems) and their files, sorted by id."""
    for folder in rubric_dirs():
        if folder.is_dir():
            found = {p.stem: p for p in folder.glob("*.yaml") if p.is_file()}
            if found:
                return dict(sorted(found.items()))
    return {}


def is_path_like(ref: str) -> bool:
    """A ``--rubric`` value names a file if it looks like one; otherwise it is an id."""
    return "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))
