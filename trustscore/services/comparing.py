"""``compare`` and ``diff``: score the files, then put the reports side by side or in order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from trustscore.engine.comparison import compare as compare_reports
from trustscore.engine.comparison import diff as diff_reports
from trustscore.errors import UsageError
from trustscore.models.comparison import Comparison, Difference
from trustscore.services.scoring import input_label, score_files


def compare_files(files: list[Path], rubric: str | None, profile: str | None,
                  day: dt.date, reviews: Sequence[Path] = ()) -> Comparison:
    """Two or more vendors scored on the same day under the same rubric, side by side,
    each with the buyer's review that names it."""
    if len(files) < 2:
        raise UsageError("compare needs at least two files")
    scored = score_files([(file, day) for file in files], rubric, profile, reviews)
    return compare_reports([s.report for s in scored], [input_label(f) for f in files])


def diff_files(old: Path, new: Path, rubric: str | None, profile: str | None,
               day: dt.date, reviews: Sequence[Path] = ()) -> Difference:
    """What changed for one vendor: the old file judged on its own assessment date (its
    evidence was valid then), the new one on ``day``; each with the review naming it."""
    old_scored, new_scored = score_files([(old, None), (new, day)], rubric, profile,
                                         reviews)
    return diff_reports(old_scored.report, new_scored.report, old_scored.rubric,
                        new_scored.rubric, input_label(old), input_label(new),
                        new_scored.rubric.evidence.expiry_warning_days)
