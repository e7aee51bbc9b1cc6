"""One way to build a rich console for rendering to a string, shared by terminal renderers."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, RenderableType

from trustscore.render.options import RenderOptions


def render_to_string(parts: Iterable[RenderableType], options: RenderOptions) -> str:
    """Print ``parts`` to a string with ``options``' width and colour.

    Markup, emoji codes and highlighting are off: renderers build ``Text`` objects from
    escaped input, so nothing in a file can style or link the terminal. Without colour,
    rich's padding to the full width is trimmed, for pipes and files.
    """
    out = io.StringIO()
    console = Console(file=out, width=options.width, force_terminal=options.color,
                      color_system="standard" if options.color else None,
                      no_color=not options.color, emoji=False, highlight=False,
                      markup=False, legacy_windows=False, soft_wrap=False)
    for part in parts:
        console.print(part)
    text = out.getvalue()
    if not options.color:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    return text
