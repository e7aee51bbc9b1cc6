"""``export``: a scored assessment in the formats buyers' and GRC tools already read."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

from trustscore.engine.caiq_export import caiq_answers
from trustscore.engine.caiq_import import covered
from trustscore.engine.oscal import oscal_results
from trustscore.engine.soa import statement_of_applicability
from trustscore.errors import UsageError
from trustscore.models.caiq import CaiqExport
from trustscore.models.oscal import OscalDocument
from trustscore.models.soa import StatementOfApplicability
from trustscore.services.scoring import ReviewChoice, input_label, score_file


class Target(enum.StrEnum):
    """What ``export`` writes."""

    CAIQ = "caiq"
    OSCAL = "oscal"
    SOA = "soa"


def export(file: Path, target: Target, rubric: str | None, profile: str | None,
           day: dt.date, review: Path | None = None
           ) -> CaiqExport | OscalDocument | StatementOfApplicability:
    """``file`` scored as of ``day`` (with the buyer's review, if given), as ``target``."""
    scored = score_file(file, rubric, profile, day, reviews=ReviewChoice(path=review))
    assert scored.assessment is not None
    if target is Target.CAIQ:
        if not any(covered(c) for c in scored.rubric.controls()):
            raise UsageError(f"rubric {scored.report.provenance.rubric} has no CAIQ crosswalk "
                             "(no control gives mappings.ccm_v4 and caiq)")
        return caiq_answers(scored.rubric, scored.assessment, input_label(file))
    if target is Target.OSCAL:
        return oscal_results(scored.report, scored.rubric)
    return statement_of_applicability(scored.report, scored.rubric)
