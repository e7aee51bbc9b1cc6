"""Where a report goes: standard output, or ``--output`` written atomically and safely;
and the progress bar a long batch shows meanwhile.

Why this much care: an output path comes from a user (or a script) and may name anything.
A regular file is written to a temporary file beside it and renamed into place only when
the run succeeds, so a failed or interrupted run never leaves half a report, and keeps the
mode (and, where allowed, the owner) an existing file had; a new file gets the umask's mode,
as the shell's ``>`` would give it. Anything that is not a regular file (``/dev/null``, a
FIFO, a terminal) is written through, never replaced. The input files themselves are never
an output. Failed writes (a full disk, a file-size limit, a closed stream) are errors with a
message, and a reader that went away (``| head``) is a broken pipe, never a failed gate.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO

from trustscore.errors import BrokenOutput, OutputError, UsageError


def is_stdout(output: Path | str | None) -> bool:
    """True when the output goes to standard output: no ``--output``, or ``--output -``."""
    return output is None or str(output) == "-"


def _show(path: str) -> str:
    from trustscore.render.escaping import safe_text

    return safe_text(path)


def _umask_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


class OutputSink:
    """A text stream to standard output or to ``--output``; use it as a context manager.

    ``inputs`` are the files the run reads: an output that is one of them is refused.
    """

    def __init__(self, output: Path | str | None, inputs: Iterable[str | Path] = ()) -> None:
        self.output = None if is_stdout(output) else str(output)
        self._inputs = inputs
        self._tmp: Path | None = None
        self._target: Path | None = None
        self._handle: TextIO | None = None

    # ------------------------------------------------------------------ opening

    def __enter__(self) -> OutputSink:
        if self.output is None:
            return self
        if self.output == "":
            raise UsageError("--output needs a file name (or '-' for standard output)")
        name = Path(self.output).expanduser()
        try:
            st: os.stat_result | None = name.stat()
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise UsageError(f"cannot write --output {_show(self.output)}: "
                             f"{exc.strerror}") from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise UsageError(f"--output {_show(self.output)} is a directory; name a file")
        if st is not None and not stat.S_ISREG(st.st_mode):
            self._handle = self._open_through(name)
            return self
        if st is not None:
            self._refuse_inputs(st)
        self._target = name.resolve()
        self._handle = self._open_temporary(self._target, st)
        return self

    def _open_through(self, name: Path) -> TextIO:
        """A device, FIFO or terminal: write to it, as the shell's ``>`` would."""
        try:
            return name.open("w", encoding="utf-8", newline="\n")
        except OSError as exc:
            raise UsageError(f"cannot write --output {_show(self.output or '')}: "
                             f"{exc.strerror}") from None

    def _refuse_inputs(self, st: os.stat_result) -> None:
        for path in self._inputs:
            try:
                other = Path(path).stat()
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                raise UsageError(f"--output {_show(self.output or '')} is an input file of "
                                 "this run; write the report somewhere else")

    def _open_temporary(self, target: Path, st: os.stat_result | None) -> TextIO:
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                       suffix=".tmp")
            self._tmp = Path(tmp)
        except OSError as exc:
            raise UsageError(f"cannot write --output {_show(self.output or str(target))}: "
                             f"{exc.strerror}") from None
        try:
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else _umask_mode())
            if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):
                    os.fchown(fd, st.st_uid, st.st_gid)
            return os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        except BaseException:
            os.close(fd)
            self._discard()
            raise

    # ------------------------------------------------------------------ writing

    def write(self, text: str | bytes) -> None:
        """Append ``text`` (or the bytes of a binary document) to the output."""
        try:
            if isinstance(text, bytes):
                stream = self._handle if self._handle is not None else sys.stdout
                if self._handle is None and sys.stdout.isatty():
                    raise UsageError("a workbook is not for the terminal: pass --output "
                                     "FILE.xlsx")
                stream.flush()
                stream.buffer.write(text)
            elif self._handle is not None:
                self._handle.write(text)
            else:
                sys.stdout.write(text)
        except OSError as exc:
            raise self._failure(exc) from None

    def _failure(self, exc: OSError) -> Exception:
        if self._handle is None and exc.errno in (errno.EPIPE, errno.ECONNRESET):
            return BrokenOutput()
        where = "standard output" if self.output is None else f"--output {_show(self.output)}"
        reason = exc.strerror or str(exc)
        hint = {errno.ENOSPC: " (the disk is full)",
                errno.EFBIG: " (the file-size limit was reached)"}.get(exc.errno or 0, "")
        return OutputError(f"cannot write {where}: {reason}{hint}")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._handle is None:
            if error is None:
                try:
                    sys.stdout.flush()
                except OSError as exc:
                    raise self._failure(exc) from None
            return
        handle, self._handle = self._handle, None
        if error is not None:
            with contextlib.suppress(OSError):
                handle.close()
            self._discard()
            return
        try:
            handle.flush()
            if self._tmp is not None:
                os.fsync(handle.fileno())
            handle.close()
            if self._tmp is not None and self._target is not None:
                self._tmp.replace(self._target)
                self._tmp = None
        except OSError as exc:
            with contextlib.suppress(OSError):
                handle.close()
            self._discard()
            raise self._failure(exc) from None

    def _discard(self) -> None:
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.unlink()
            self._tmp = None


def write_output(pieces: str | Iterable[str | bytes], output: Path | str | None,
                 inputs: Iterable[str | Path] = ()) -> None:
    """Write a document (whole, or as pieces of a stream) to standard output or
    ``--output``; the file is in place only once the last piece is written."""
    with OutputSink(output, inputs) as sink:
        for piece in [pieces] if isinstance(pieces, str) else pieces:
            sink.write(piece)


PROGRESS_FROM = 50
"""Batches at least this large show a progress bar (on a terminal)."""


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for a large batch on a terminal (not with ``--quiet``);
    otherwise nothing."""
    from trustscore.cli.session import SESSION

    if total < PROGRESS_FROM or not sys.stderr.isatty() or SESSION.quiet:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scoring", total=total)
        yield lambda: bar.advance(task)
