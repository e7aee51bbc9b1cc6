"""JSON: the report model as is, for machines. Stable keys, sorted as the model declares."""

from __future__ import annotations

from trustscore.models.report import Report
from trustscore.render.safe_text import json_terminal_safe


def render_json(report: Report) -> str:
    """The documented JSON report; byte-identical for identical inputs, safe on a terminal."""
    return json_terminal_safe(report.model_dump_json(indent=2)) + "\n"
