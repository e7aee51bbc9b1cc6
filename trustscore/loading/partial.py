"""What can still be checked in an answer that is not well-formed.

Why: a vendor who wrote ``value: certified``, ``kind: certficate`` and ``issued:
01/09/2025`` must hear of all three in one run. Pydantic stops at the date (the answer is
not an ``Answer``), and the rubric checks need an ``Answer``. So the parts pydantic refused
(already reported) are set aside, keeping every list index where it was so positions stay
right, and the rest is checked against the rubric as usual.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from trustscore.models.assessment import Answer, Evidence

_PLACEHOLDER_TITLE = "-"


def salvage(raw: Any, error: ValidationError, known_kind: str) -> Answer | None:
    """``raw`` less the parts ``error`` names, as an ``Answer``; None when nothing of it
    can be checked (its value itself is unusable). ``known_kind`` stands in for a refused
    evidence kind, so the stand-in is never reported as unknown."""
    if not isinstance(raw, dict):
        return None
    data = copy.deepcopy(raw)
    for item in error.errors():
        if not _set_aside(data, item["loc"], known_kind):
            return None
    try:
        return Answer.model_validate(data)
    except ValidationError:
        return None


def _set_aside(data: dict[str, Any], loc: tuple[Any, ...], known_kind: str) -> bool:
    if not loc or loc[0] == "value":
        return False
    if loc[0] != "evidence":
        data.pop(loc[0], None)
        return True
    evidence = data.get("evidence")
    if len(loc) < 2 or not isinstance(evidence, list) or not isinstance(loc[1], int):
        data.pop("evidence", None)
        return True
    index = loc[1]
    if index >= len(evidence):
        return True
    item = evidence[index]
    if not isinstance(item, dict) or len(loc) < 3:
        evidence[index] = {"kind": known_kind, "title": _PLACEHOLDER_TITLE}
        return True
    field = loc[2]
    if field == "kind":
        item["kind"] = known_kind
    elif field == "title":
        item["title"] = _PLACEHOLDER_TITLE
    elif field in Evidence.model_fields or isinstance(field, str):
        item.pop(field, None)
    return True
