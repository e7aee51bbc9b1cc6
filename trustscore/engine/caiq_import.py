"""A CAIQ answer sheet as a trustscore self-assessment, by the rubric's crosswalk.

Pure: the sheet has been read, the rubric loaded. What is inferred is only what the
rubric declares (``caiq: {if_yes, if_no, combine}`` beside ``mappings.ccm_v4``), and what
the sheet cannot tell is never guessed in the vendor's favour: a Yes stands for the
rubric's modest ``if_yes`` level, a blank among Yeses under ``combine: all`` is not a Yes,
an NA counts only where the rubric allows it and the sheet says why, a Yes the sheet
gives to the customer ("CSC-owned") is not the vendor's Yes, and a control no question
covers stays unanswered (0 points) and is listed.
"""

from __future__ import annotations

from typing import Any

from trustscore.models.assessment import NOT_APPLICABLE, Assessment
from trustscore.models.caiq import (
    AnswerSheet,
    CaiqAnswer,
    CaiqImport,
    ControlImport,
    Outcome,
    SheetQuestion,
    VendorFacts,
)
from trustscore.models.rubric import Control, Rubric

CROSSWALK = "ccm_v4"
"""The ``mappings`` key naming a control's CCM v4 controls."""
MAX_NOTES = 2000
MAX_TITLE = 300


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def covered(control: Control) -> bool:
    """The crosswalk can answer ``control``: it names CCM controls and what a Yes means."""
    return control.caiq is not None and bool(control.mappings.get(CROSSWALK))


def combine(control: Control, fed: list[SheetQuestion]) -> ControlImport:
    """What the questions feeding ``control`` make of it (see the module's rules)."""
    assert control.caiq is not None
    if not fed:
        return ControlImport(control.id, Outcome.NOT_COVERED, [])
    said = [q for q in fed if q.answer in (CaiqAnswer.YES, CaiqAnswer.NO)]
    blank = [q for q in fed if q.answer is CaiqAnswer.BLANK]
    if not said:
        if not any(q.answer is CaiqAnswer.NA for q in fed):
            return ControlImport(control.id, Outcome.NOT_ANSWERED, fed)
        reasons = [q for q in fed if q.answer is CaiqAnswer.NA and q.description]
        if control.allow_not_applicable and reasons:
            return ControlImport(control.id, Outcome.NOT_APPLICABLE, fed)
        return ControlImport(control.id, Outcome.NA_REFUSED, fed)
    if control.caiq.combine == "all":
        yes = not blank and all(q.vendor_yes for q in said)
    else:
        yes = any(q.vendor_yes for q in said)
    return ControlImport(control.id, Outcome.ANSWERED, fed, said_yes=yes)


def _source_note(sheet: AnswerSheet, result: ControlImport, control: Control) -> str:
    assert control.caiq is not None
    answers = ", ".join(f"{q.question} {q.answer.value or 'blank'} (row {q.row})"
                        for q in result.questions)
    rule = ("Yes only if every question is Yes" if control.caiq.combine == "all"
            else "Yes if any question is Yes")
    owners = sorted({q.ownership for q in result.questions if q.ownership})
    owned = f" Ownership: {'; '.join(owners)}." if owners else ""
    if any(q.answer is CaiqAnswer.YES and q.client_owned for q in result.questions):
        owned += " A Yes the sheet gives to the customer (CSC-owned) is not the vendor's."
    return _clip(f"Imported from CAIQ sheet '{sheet.sheet}' of {sheet.file}: {answers}. "
                 f"Combined: {rule}.{owned}", MAX_NOTES)


def _self_declared_kind(rubric: Rubric) -> str | None:
    """The evidence kind the rubric counts as the vendor's own word."""
    for name, kind in rubric.evidence.kinds.items():
        if kind.tier == rubric.evidence.unsupported_tier:
            return name
    return None


def _answer(sheet: AnswerSheet, result: ControlImport, control: Control,
            declared_kind: str | None) -> dict[str, Any]:
    assert control.caiq is not None
    answer: dict[str, Any] = {"notes": _source_note(sheet, result, control)}
    if result.outcome is Outcome.NOT_APPLICABLE:
        reasons = "; ".join(f"{q.question}: {q.description}" for q in result.questions
                            if q.answer is CaiqAnswer.NA and q.description)
        answer["value"] = NOT_APPLICABLE
        answer["justification"] = _clip(f"The CAIQ answers NA. {reasons}", MAX_NOTES)
        return answer
    answer["value"] = control.caiq.if_yes if result.said_yes else control.caiq.if_no
    if declared_kind is not None:
        answer["evidence"] = [
            {"kind": declared_kind, "title": _clip(q.description, MAX_TITLE),
             "reference": q.question}
            for q in result.questions if q.description and q.vendor_yes
        ][:50]
    return answer


def _regions(rubric: Rubric) -> list[str]:
    """Every region a control of the rubric is conditional on (so none drops out)."""
    seen: dict[str, None] = {}
    for control in rubric.controls():
        if control.applies_when and control.applies_when.client_regions_any:
            seen.update(dict.fromkeys(control.applies_when.client_regions_any))
    return list(seen)


def _vendor(facts: VendorFacts, rubric: Rubric) -> tuple[dict[str, Any], list[str]]:
    placeholders = []
    if facts.name is None:
        placeholders.append("vendor.name: 'Unnamed vendor' (pass --vendor)")
    if facts.country is None:
        placeholders.append("vendor.country: 'unknown' (pass --country)")
    headcount = facts.headcount
    if headcount is None:
        headcount = (rubric.audience.headcount_min if rubric.audience
                     and rubric.audience.headcount_min else 1)
        placeholders.append(f"vendor.headcount: {headcount}, the smallest firm the rubric is "
                            "for (pass --headcount)")
    vendor = {"name": facts.name or "Unnamed vendor", "country": facts.country or "unknown",
              "headcount": headcount}
    return vendor, placeholders


def import_sheet(sheet: AnswerSheet, sheet_sha256: str, rubric: Rubric,
                 facts: VendorFacts) -> CaiqImport:
    """The self-assessment ``sheet`` answers for ``rubric``, and how each answer was made."""
    declared_kind = _self_declared_kind(rubric)
    by_control: dict[str, list[SheetQuestion]] = {}
    for question in sheet.questions:
        if question.control is not None:
            by_control.setdefault(question.control, []).append(question)
    results: list[ControlImport] = []
    answers: dict[str, dict[str, Any]] = {}
    uncovered: list[str] = []
    for control in rubric.controls():
        if not covered(control):
            uncovered.append(control.id)
            continue
        fed = [q for ccm in control.mappings[CROSSWALK] for q in by_control.get(ccm, [])]
        result = combine(control, sorted(fed, key=lambda q: q.row))
        results.append(result)
        if result.outcome in (Outcome.ANSWERED, Outcome.NOT_APPLICABLE):
            answers[control.id] = _answer(sheet, result, control, declared_kind)
    fed_ids = {q.question for r in results for q in r.questions}
    vendor, placeholders = _vendor(facts, rubric)
    regions = _regions(rubric)
    placeholders.append("scope: every condition set (personal data, client systems, card "
                        f"data{', regions ' + ', '.join(regions) if regions else ''}) so "
                        "that no control drops out; set the engagement's real scope")
    data = {
        "format_version": 1,
        "rubric": f"{rubric.id}@{rubric.version}",
        "vendor": vendor,
        "assessed_on": facts.assessed_on.isoformat(),
        "scope": {"processes_client_personal_data": True, "hosts_client_systems": True,
                  "handles_card_data": True, "client_regions": regions},
        "answers": answers,
    }
    return CaiqImport(
        sheet=sheet, sheet_sha256=sheet_sha256, rubric=f"{rubric.id}@{rubric.version}",
        assessment=Assessment.model_validate(data), controls=results,
        unmapped=[q for q in sheet.questions if q.question not in fed_ids],
        uncovered=uncovered, placeholders=placeholders)

