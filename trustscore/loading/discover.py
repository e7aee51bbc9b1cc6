"""Find the self-assessments a batch names: files, folders (walked), and glob patterns.

Walking never follows a symlink back into a folder already seen, never opens a FIFO or a
device, and reports what it passed over instead of silently dropping it.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trustscore.models.batch import Skipped

SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = frozenset("*?[")


@dataclass
class Discovered:
    """Files to score in a stable order, and what was passed over on the way.

    Paths are kept as text: a batch may name ten thousand files, and a ``Path`` object
    costs several times its string.
    """

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def discover(arguments: list[str]) -> Discovered:
    """Expand files, folders and globs, in argument order, each file once."""
    found = Discovered()
    seen_files: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key == path:
            key = path  # one string object for both, when the path is already canonical
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(path)

    for argument in arguments:
        path = Path(argument)
        if not path.exists() and not path.is_symlink() and _GLOB_CHARS & set(argument):
            # a user's pattern may be absolute, which Path.glob does not take
            matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207
            if not matches:
                found.skipped.append(Skipped(path=argument, reason="no file matches"))
            for match in matches:
                if Path(match).is_dir():
                    _walk(match, found, add)
                elif match.endswith(SUFFIXES):
                    add(match)
            continue
        if path.is_dir():
            _walk(argument, found, add)
        else:
            add(argument)  # named explicitly: the loader reports a missing or odd file itself
    return found


def _walk(top: str, found: Discovered, add: Callable[[str], None]) -> None:
    """Every YAML file under ``top``, symlinked folders followed once, in sorted order."""
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(top, followlinks=True):
        try:
            info = Path(folder).stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            found.skipped.append(Skipped(path=folder, reason="symlink loop: folder already "
                                         "visited"))
            dirs[:] = []
            continue
        visited.add(key)
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(SUFFIXES):
                continue
            path = os.path.join(folder, name)  # noqa: PTH118 - text, not Path: see Discovered
            try:
                mode = os.stat(path).st_mode  # noqa: PTH116
            except OSError:
                found.skipped.append(Skipped(path=path, reason="broken symlink"))
                continue
            if not stat.S_ISREG(mode):
                found.skipped.append(Skipped(path=path,
                                             reason="not a regular file (pipe, socket or "
                                             "device)"))
                continue
            add(path)
