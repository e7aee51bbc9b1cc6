"""JSON Schemas generated from the models, for editors and for tools reading the report.

The assessment schema is specialised to a rubric: every control id becomes a property
whose value follows the control's answer type and whose description is its question, so
an editor with a YAML language server completes ids, offers the allowed choices and
flags a wrong value as the vendor types.
"""

from __future__ import annotations

import copy
from typing import Any

from trustscore.models.answer_types import answer_kind
from trustscore.models.assessment import NOT_APPLICABLE, Assessment
from trustscore.models.flags import FlagCode
from trustscore.models.report import Report
from trustscore.models.review import Review
from trustscore.models.rubric import Control, Rubric

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def value_schema(control: Control) -> dict[str, Any]:
    """What a value of ``control`` may be, in JSON Schema."""
    schema = answer_kind(control.answer).value_schema(control.answer)
    if control.allow_not_applicable:
        schema = {"anyOf": [schema, {"const": NOT_APPLICABLE,
                                     "description": "with a justification"}]}
    return schema


def assessment_schema(rubric: Rubric) -> dict[str, Any]:
    """The self-assessment schema, with ``answers`` specialised to ``rubric``."""
    schema = Assessment.model_json_schema()
    defs = schema["$defs"]
    answer_def = defs.pop("Answer")
    defs["Evidence"]["properties"]["kind"] = {"enum": sorted(rubric.evidence.kinds),
                                              "title": "Kind"}
    answers: dict[str, Any] = {}
    for control in rubric.controls():
        value = value_schema(control)
        detailed = copy.deepcopy(answer_def)
        detailed["properties"]["value"] = value
        answers[control.id] = {"title": f"{control.id} {control.title}",
                               "description": control.question,
                               "anyOf": [value, detailed]}
    schema["properties"]["answers"] = {
        "title": "Answers",
        "description": f"Answers to the controls of {rubric.id}@{rubric.version}, keyed by "
                       "control id: a bare value, or {value, evidence, notes, justification}.",
        "type": "object", "additionalProperties": False, "properties": answers,
    }
    schema["properties"]["rubric"]["pattern"] = (
        rf"^{rubric.id.replace('.', r'[.]')}(@{rubric.version.replace('.', r'[.]')})?$")
    return {"$schema": DIALECT,
            "$id": f"https://trustscore.invalid/schemas/{rubric.id}.assessment.json",
            **schema, "title": f"trustscore self-assessment ({rubric.id}@{rubric.version})"}


def rubric_schema() -> dict[str, Any]:
    """The schema of a rubric file."""
    return {"$schema": DIALECT, **Rubric.model_json_schema(),
            "title": "trustscore rubric"}


def review_schema(rubric: Rubric) -> dict[str, Any]:
    """The schema of a buyer's review file, with the evidence kinds and control ids of
    ``rubric`` (for risk acceptances)."""
    schema = Review.model_json_schema()
    defs = schema["$defs"]
    defs["ReviewedItem"]["properties"]["kind"] = {"enum": sorted(rubric.evidence.kinds),
                                                  "title": "Kind"}
    defs["RiskAcceptance"]["properties"]["control"] = {
        "enum": [c.id for c in rubric.controls()], "title": "Control"}
    return {"$schema": DIALECT,
            "$id": f"https://trustscore.invalid/schemas/{rubric.id}.review.json",
            **schema, "title": f"trustscore buyer's review ({rubric.id}@{rubric.version})"}


def report_schema(rubric: Rubric) -> dict[str, Any]:
    """The schema of ``score --format json``, with the flag codes ``rubric`` can raise."""
    schema = Report.model_json_schema(mode="serialization")
    codes = [c.value for c in FlagCode] + [r.code for r in rubric.rules
                                           if r.code not in set(FlagCode)]
    schema["$defs"]["Flag"]["properties"]["code"] = {
        "title": "Code", "enum": codes,
        "description": "Built-in flag codes and the codes of the rules of "
                       f"{rubric.id}@{rubric.version}; see the README's flag table."}
    return {"$schema": DIALECT, **schema, "title": "trustscore report"}


def policy_schema() -> dict[str, Any]:
    """The schema of a buyer's portfolio policy (``batch --policy``)."""
    from trustscore.models.policy import Policy

    return {"$schema": DIALECT, "$id": "https://trustscore.invalid/schemas/portfolio.json",
            **Policy.model_json_schema(), "title": "trustscore portfolio policy"}
