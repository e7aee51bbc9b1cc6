"""JSON: the report model as is, for machines. Stable keys, sorted as the model declares."""

from __future__ import annotations

import json

from trustscore.models.documents import SchemaDocument
from trustscore.models.oscal import OscalDocument
from trustscore.models.report import Report
from trustscore.render.escaping import json_terminal_safe
from trustscore.render.options import RenderOptions


def render_json(report: Report, options: RenderOptions | None = None) -> str:
    """The documented JSON report; byte-identical for identical inputs, safe on a terminal."""
    return json_terminal_safe(report.model_dump_json(indent=2)) + "\n"


def schema_json(schema: SchemaDocument, options: RenderOptions) -> str:
    """A JSON Schema document, indented for people, safe on a terminal."""
    return json_terminal_safe(json.dumps(schema.document, indent=2, ensure_ascii=False)) + "\n"


def oscal_json(document: OscalDocument, options: RenderOptions) -> str:
    """An OSCAL document as JSON: keys in the order OSCAL lists them, safe on a terminal."""
    return json_terminal_safe(json.dumps(document.data, indent=2, ensure_ascii=False)) + "\n"
