"""A Statement of Applicability from a scored assessment (``export soa``).

Pure. An Annex A control applies when some control of the rubric behind it counts for
this engagement; it does not when every one behind it is not applicable or out of scope
(their reasons are the justification); it is not assessed when the rubric maps nothing
to it. "Implemented" means every applicable control behind it is satisfied, which a bare
claim never is.
"""

from __future__ import annotations

from trustscore.models.iso27001 import ANNEX_A, THEMES
from trustscore.models.report import ControlResult, ControlStatus, EvidenceStatus, Report
from trustscore.models.rubric import Rubric
from trustscore.models.soa import (
    Applicability,
    Implementation,
    SoaControl,
    SoaRow,
    StatementOfApplicability,
)

MAPPING = "iso27001"
"""The ``mappings`` key naming a control's ISO/IEC 27001:2022 Annex A controls."""
_COUNTS = (ControlStatus.ANSWERED, ControlStatus.MISSING)


def _implementation(applicable: list[ControlResult]) -> Implementation:
    if all(c.status is ControlStatus.MISSING for c in applicable):
        return Implementation.NOT_ANSWERED
    if all(c.satisfied for c in applicable):
        return Implementation.IMPLEMENTED
    if any(c.contribution > 0 for c in applicable):
        return Implementation.PARTIAL
    return Implementation.NOT_IMPLEMENTED


def _row(annex: str, title: str, behind: list[ControlResult]) -> SoaRow:
    theme = THEMES[annex.split(".")[1]]
    controls = [SoaControl(c.id, c.title, c.answer_label or c.answer, c.contribution,
                           c.max_points, c.satisfied)
                for c in behind]
    evidence = [f"{c.id}: {e.kind} '{e.title}'" + (f" ({e.reference})" if e.reference else "")
                for c in behind for e in c.evidence if e.status is EvidenceStatus.VALID]
    if not behind:
        return SoaRow(annex, title, theme, Applicability.NOT_ASSESSED, Implementation.NONE,
                      [], [], "no control of the rubric maps to it")
    applicable = [c for c in behind if c.status in _COUNTS]
    if not applicable:
        reasons = [f"{c.id}: {c.justification}" if c.justification
                   else f"{c.id}: applies only when {c.applies_only_when}"
                   for c in behind]
        return SoaRow(annex, title, theme, Applicability.NOT_APPLICABLE, Implementation.NONE,
                      controls, evidence, "; ".join(reasons))
    return SoaRow(annex, title, theme, Applicability.APPLICABLE, _implementation(applicable),
                  controls, evidence, "")


def statement_of_applicability(report: Report, rubric: Rubric) -> StatementOfApplicability:
    """Every Annex A control, with the controls, answers and evidence behind it."""
    results = {c.id: c for c in report.controls}
    behind: dict[str, list[ControlResult]] = {}
    for control in rubric.controls():
        for annex in control.mappings.get(MAPPING, []):
            behind.setdefault(annex, []).append(results[control.id])
    return StatementOfApplicability(
        vendor=report.vendor.name, rubric=report.provenance.rubric,
        input_sha256=report.provenance.input_sha256, as_of=report.provenance.as_of,
        rows=[_row(annex, title, behind.get(annex, [])) for annex, title in ANNEX_A])
