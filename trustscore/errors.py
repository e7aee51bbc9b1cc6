"""The problem record and error types shared by every layer.

One record type serves YAML syntax errors, schema errors and cross-reference errors alike
(the yamllint way), so the CLI prints them all the same way: ``file:line:col: message``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class ExitCode(enum.IntEnum):
    """The process exit codes: part of the command-line contract, documented in the README."""

    OK = 0
    GATE_FAILED = 1
    INVALID_INPUT = 2
    INTERNAL_ERROR = 3


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input file, positioned where the user can fix it.

    ``line`` and ``column`` are 1-based; 0 means "no position" (for example an
    unreadable file). Ordering sorts by file, then position, so problems print in
    reading order.
    """

    file: str
    line: int
    column: int
    message: str
    hint: str = field(default="", compare=False)

    def location(self) -> str:
        """``file:line:col`` (or just ``file`` when there is no position)."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class PathProblem:
    """A problem found on parsed data, before it is given a position.

    Checks on models know a value's path (``("answers", "SEC-01", "value")``) but not
    its line; the loading layer turns paths into positions.
    """

    path: tuple[str | int, ...]
    message: str
    hint: str = ""
    at_key: bool = False
    """Point at the key of ``path`` rather than its value (unknown or duplicate keys)."""


class InputError(Exception):
    """Raised for input the user must fix: exit code 2, never a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.location()}: {p.message}" for p in problems))
        self.problems = sorted(problems)


class UsageError(Exception):
    """A command-line option that cannot be honoured (unknown profile, bad grade): exit 2."""


class OutputError(Exception):
    """The report could not be written (full disk, size limit, closed stream): exit 2."""


class BrokenOutput(Exception):
    """The reader of standard output went away (``| head``): end quietly, status 141."""


class Terminated(BaseException):
    """SIGTERM or SIGINT arrived: unwind, so temporary files go and workers are ended.

    A BaseException, as KeyboardInterrupt is, so no ``except Exception`` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
