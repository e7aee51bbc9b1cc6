"""Facts every format shows the same way because the Report names them once: the vendor's
headcount (one person, many people), failed knockouts, strengths, score bands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AS_OF, MINI_RUBRIC, mini_assessment, write_yaml
from trustscore.models.report import ScoreBand
from trustscore.render.options import Format
from trustscore.render.registry import render_text
from trustscore.services.scoring import score_file


def _report(tmp_path: Path, headcount: int) -> object:
    data = mini_assessment({})
    data["vendor"]["headcount"] = headcount
    path = write_yaml(tmp_path / f"v{headcount}.yaml", data)
    return score_file(path, str(MINI_RUBRIC), None, AS_OF).report


@pytest.mark.parametrize("fmt", [Format.TEXT, Format.MARKDOWN, Format.HTML])
@pytest.mark.parametrize(("headcount", "words"), [(1, "1 person"), (2, "2 people"),
                                                   (11, "11 people")])
def test_the_headcount_is_singular_for_one_person_in_every_format(
        tmp_path: Path, fmt: Format, headcount: int, words: str) -> None:
    text = render_text(_report(tmp_path, headcount), fmt)  # type: ignore[arg-type]
    assert f"PK, {words}" in text
    assert ", 1 people" not in text


def test_score_bands_have_one_set_of_thresholds() -> None:
    assert [ScoreBand.of(s) for s in (100, 65, 64.99, 50, 49.99, 0)] == [
        ScoreBand.STRONG, ScoreBand.STRONG, ScoreBand.FAIR, ScoreBand.FAIR, ScoreBand.WEAK,
        ScoreBand.WEAK]


def test_failed_knockouts_and_strengths_are_the_reports_own(tmp_path: Path) -> None:
    from trustscore.models.report import Report

    report = _report(tmp_path, 3)
    assert isinstance(report, Report)
    assert report.failed_knockouts == [k for k in report.knockouts if not k.passed]
    assert [c.id for c in report.strength_controls] == report.strengths
    markdown = render_text(report, Format.MARKDOWN)
    for k in report.failed_knockouts:
        assert f"FAILED {k.control}" in markdown
