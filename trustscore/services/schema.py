"""``schema``: the JSON Schemas trustscore publishes, for editors and for tools."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from trustscore.models.documents import SchemaDocument


class SchemaKind(enum.StrEnum):
    """The JSON Schemas ``trustscore schema`` writes (light: the CLI declares its choices)."""

    ASSESSMENT = "assessment"
    RUBRIC = "rubric"
    REPORT = "report"
    REVIEW = "review"
    POLICY = "policy"


def schema_document(kind: SchemaKind, rubric_ref: str) -> SchemaDocument:
    """The schema of ``kind``; assessment and report schemas follow ``rubric_ref``."""
    from trustscore.loading.load import load_rubric
    from trustscore.models import schemas
    from trustscore.models.documents import SchemaDocument

    if kind is SchemaKind.ASSESSMENT:
        return SchemaDocument(schemas.assessment_schema(load_rubric(rubric_ref).rubric))
    if kind is SchemaKind.RUBRIC:
        return SchemaDocument(schemas.rubric_schema())
    if kind is SchemaKind.REPORT:
        return SchemaDocument(schemas.report_schema(load_rubric(rubric_ref).rubric))
    if kind is SchemaKind.REVIEW:
        return SchemaDocument(schemas.review_schema(load_rubric(rubric_ref).rubric))
    if kind is SchemaKind.POLICY:
        return SchemaDocument(schemas.policy_schema())
    assert_never(kind)
