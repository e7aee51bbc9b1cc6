"""What a renderer is asked for: the format, and how to lay it out (decided by the CLI).

A leaf module (it imports nothing of trustscore), so every renderer and the CLI can share
it without importing each other.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Format(enum.StrEnum):
    """Every output format trustscore writes."""

    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    SVG = "svg"
    YAML = "yaml"
    XLSX = "xlsx"


@dataclass(frozen=True)
class RenderOptions:
    """Width and colour of terminal text, and the few choices a reader makes about content."""

    width: int = 80
    color: bool = False
    all_rows: bool = False
    """Batch text: every vendor row, not only the top and bottom 10."""
    profiles: bool = False
    """Rubric text: also the weight profiles."""
    link_base: str = "."
    """The folder the output is written to: links to other written files (the batch
    dashboard's per-vendor reports) are made relative to it."""
