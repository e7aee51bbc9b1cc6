"""JSON: the report model as is, for machines. Stable keys, sorted as the model declares."""

from __future__ import annotations

from trustscore.models.report import Report


def render_json(report: Report) -> str:
    """The documented JSON report; byte-identical for identical inputs."""
    return report.model_dump_json(indent=2) + "\n"
