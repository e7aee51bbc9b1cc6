"""Help and option errors in trustscore's voice, whatever the typer release.

Why: typer 0.29 writes required arguments as ``{FILE}`` and every value as a Python type
(``<list[Path]>``, ``<int range>``), and lets pydantic word option errors ("Value error,
…", "Input should be …"); typer 0.26 uses click's plain ``FILE`` and "TEXT". Users read
help and errors before anything else, so they must read the same on every release the
project allows (``typer>=0.26,<0.30``): plain placeholders (the metavars the commands
give), and one error line ``trustscore score: error: …`` with a hint. Only typer's
display hooks are touched, each guarded, so a release without them is left as it is.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import typer
import typer.core

_TYPE_TAG = re.compile(r"^<[^<>]*>$")

_PYDANTIC_WORDS = (
    (re.compile(r"Value error, "), ""),
    (re.compile(r"Input should be a valid number, unable to parse string as a number"),
     "must be a number"),
    (re.compile(r"Input should be a valid integer, unable to parse string as an integer"),
     "must be a whole number"),
    (re.compile(r"Input should be a valid integer[^.]*"), "must be a whole number"),
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"must be at least \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"must be at most \1"),
    (re.compile(r"Input should be greater than (\S+)"), r"must be more than \1"),
    (re.compile(r"Input should be less than (\S+)"), r"must be less than \1"),
    (re.compile(r"Input should be (.*)"), r"must be \1"),
    (re.compile(r"is not a valid float range\.?"), "is not a number in the allowed range"),
    (re.compile(r"is not a valid (float|integer)( range)?\.?"), "is not a number"),
    (re.compile(r"\s*\[type=[^\]]*\]"), ""),
)


def plain_error(message: str) -> str:
    """An option-parser message without pydantic's or click's internals."""
    for pattern, replacement in _PYDANTIC_WORDS:
        message = pattern.sub(replacement, message)
    return message.strip()


def _plain_argument_type(self: Any, ctx: Any) -> str | None:
    """An argument with a metavar shows just it (``FILE``), never its Python type."""
    if getattr(self, "metavar", None) is not None:
        return None
    shown = _ARGUMENT_TYPE(self, ctx)
    return None if isinstance(shown, str) and _TYPE_TAG.match(shown) and "|" not in shown \
        else shown


def _plain_usage_name(self: Any) -> str:
    """``FILE`` and ``[FILE]`` in the usage line, as click writes them, not ``{FILE}``."""
    name = self.metavar if self.metavar is not None else str(self.name or "").upper()
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 and not name.endswith("...") else "")


_ARGUMENT_TYPE: Any = getattr(typer.core.TyperArgument, "display_type_rich", None)
if _ARGUMENT_TYPE is not None:
    typer.core.TyperArgument.display_type_rich = _plain_argument_type  # type: ignore[method-assign,unused-ignore]
if hasattr(typer.core.TyperArgument, "_usage_display_name"):
    typer.core.TyperArgument._usage_display_name = _plain_usage_name  # type: ignore[attr-defined,method-assign,unused-ignore]


def _speak(ctx: Any, exc: Exception) -> typer.Exit:
    """Print an option error in trustscore's voice and return the exit to raise."""
    from trustscore.render.escaping import safe_text

    path = getattr(ctx, "command_path", "trustscore")
    message = plain_error(str(getattr(exc, "format_message", lambda: str(exc))()))
    sys.stderr.write(f"{safe_text(path)}: error: {safe_text(message)}\n"
                     f"  hint: see '{safe_text(path)} --help'\n")
    return typer.Exit(2)


def _is_usage_error(exc: Exception) -> bool:
    return getattr(exc, "exit_code", None) == 2 and hasattr(exc, "format_message")


def _in_our_voice(ctx: Any, call: Any, *args: Any) -> Any:
    """Run a parsing step; a usage error from it is printed our way (exit 2)."""
    try:
        return call(*args)
    except Exception as exc:
        if not _is_usage_error(exc):
            raise
        raise _speak(ctx, exc) from None


class Command(typer.core.TyperCommand):
    """A command whose option errors are trustscore's own words (exit 2)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        result: list[str] = _in_our_voice(ctx, super().parse_args, ctx, args)
        return result


class Group(typer.core.TyperGroup):
    """The command group: an unknown command or option is reported the same way."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        result: list[str] = _in_our_voice(ctx, super().parse_args, ctx, args)
        return result

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        return _in_our_voice(ctx, super().resolve_command, ctx, args)
