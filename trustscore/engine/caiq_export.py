"""A self-assessment as CAIQ v4 answers, through the rubric's crosswalk (``export caiq``).

The reverse of :mod:`.caiq_import`, with the same caution: a CCM control is answered Yes
only when every control of the rubric that maps to it is answered at least at the level a
Yes stands for there (``caiq.if_yes``); one answer below it makes the row a No, an open
control leaves it blank, and an NA is written only where every control behind it is not
applicable, with the justification as its description. So ``import caiq`` of the export
gives back every answer a CAIQ can carry (tested as a property).
"""

from __future__ import annotations

from trustscore.engine.caiq_import import CROSSWALK, covered
from trustscore.models.answer_types import answer_kind
from trustscore.models.assessment import NOT_APPLICABLE, Answer, Assessment
from trustscore.models.caiq import CaiqAnswer, CaiqExport, CaiqRow
from trustscore.models.rubric import Control, Rubric

OWNED = "CSP-owned"
"""Who owns a control the firm answers for: the firm (the CAIQ's "CSP")."""
MAX_DESCRIPTION = 2000


def said(control: Control, answer: Answer | None) -> CaiqAnswer:
    """What the CAIQ can say of one answer: Yes when it reaches ``if_yes``'s points."""
    assert control.caiq is not None
    if answer is None:
        return CaiqAnswer.BLANK
    if answer.value == NOT_APPLICABLE:
        return CaiqAnswer.NA
    kind = answer_kind(control.answer)
    try:
        points = kind.points(control.answer, answer.value)
    except ValueError:  # an answer the rubric cannot read is no Yes
        return CaiqAnswer.NO
    return CaiqAnswer.YES if points >= kind.points(control.answer, control.caiq.if_yes) \
        else CaiqAnswer.NO


def _combined(answers: list[CaiqAnswer]) -> CaiqAnswer:
    if CaiqAnswer.NO in answers:
        return CaiqAnswer.NO
    if CaiqAnswer.BLANK in answers:
        return CaiqAnswer.BLANK
    if all(a is CaiqAnswer.NA for a in answers):
        return CaiqAnswer.NA
    return CaiqAnswer.YES


def _description(controls: list[Control], assessment: Assessment, answer: CaiqAnswer) -> str:
    parts: list[str] = []
    for control in controls:
        given = assessment.answers.get(control.id)
        if given is None:
            continue
        if answer is CaiqAnswer.NA and given.justification:
            parts.append(f"{control.id}: {given.justification}")
        elif given.evidence:
            titles = "; ".join(item.title for item in given.evidence)
            parts.append(f"{control.id}: {titles}")
    text = " | ".join(parts)
    return text if len(text) <= MAX_DESCRIPTION else text[:MAX_DESCRIPTION - 1] + "…"


def caiq_answers(rubric: Rubric, assessment: Assessment, label: str) -> CaiqExport:
    """One row per CCM v4 control the crosswalk reaches, as its first question (``.1``)."""
    behind: dict[str, list[Control]] = {}
    for control in rubric.controls():
        if covered(control):
            for ccm in control.mappings[CROSSWALK]:
                behind.setdefault(ccm, []).append(control)
    rows = []
    for ccm in sorted(behind):
        controls = behind[ccm]
        answer = _combined([said(c, assessment.answers.get(c.id)) for c in controls])
        rows.append(CaiqRow(
            question=f"{ccm}.1", answer=answer,
            ownership=OWNED if answer is not CaiqAnswer.BLANK else "",
            description=_description(controls, assessment, answer),
            controls=[c.id for c in controls]))
    return CaiqExport(assessment=label, vendor=assessment.vendor.name,
                      rubric=f"{rubric.id}@{rubric.version}", rows=rows)
