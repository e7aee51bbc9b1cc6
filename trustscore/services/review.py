"""``review init``: the checklist a buyer's reviewer fills in for one assessment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from trustscore.engine.checklist import checklist
from trustscore.engine.evidence import Checkable
from trustscore.models.checklist import ReviewChecklist
from trustscore.services.scoring import input_label, score_file


def review_checklist(file: Path, rubric: str | None, day: dt.date,
                     label: str | None = None) -> ReviewChecklist:
    """Every evidence item of ``file`` whose verdict moves points, scored as of ``day``."""
    shown = label or input_label(file)
    scored = score_file(file, rubric, None, day, shown)
    assert scored.assessment is not None
    report = scored.report
    context = Checkable.of(scored.rubric.evidence, day, scored.assessment.vendor,
                           report.provenance.evidence_files)
    return checklist(report, scored.assessment, shown, context)
