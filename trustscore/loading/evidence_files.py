"""Evidence bundles: the files an assessment's evidence items name, hashed where they lie.

Why here: reading files is I/O, which the engine never does. The engine gets, for every
path an item names, the hash of the bytes found there (or why none could be read) and
compares it with the hash the vendor declared.

A path is hostile input: it is read only when it stays inside the assessment's folder once
symbolic links are resolved, only when it is a regular file (a FIFO would block and a
device would never end), and without following it anywhere else.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from trustscore.models.assessment import Assessment
from trustscore.models.report import BundledFile

CHUNK = 1024 * 1024


def bundle_of(assessment: Assessment, source: Path | None) -> tuple[BundledFile, ...]:
    """Every distinct file the evidence names, in path order; ``source`` is the assessment
    file (None for standard input, where no folder is known)."""
    named = sorted({item.file for answer in assessment.answers.values()
                    for item in answer.evidence if item.file is not None})
    if not named:
        return ()
    if source is None:
        return tuple(BundledFile(file=name, sha256=None,
                                 problem="the assessment was read from standard input, so "
                                 "there is no folder to find it in") for name in named)
    folder = source.resolve().parent
    return tuple(_hashed(folder, name) for name in named)


def _hashed(folder: Path, name: str) -> BundledFile:
    target = folder / name
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return BundledFile(file=name, sha256=None, problem="no such file beside the assessment")
    if not real.is_relative_to(folder):
        return BundledFile(file=name, sha256=None,
                           problem="it leads outside the assessment's folder")
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        return BundledFile(file=name, sha256=None, problem=f"it cannot be read ({exc.strerror})")
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return BundledFile(file=name, sha256=None, problem="it is not a regular file")
        digest = hashlib.sha256()
        with os.fdopen(fd, "rb", closefd=False) as stream:
            while block := stream.read(CHUNK):
                digest.update(block)
    except OSError as exc:
        return BundledFile(file=name, sha256=None, problem=f"it cannot be read ({exc.strerror})")
    finally:
        os.close(fd)
    return BundledFile(file=name, sha256=digest.hexdigest())
