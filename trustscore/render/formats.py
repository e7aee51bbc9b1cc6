"""The output formats and the one registry that maps each to its renderer.

Kept free of heavy imports: the CLI needs the enum to declare its options, and each
renderer (rich for text) is imported only when that format is asked for.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from trustscore.models.report import Report


class OutputFormat(enum.StrEnum):
    """Formats of a single-vendor report."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class BatchFormat(enum.StrEnum):
    """Formats of ``trustscore batch``."""

    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class CompareFormat(enum.StrEnum):
    """Formats of ``trustscore compare``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


class ChangeFormat(enum.StrEnum):
    """Formats of ``trustscore diff`` and ``trustscore plan``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class CheckFormat(enum.StrEnum):
    """Formats of ``trustscore validate``."""

    TEXT = "text"
    JSON = "json"


class SchemaKind(enum.StrEnum):
    """The JSON Schemas ``trustscore schema`` writes."""

    ASSESSMENT = "assessment"
    RUBRIC = "rubric"
    REPORT = "report"


class RubricFormat(enum.StrEnum):
    """Formats of ``trustscore rubric show``."""

    TEXT = "text"
    MARKDOWN = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    """How the terminal looks: the CLI decides, renderers obey."""

    width: int = 80
    color: bool = False


def render(report: Report, fmt: OutputFormat, options: RenderOptions | None = None) -> str:
    """Render ``report`` in ``fmt``; every format ends with a newline."""
    options = options or RenderOptions()
    if fmt is OutputFormat.TEXT:
        from trustscore.render.text import render_text

        return render_text(report, options)
    if fmt is OutputFormat.JSON:
        from trustscore.render.json import render_json

        return render_json(report)
    if fmt is OutputFormat.MARKDOWN:
        from trustscore.render.markdown import render_markdown

        return render_markdown(report)
    if fmt is OutputFormat.HTML:
        from trustscore.render.html import report_html

        return report_html(report)
    assert_never(fmt)
