"""``import caiq``: the sample sheet becomes a file that validates and scores; the coverage
summary is right; each of the crosswalk's rules (combine, NA, CSC-owned, blanks) holds."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, SAMPLES
from trustscore.engine.caiq_import import CROSSWALK, combine
from trustscore.loading.load import load_rubric
from trustscore.models.caiq import CaiqAnswer, Outcome, SheetQuestion, VendorFacts
from trustscore.services.checking import check_files
from trustscore.services.importing import import_caiq

SAMPLE_CSV = SAMPLES / "caiq" / "kestrel-caiq-v4.csv"
SAMPLE_XLSX = SAMPLES / "caiq" / "kestrel-caiq-v4.xlsx"
FACTS = VendorFacts(assessed_on=dt.date(2026, 11, 1), name="Kestrel Labs", country="Poland",
                    headcount=40)
RUBRIC = load_rubric("it-services").rubric


def sample_rows() -> list[list[str]]:
    with SAMPLE_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))[2:]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_committed_sample_is_what_the_script_writes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "data"))
    try:
        import make_caiq_sample
    finally:
        sys.path.pop(0)
    make_caiq_sample.write_csv(tmp_path / "s.csv")
    assert (tmp_path / "s.csv").read_bytes() == SAMPLE_CSV.read_bytes()


def test_the_workbook_and_the_csv_give_the_same_answers() -> None:
    a = import_caiq(SAMPLE_XLSX, "k.xlsx", None, FACTS).assessment
    b = import_caiq(SAMPLE_CSV, "k.csv", None, FACTS).assessment
    assert {k: (v.value, v.justification, v.evidence) for k, v in a.answers.items()} == {
        k: (v.value, v.justification, v.evidence) for k, v in b.answers.items()}


def test_the_coverage_summary_is_right(tmp_path: Path) -> None:
    # expected figures worked out from the sheet and the rubric, not from the importer
    rows = sample_rows()
    covered = [c for c in RUBRIC.controls() if c.caiq and c.mappings.get(CROSSWALK)]
    ccm = {m for c in covered for m in c.mappings[CROSSWALK]}
    mapped = [r for r in rows if r[0].split(".")[0] in ccm]
    assert len(rows) == 215 and len(covered) == 39
    out = tmp_path / "k.yaml"
    proc = run("import", "caiq", str(SAMPLE_XLSX), "-o", str(out), "--assessed-on",
               "2026-11-01", "--vendor", "Kestrel Labs", "--country", "Poland",
               "--headcount", "40")
    assert proc.returncode == 0, proc.stderr
    assert (f"questions: 215 read, {len(mapped)} mapped, {215 - len(mapped)} unmapped"
            in proc.stderr)
    # SEC-13: its one question is NA, which the rubric does not allow; BCP-08: blank;
    # DEL-05: NA with a reason, allowed; No: SEC-03 (IAM-14.2), SEC-11 (LOG-05.1),
    # DAT-02 (SEF-07.1), DAT-03 (DSP-07.2),
    # BCP-07 (BCR-11.1), BCP-12 (IPY-04.1 is CSC-owned)
    assert ("controls: 37 of 39 the crosswalk covers answered (30 Yes, 6 No, 1 not "
            "applicable), 2 missing: SEC-13, BCP-08") in proc.stderr
    assert f"left unanswered: {len(RUBRIC.controls()) - 39} control(s)" in proc.stderr
    assert "not counted as the vendor's: IPY-04.1" in proc.stderr
    assert "other sheets, skipped (no answer table): Introduction" in proc.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    no = {k for k, v in data["answers"].items()
          if v["value"] == next(c for c in covered if c.id == k).caiq.if_no}  # type: ignore
    assert no == {"SEC-03", "SEC-11", "DAT-02", "DAT-03", "BCP-07", "BCP-12"}
    assert data["answers"]["DEL-05"]["value"] == "not_applicable"
    assert "Clients deploy and roll back" in data["answers"]["DEL-05"]["justification"]


def test_the_imported_file_validates_and_scores(tmp_path: Path) -> None:
    out = tmp_path / "k.yaml"
    assert run("import", "caiq", str(SAMPLE_CSV), "-o", str(out),
               "--assessed-on", "2026-11-01").returncode == 0
    checked = check_files([out], None)
    assert checked.valid, checked
    proc = run("score", str(out), "--as-of", "2026-11-02", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert 0 < report["trust_score"] < report["claimed_score"]
    # every imported answer is a bare claim: nothing is verified, confidence is low
    assert report["confidence"] == "low"


def test_every_answer_records_its_sheet_rows_and_questions() -> None:
    result = import_caiq(SAMPLE_XLSX, "k.xlsx", None, FACTS)
    for control in result.with_outcome(Outcome.ANSWERED, Outcome.NOT_APPLICABLE):
        notes = result.assessment.answers[control.control].notes or ""
        assert "sheet 'CAIQv4.0.3' of k.xlsx" in notes
        for q in control.questions:
            assert f"{q.question} {q.answer.value or 'blank'} (row {q.row})" in notes


def test_a_yes_never_stands_for_the_top_answer_of_a_graded_control() -> None:
    result = import_caiq(SAMPLE_CSV, "k.csv", None, FACTS)
    from trustscore.models.answer_types import answer_kind

    by_id = {c.id: c for c in RUBRIC.controls()}
    for control in result.with_outcome(Outcome.ANSWERED):
        spec = by_id[control.control].answer
        points = answer_kind(spec).points(spec, result.assessment.answers[control.control].value)
        assert points < 4 or spec.type.value == "yes_no", control.control


def question(qid: str, answer: CaiqAnswer, **kw: Any) -> SheetQuestion:
    return SheetQuestion(question=qid, answer=answer, row=3, cell="C3", **kw)


@pytest.mark.parametrize(("answers", "outcome", "yes"), [
    ([CaiqAnswer.YES, CaiqAnswer.YES], Outcome.ANSWERED, True),
    ([CaiqAnswer.YES, CaiqAnswer.NO], Outcome.ANSWERED, False),
    ([CaiqAnswer.YES, CaiqAnswer.BLANK], Outcome.ANSWERED, False),  # a blank is not a Yes
    ([CaiqAnswer.YES, CaiqAnswer.NA], Outcome.ANSWERED, True),  # NA questions step aside
    ([CaiqAnswer.BLANK, CaiqAnswer.BLANK], Outcome.NOT_ANSWERED, None),
    ([CaiqAnswer.NA, CaiqAnswer.NA], Outcome.NA_REFUSED, None),  # SEC-06 allows no N/A
    ([], Outcome.NOT_COVERED, None),
])
def test_combine_all(answers: list[CaiqAnswer], outcome: Outcome, yes: bool | None) -> None:
    control = next(c for c in RUBRIC.controls() if c.id == "SEC-06")
    fed = [question(f"SEF-0{n + 1}.1", a, description="why") for n, a in enumerate(answers)]
    result = combine(control, fed)
    assert (result.outcome, result.said_yes) == (outcome, yes)


def test_combine_any_takes_one_yes() -> None:
    control = next(c for c in RUBRIC.controls() if c.id == "SEC-06")
    assert control.caiq is not None
    anyone = control.model_copy(update={"caiq": control.caiq.model_copy(
        update={"combine": "any"})})
    fed = [question("SEF-01.1", CaiqAnswer.NO), question("SEF-02.1", CaiqAnswer.YES)]
    assert combine(anyone, fed).said_yes is True


def test_na_needs_the_rubric_and_a_reason() -> None:
    control = next(c for c in RUBRIC.controls() if c.id == "DEL-05")
    assert control.allow_not_applicable
    assert combine(control, [question("CCC-09.1", CaiqAnswer.NA)]).outcome is \
        Outcome.NA_REFUSED
    assert combine(control, [question("CCC-09.1", CaiqAnswer.NA, description="client's")
                             ]).outcome is Outcome.NOT_APPLICABLE


def test_a_client_owned_yes_is_not_the_vendors() -> None:
    control = next(c for c in RUBRIC.controls() if c.id == "SEC-03")
    fed = [question("IAM-14.1", CaiqAnswer.YES, ownership="CSC-owned")]
    assert combine(control, fed).said_yes is False


def test_a_rubric_without_a_crosswalk_is_refused() -> None:
    proc = run("import", "caiq", str(SAMPLE_CSV), "--rubric", "freelancer")
    assert proc.returncode == 2
    assert "rubric freelancer@" in proc.stderr and "has no CAIQ crosswalk" in proc.stderr


def test_bad_vendor_facts_are_a_usage_error() -> None:
    proc = run("import", "caiq", str(SAMPLE_CSV), "--country", "X")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "cannot write vendor.country" in proc.stderr
    proc = run("import", "caiq", str(SAMPLE_CSV), "--assessed-on", "1 May")
    assert proc.returncode == 2 and "--assessed-on must be a date" in proc.stderr


def test_output_never_replaces_the_sheet(tmp_path: Path) -> None:
    sheet = tmp_path / "k.csv"
    sheet.write_bytes(SAMPLE_CSV.read_bytes())
    proc = run("import", "caiq", str(sheet), "-o", str(sheet))
    assert proc.returncode == 2
    assert sheet.read_bytes() == SAMPLE_CSV.read_bytes()


def test_the_same_sheet_gives_byte_identical_output() -> None:
    args = ("import", "caiq", str(SAMPLE_XLSX), "--assessed-on", "2026-11-01")
    assert run(*args).stdout == run(*args).stdout
