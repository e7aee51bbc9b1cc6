"""The answer types, one module each, and the registry every layer asks.

To add an answer type: add its member to :class:`~trustscore.models.rubric.AnswerType`,
write its module here (a subclass of :class:`AnswerKind`), and add one entry to
``ANSWER_TYPES``; a test fails until every member has one.
"""

from __future__ import annotations

from trustscore.models.answer_spec import AnswerSpec, AnswerType
from trustscore.models.answer_types.base import AnswerKind
from trustscore.models.answer_types.choice import Choice
from trustscore.models.answer_types.maturity import Maturity
from trustscore.models.answer_types.number import Number, Percent
from trustscore.models.answer_types.yes_no import YesNo

ANSWER_TYPES: dict[AnswerType, AnswerKind] = {
    kind.type: kind for kind in (YesNo(), Maturity(), Choice(), Number(), Percent())
}


def answer_kind(spec: AnswerSpec) -> AnswerKind:
    """What ``spec``'s answer type does (reading, checking, wording a value)."""
    return ANSWER_TYPES[spec.type]


__all__ = ["ANSWER_TYPES", "AnswerKind", "answer_kind"]
