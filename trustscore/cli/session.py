"""What the root options (``--color``, ``--quiet``) set for the whole run.

Why module state: the renderer options and the stderr messages are decided in many
commands, far from the root callback; one small record, reset at the start of every
invocation (so tests that run many in one process do not leak), beats threading a
context through every call.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ColorChoice(enum.StrEnum):
    """``--color``: auto follows the terminal, NO_COLOR and FORCE_COLOR."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@dataclass
class Session:
    """The run's root options."""

    color: ColorChoice = ColorChoice.AUTO
    quiet: bool = False
    """Only errors, failed gates, regressions and alerts on stderr: no notes, warnings or
    progress bar."""


SESSION = Session()


def start(color: ColorChoice, quiet: bool) -> None:
    """Set the run's root options (the root callback, once per invocation)."""
    SESSION.color = color
    SESSION.quiet = quiet
