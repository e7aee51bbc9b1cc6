"""The console entry point: answers ``--version`` at once, otherwise starts the CLI.

Why a separate module: importing typer (and with it click and rich) costs ~100 ms, which
``trustscore --version`` should not pay. Everything else goes to :mod:`trustscore.cli`.
"""

from __future__ import annotations

import sys

from trustscore import __version__

BUG_REPORT_URL = "https://github.com/trustscore/trustscore/issues"


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; an unexpected exception becomes exit code 3 with a short bug notice."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        sys.stdout.write(f"trustscore {__version__}\n")
        raise SystemExit(0)
    import os

    from trustscore.errors import ExitCode

    try:
        from trustscore.cli import app

        app(args=args, prog_name="trustscore")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("trustscore: interrupted\n")
        raise SystemExit(130) from None
    except Exception as exc:  # the one place an unexpected error is turned into exit 3
        if os.environ.get("TRUSTSCORE_DEBUG"):
            raise
        from trustscore.render.safe_text import safe_text

        sys.stderr.write(
            f"trustscore: internal error (this is a bug): {type(exc).__name__}: "
            f"{safe_text(str(exc))[:500]}\n"
            f"Please report it at {BUG_REPORT_URL} with the command you ran; "
            "set TRUSTSCORE_DEBUG=1 to see the traceback.\n")
        raise SystemExit(ExitCode.INTERNAL_ERROR) from None
