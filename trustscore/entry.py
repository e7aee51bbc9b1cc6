"""The console entry point: answers ``--version`` at once, otherwise starts the CLI.

Why a separate module: importing typer (and with it click and rich) costs ~100 ms, which
``trustscore --version`` should not pay. Everything else goes to :mod:`trustscore.cli`.
This is also the one place that turns what happens *around* a command into exit codes:
an unexpected exception (3), Ctrl-C (130), SIGTERM (143), a reader that went away (141),
and the standard streams set up so that no encoding or closed stream can crash a report.
"""

from __future__ import annotations

import io
import os
import sys

from trustscore import __version__

BUG_REPORT_URL = "https://github.com/trustscore/trustscore/issues"
EXIT_BROKEN_PIPE = 128 + 13
EXIT_INTERRUPTED = 128 + 2


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; an unexpected exception becomes exit code 3 with a short bug notice."""
    args = sys.argv[1:] if argv is None else argv
    _prepare_streams()
    if args in (["--version"], ["-V"]):
        from trustscore.loading.builtin import version_text

        sys.stdout.write(version_text(__version__))
        _finish(0)
    import signal

    from trustscore.errors import BrokenOutput, ExitCode, OutputError, Terminated

    parent = os.getpid()

    def terminate(signum: int, frame: object) -> None:
        if os.getpid() != parent:
            # a batch worker forked before it could set its own handlers: its parent is
            # ending it, and says so itself
            os._exit(128 + signum)
        raise Terminated(signum)

    # Ctrl-C too: click turns KeyboardInterrupt into "Aborted!" and exit 1 (a failed gate)
    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)
    try:
        from trustscore.cli.app import app

        app(args=args, prog_name="trustscore")
    except SystemExit as exc:
        _finish(exc.code)
    except BrokenOutput:
        _finish(EXIT_BROKEN_PIPE)
    except OutputError as exc:
        from trustscore.render.escaping import safe_text

        sys.stderr.write(f"trustscore: error: {safe_text(str(exc))}\n")
        _finish(ExitCode.INVALID_INPUT)
    except KeyboardInterrupt:
        _stop("interrupted", EXIT_INTERRUPTED)
    except Terminated as exc:
        _stop("interrupted" if exc.signum == signal.SIGINT else "terminated", 128 + exc.signum)
    except MemoryError:
        # not a bug: the process was given less memory than this run needs (ulimit -v)
        _stop("error: not enough memory for this run within the limit set for it; raise "
              "the limit, or score fewer or smaller files at once", ExitCode.INVALID_INPUT)
    except Exception as exc:  # the one place an unexpected error is turned into exit 3
        if os.environ.get("TRUSTSCORE_DEBUG"):
            raise
        from trustscore.render.escaping import safe_text

        sys.stderr.write(
            f"trustscore: internal error (this is a bug): {type(exc).__name__}: "
            f"{safe_text(str(exc))[:500]}\n"
            f"Please report it at {BUG_REPORT_URL} with the command you ran; "
            "set TRUSTSCORE_DEBUG=1 to see the traceback.\n")
        _finish(ExitCode.INTERNAL_ERROR)


def _prepare_streams() -> None:
    """Make the standard streams safe to write whatever the environment.

    Reports go out as UTF-8 when standard output is not a terminal (a file, a pipe), so
    ``> report.txt`` holds the same bytes as ``--output report.txt`` whatever
    ``PYTHONIOENCODING`` or the Windows code page says; on a terminal the terminal's own
    encoding is kept and a character it cannot show is replaced. Messages on stderr keep
    their encoding and escape what it cannot show. A closed stream (``>&-``) is replaced:
    a closed stderr loses only messages; writing a report to a closed stdout is an error.
    """
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123 - no pathlib: --version starts fast
    elif isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="backslashreplace")
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    elif isinstance(sys.stdout, io.TextIOWrapper):
        if sys.stdout.isatty():
            sys.stdout.reconfigure(errors="replace")
        else:
            sys.stdout.reconfigure(encoding="utf-8", errors="strict")


class _ClosedStdout(io.TextIOBase):
    """Standard output that was closed before we started: every write fails with EBADF."""

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _stop(what: str, code: int) -> None:
    """End at once after Ctrl-C or SIGTERM, once the unwinding has removed temporary files
    and ended the workers: the interpreter's exit hooks would join a process pool whose
    workers are gone, which can wait for ever."""
    try:
        sys.stderr.write(f"trustscore: {what}\n")
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


def _finish(code: object) -> None:
    """Flush standard output ourselves, so a broken pipe at exit is a status, not noise."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ConnectionResetError):
        _silence_stdout()
        raise SystemExit(EXIT_BROKEN_PIPE) from None
    except OSError:
        pass
    try:
        sys.stderr.flush()
    except OSError:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115, PTH123 - no pathlib: --version starts fast
    raise SystemExit(code)


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
