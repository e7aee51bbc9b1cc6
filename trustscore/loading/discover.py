"""Find the self-assessments a batch names: files, folders (walked), and glob patterns.

Every file seen is scored, an error, or listed as skipped with the reason: walking never
follows a symlink back into a folder already seen, never opens a FIFO or a device, and
reports what it could not read (a folder without permission, a path longer than the
system allows) instead of silently dropping it. The walk is iterative (a tree thousands
of levels deep is walked, not a RecursionError), and glob patterns are matched on that
same walk, so ``**`` through symlinks to ``.`` ends.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trustscore.loading.names import shown as shown
from trustscore.models.batch import Skipped

SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = frozenset("*?[")


def is_yaml_name(name: str) -> bool:
    """``a.yaml``, ``B.YML``: the suffix in any case (Windows and macOS users write both)."""
    return name.lower().endswith(SUFFIXES)


@dataclass
class Discovered:
    """Files to score in a stable order, and what was passed over on the way.

    Paths are kept as text: a batch may name ten thousand files, and a ``Path`` object
    costs several times its string.
    """

    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append(Skipped(path=shown(path), reason=reason))


def discover(arguments: list[str]) -> Discovered:
    """Expand files, folders and globs, in argument order, each file once."""
    found = Discovered()
    seen_files: set[str] = set()

    def add(path: str) -> None:
        try:
            key = os.path.realpath(path)
        except (OSError, ValueError):
            key = path
        if key == path:
            key = path  # one string object for both, when the path is already canonical
        if key not in seen_files:
            seen_files.add(key)
            found.files.append(path)

    for argument in arguments:
        path = Path(argument)
        if not _exists(path) and _GLOB_CHARS & set(argument):
            before = len(found.files)
            _glob(argument, found, add)
            if len(found.files) == before:
                found.skip(argument, "no file matches")
            continue
        if path.is_dir():
            _walk(argument, found, add)
        else:
            add(argument)  # named explicitly: the loader reports a missing or odd file itself
    return found


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()
    except OSError:
        return False


def _glob(pattern: str, found: Discovered, add: Callable[[str], None]) -> None:
    """Files matching ``pattern`` (``**`` for any depth), or under a folder that matches.

    The part before the first wildcard is walked once, loops cut, and each path matched
    against the pattern: no expansion can run for ever through symlinked folders.
    """
    parts = pattern.split(os.sep)
    fixed = next(i for i, part in enumerate(parts) if _GLOB_CHARS & set(part))
    base = os.sep.join(parts[:fixed]) or ("." if not pattern.startswith(os.sep) else os.sep)
    if pattern.startswith(os.sep) and fixed == 1:
        base = os.sep
    if not os.path.isdir(base):
        return
    matcher = _compile(pattern)
    relative = base == "." and not pattern.startswith("." + os.sep)

    def name(path: str) -> str:  # "a.yaml", as a shell would expand "*.yaml"; not "./a.yaml"
        return path[2:] if relative and path.startswith("." + os.sep) else path

    def matches(path: str) -> bool:
        candidate = name(path)
        if matcher.match(candidate):
            return True
        folder = os.path.dirname(candidate)  # a file under a folder the pattern names
        while folder and folder not in (os.sep, "."):
            if matcher.match(folder):
                return True
            folder = os.path.dirname(folder)
        return False

    _walk(base, found, lambda path: add(name(path)), keep=matches, report_ignored=False)


def _compile(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression: ``**/`` any folders, ``*`` within one name."""
    out, i = [], 0
    sep = re.escape(os.sep)
    while i < len(pattern):
        if pattern.startswith("**" + os.sep, i):
            out.append(f"(?:.*{sep})?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append(f"[^{sep}]*")
            i += 1
        elif pattern[i] == "?":
            out.append(f"[^{sep}]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z", re.DOTALL)


def _walk(top: str, found: Discovered, add: Callable[[str], None],
          keep: Callable[[str], bool] | None = None, report_ignored: bool = True) -> None:
    """Every YAML file under ``top`` in sorted order, symlinked folders followed once.

    Iterative, with an explicit stack: depth is bounded by nothing but the tree.
    """
    visited: set[tuple[int, int]] = set()
    ignored = 0
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)  # text paths: see Discovered
            key = (info.st_dev, info.st_ino)
            if key in visited:
                found.skip(folder, "symlink loop: folder already visited")
                continue
            visited.add(key)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.skip(folder, _unreadable("folder", folder, exc))
            continue
        folders = []
        for entry in entries:
            path = entry.path
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(path)
                continue
            if not is_yaml_name(entry.name):
                if report_ignored:
                    ignored += 1
                continue
            if keep is not None and not keep(path):
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                found.skip(path, "broken symlink" if entry.is_symlink() and
                           exc.errno == errno.ENOENT else _unreadable("file", path, exc))
                continue
            if not stat.S_ISREG(mode):
                found.skip(path, "not a regular file (pipe, socket or device)")
                continue
            add(path)
        stack.extend(reversed(folders))
    if ignored:
        found.skip(top, f"{ignored} file{'s' if ignored != 1 else ''} without a .yaml or "
                   ".yml suffix not read")


def _unreadable(what: str, path: str, exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return (f"{what} path is longer than the system allows ({len(os.fsencode(path)):,} "
                "bytes); move it higher up")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"cannot read the {what}: permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return f"cannot read the {what}: {exc.strerror or exc}"
