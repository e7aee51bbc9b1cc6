"""A buyer's review: the checklist ``review init`` writes, and what ``--review`` changes.

Each test builds its review from the checklist the tool writes (as a reviewer would),
then sets verdicts; the committed fixture tests/data/reviews/northwind-certified.review.yaml
is one such review (eight items verified, the ISO certificate rejected, two risks accepted).
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import AS_OF, DATA, ROOT, SAMPLES
from trustscore.cli.app import app
from trustscore.loading.load import ASSESSMENT_LIMITS
from trustscore.loading.yaml_source import parse_yaml_bytes
from trustscore.models.report import EvidenceStatus, Report
from trustscore.models.review import Review
from trustscore.services.review import review_checklist
from trustscore.services.scoring import ReviewChoice, score_file

runner = CliRunner()
NORTHWIND = SAMPLES / "northwind-certified.yaml"
FIXTURE = DATA / "reviews" / "northwind-certified.review.yaml"
DATE = AS_OF.isoformat()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def checklist_text(assessment: Path) -> str:
    code, out, err = invoke("review", "init", str(assessment), "--as-of", DATE)
    assert code == 0, err
    return out


def load(text: str) -> Any:
    """A review file as trustscore reads it (YAML 1.2: ``on`` is a key, not ``true``)."""
    return parse_yaml_bytes(text.encode("utf-8"), "review", ASSESSMENT_LIMITS).data


def with_verdicts(text: str, verdict: str, *, only: str | None = None) -> str:
    """The checklist with ``verdict`` on every item (or on the one titled ``only``)."""
    data = load(text)
    for item in data["items"]:
        if only is None or item["title"] == only:
            item.update(verdict=verdict, by="A. Reviewer", on="2026-10-30",
                        method="asked the issuer")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def scored(assessment: Path, review: Path | None = None) -> Report:
    return score_file(assessment, None, None, AS_OF,
                      reviews=ReviewChoice(path=review) if review else None).report


def control(report: Report, cid: str) -> Any:
    return next(c for c in report.controls if c.id == cid)


# --------------------------------------------------------------------------- the checklist


def test_the_checklist_lists_items_that_carry_points_largest_stake_first() -> None:
    checklist = review_checklist(NORTHWIND, None, AS_OF)
    stakes = [i.at_stake for i in checklist.items]
    assert stakes == sorted(stakes, reverse=True) and stakes[0] > stakes[-1] > 0
    top = checklist.items[0]
    assert top.kind == "attestation_report" and len(top.cited_for) == 7
    report = scored(NORTHWIND)
    # an item's stake is the claimed points of the controls it backs
    assert top.at_stake == round(sum(control(report, c).claimed_points
                                     for c in top.cited_for), 2)
    assert checklist.assessment_sha256 == report.provenance.input_sha256
    iso = next(i for i in checklist.items if i.kind == "certificate" and "27001" in i.title)
    assert any("Example Certification Ltd" in line and "IS 781204" in line
               for line in iso.check)
    assert any(line.startswith("Open https://certs.example.org/") for line in iso.check)


def test_items_no_verdict_can_move_are_left_out_with_the_reason() -> None:
    checklist = review_checklist(SAMPLES / "harbor-expired-knockout.yaml", None, AS_OF)
    listed = {(i.kind, i.title) for i in checklist.items}
    assert checklist.left_out
    for item in checklist.left_out:
        assert (item.kind, item.title) not in listed and item.reason
    assert any("expired" in i.reason for i in checklist.left_out)


def test_the_checklist_file_is_a_valid_review_bound_to_the_assessment() -> None:
    review = Review.model_validate(load(checklist_text(NORTHWIND)))
    assert review.review.assessment_sha256 == scored(NORTHWIND).provenance.input_sha256
    assert all(i.verdict == "not_checked" for i in review.items)


def test_a_hostile_title_cannot_add_keys_or_verdicts_to_the_checklist(tmp_path: Path) -> None:
    data = yaml.safe_load(NORTHWIND.read_text(encoding="utf-8"))
    evil = 'Policy"\n    verdict: verified\n    by: x\x1b[31m\u202e'
    data["answers"]["GOV-01"]["evidence"].append({"kind": "policy", "title": evil})
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = checklist_text(hostile)
    assert "\x1b" not in text and "\u202e" not in text
    review = load(text)
    item = next(i for i in review["items"] if i["title"] == evil)    # reads back exactly
    assert item["verdict"] == "not_checked"
    assert all(i["verdict"] == "not_checked" for i in review["items"])


def test_review_init_refuses_to_overwrite_a_review(tmp_path: Path) -> None:
    target = tmp_path / "northwind.review.yaml"
    target.write_text("kept", encoding="utf-8")
    code, _, err = invoke("review", "init", str(NORTHWIND), "-o", str(target))
    assert code == 2 and "already exists" in err
    assert target.read_text(encoding="utf-8") == "kept"


# --------------------------------------------------------------------------- applying it


def test_verifying_every_item_raises_each_backed_control_to_its_claimed_points(
        tmp_path: Path) -> None:
    review = tmp_path / "all.review.yaml"
    review.write_text(with_verdicts(checklist_text(NORTHWIND), "verified"), encoding="utf-8")
    declared, reviewed = scored(NORTHWIND), scored(NORTHWIND, review)
    assert reviewed.trust_score > declared.trust_score
    assert reviewed.review is not None and reviewed.review.verified > 60
    assert reviewed.review.declared.trust_score == declared.trust_score
    unproven = 0.0
    for c in reviewed.controls:
        if any(e.status is EvidenceStatus.VERIFIED for e in c.evidence) and not c.rules:
            assert abs(c.contribution - c.claimed_points) <= 0.01, c.id
        else:
            unproven += c.claimed_points - c.contribution
    # what is left of the gap is only what no verified item backs (bare claims, rules)
    assert abs(reviewed.gap - unproven) <= 0.05
    assert reviewed.gap < declared.gap / 3


def test_rejecting_the_certificate_drops_it_and_says_so(tmp_path: Path) -> None:
    title = "ISO/IEC 27001:2022 certificate"
    verified = tmp_path / "verified.review.yaml"
    verified.write_text(with_verdicts(checklist_text(NORTHWIND), "verified"), encoding="utf-8")
    rejected = tmp_path / "rejected.review.yaml"
    rejected.write_text(with_verdicts(verified.read_text(encoding="utf-8"), "rejected",
                                      only=title), encoding="utf-8")
    good, bad = scored(NORTHWIND, verified), scored(NORTHWIND, rejected)
    assert control(good, "SEC-01").tier == "reviewed"
    sec01 = control(bad, "SEC-01")
    assert [e.status for e in sec01.evidence if e.title == title] == [EvidenceStatus.REJECTED]
    assert sec01.tier == "self_declared" and sec01.contribution < control(
        good, "SEC-01").contribution
    flag = next(f for f in bad.flags if f.code == "evidence-rejected")
    assert flag.severity == "critical" and flag.controls == ["SEC-01"]
    assert title in flag.message and "A. Reviewer" in flag.message
    assert bad.trust_score < good.trust_score
    assert bad.review is not None and bad.review.rejected == 1


def test_unchecked_independent_items_keep_only_the_declared_credit(tmp_path: Path) -> None:
    review = tmp_path / "none.review.yaml"
    review.write_text(checklist_text(NORTHWIND), encoding="utf-8")
    declared, reviewed = scored(NORTHWIND), scored(NORTHWIND, review)
    for before, after in zip(declared.controls, reviewed.controls, strict=True):
        if before.tier in ("third_party", "public_registry"):
            assert after.credibility == 0.85, after.id
        elif before.tier is not None and not before.rules:
            assert after.credibility == before.credibility, after.id
    assert reviewed.trust_score < declared.trust_score
    assert reviewed.review is not None
    assert reviewed.review.not_checked == len(reviewed.review.items)
    assert (reviewed.review.declared.trust_score, reviewed.review.reviewed.trust_score) == (
        declared.trust_score, reviewed.trust_score)


def test_verification_restores_what_one_forged_item_discredited(tmp_path: Path) -> None:
    data = yaml.safe_load(NORTHWIND.read_text(encoding="utf-8"))
    fake = {"kind": "insurance_certificate", "title": "Extra cover", "reference": "12345",
            "issuer": "Lloyd's syndicate", "issued": "2026-01-01", "expires": "2026-12-31"}
    data["answers"]["GOV-07"]["evidence"].append(fake)
    forged = tmp_path / "forged.yaml"
    forged.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plain = scored(forged)
    assert "evidence-discredited" in {f.code for f in plain.flags}
    review = tmp_path / "forged.review.yaml"
    text = with_verdicts(checklist_text(forged), "verified")
    review.write_text(with_verdicts(text, "rejected", only="Extra cover"), encoding="utf-8")
    checked = scored(forged, review)
    assert "evidence-discredited" not in {f.code for f in checked.flags}
    assert "evidence-rejected" in {f.code for f in checked.flags}
    assert checked.trust_score > plain.trust_score + 20


def test_accepted_risks_are_listed_apart_and_never_change_a_point(tmp_path: Path) -> None:
    with_risks = scored(NORTHWIND, FIXTURE)
    data = load(FIXTURE.read_text(encoding="utf-8"))
    data["risk_acceptances"] = []
    without = tmp_path / "without.review.yaml"
    without.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    plain = scored(NORTHWIND, without)
    assert with_risks.controls == plain.controls and with_risks.flags == plain.flags
    assert with_risks.trust_score == plain.trust_score
    assert with_risks.review is not None
    risks = {r.control: r for r in with_risks.review.accepted_risks}
    assert set(risks) == {"COM-03", "DEL-05"}
    assert risks["DEL-05"].lapsed and not risks["COM-03"].lapsed
    assert risks["COM-03"].contribution == control(with_risks, "COM-03").contribution


def test_the_report_shows_declared_and_reviewed_side_by_side_in_every_format() -> None:
    for fmt, words in (("text", ["Vendor-declared", "Reviewed", "R. Okafor", "LAPSED"]),
                       ("markdown", ["Vendor-declared", "**Rejected:**", "Accepted risks"]),
                       ("html", ["Vendor-declared", "<strong>Rejected:</strong>",
                                 "review sha256"])):
        code, out, err = invoke("score", str(NORTHWIND), "--review", str(FIXTURE),
                                "--as-of", DATE, "-f", fmt)
        assert code == 0, err
        for word in words:
            assert word in out, (fmt, word)


def test_provenance_carries_the_review_and_the_json_is_reproducible() -> None:
    runs = [invoke("score", str(NORTHWIND), "--review", str(FIXTURE), "--as-of", DATE,
                   "-f", "json")[1] for _ in range(2)]
    assert runs[0] == runs[1]
    data = json.loads(runs[0])
    import hashlib

    assert data["provenance"]["review_sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    assert data["review"]["declared"]["trust_score"] == scored(NORTHWIND).trust_score
    assert data["review"]["reviewer"] == "Procurement, Example Bank plc"


# --------------------------------------------------------------------------- refusals


def test_a_review_of_an_edited_assessment_is_refused(tmp_path: Path) -> None:
    edited = tmp_path / "northwind.yaml"
    edited.write_bytes(NORTHWIND.read_bytes().replace(b"headcount: 310", b"headcount: 311"))
    proc = subprocess.run([sys.executable, "-m", "trustscore", "score", str(edited),
                           "--review", str(FIXTURE)], capture_output=True, text=True,
                          timeout=60, check=False, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Traceback" not in proc.stderr
    line = next(n for n, text in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), 1)
                if text.strip().startswith("assessment_sha256:"))
    assert re.search(rf"northwind-certified\.review\.yaml:{line}:\d+: error: this review is "
                     "of another version of the assessment", proc.stderr), proc.stderr


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["items"][0].update(reference="NO-SUCH-ITEM"),
     "no attestation_report of the assessment is 'NO-SUCH-ITEM'"),
    (lambda d: d["items"].append(copy.deepcopy(d["items"][0])),
     "names the same evidence item as items[0]"),
    (lambda d: d["risk_acceptances"].append({"control": "SEC-99", "justification": "x",
                                             "approver": "y", "expires": "2027-01-01"}),
     "it-services has no control 'SEC-99'"),
    (lambda d: d["items"][0].update(verdict="verified", by=None, on=None),
     "says who checked the item and when"),
    (lambda d: d["items"][0].update(verdict="maybe"), "items.0.verdict"),
    (lambda d: d["review"].update(assessment_sha256="abc"), "64 hexadecimal digits"),
    (lambda d: d.update(vendor="x"), "unknown key 'vendor'"),
])
def test_a_bad_review_is_an_input_error_at_its_line(tmp_path: Path, edit: Any,
                                                     message: str) -> None:
    data = load(checklist_text(NORTHWIND))
    edit(data)
    bad = tmp_path / "bad.review.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    code, out, err = invoke("score", str(NORTHWIND), "--review", str(bad))
    assert code == 2 and out == ""
    assert re.search(r"bad\.review\.yaml:\d+:\d+: error: ", err), err
    assert message in err, err


def test_a_review_that_is_not_a_mapping_says_so(tmp_path: Path) -> None:
    bad = tmp_path / "list.review.yaml"
    bad.write_text("- verified\n", encoding="utf-8")
    code, _, err = invoke("score", str(NORTHWIND), "--review", str(bad))
    assert code == 2 and "a review must be a mapping" in err


@pytest.mark.parametrize(("review", "message"), [
    ("/dev/zero", "is not a regular file"),
    (str(NORTHWIND), "this is a self-assessment, not a buyer's review"),
    ("no-such.review.yaml", "file not found"),
])
def test_a_review_that_is_no_review_file_is_refused(review: str, message: str) -> None:
    code, out, err = invoke("score", str(NORTHWIND), "--review", review)
    assert code == 2 and out == "" and message in err


def test_a_review_may_not_use_anchors(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.review.yaml"
    bomb.write_text("review: &a [*a, *a]\n", encoding="utf-8")
    code, _, err = invoke("score", str(NORTHWIND), "--review", str(bomb))
    assert code == 2 and "anchors (&a) are not allowed" in err


def test_the_report_is_never_written_over_the_review(tmp_path: Path) -> None:
    review = tmp_path / "r.review.yaml"
    review.write_bytes(FIXTURE.read_bytes())
    code, _, err = invoke("score", str(NORTHWIND), "--review", str(review), "-o", str(review))
    assert code == 2 and "is an input file of this run" in err
    assert review.read_bytes() == FIXTURE.read_bytes()


# --------------------------------------------------------------------------- other commands


def test_batch_applies_the_review_beside_each_assessment(tmp_path: Path) -> None:
    for name in ("northwind-certified", "meridian-midsize-gaps"):
        shutil.copy(SAMPLES / f"{name}.yaml", tmp_path)
    shutil.copy(FIXTURE, tmp_path)
    code, out, err = invoke("batch", str(tmp_path), "--reviews", "--as-of", DATE, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    rows = {Path(r["file"]).name: r for r in data["ranking"]}
    assert rows["northwind-certified.yaml"]["declared_score"] == scored(NORTHWIND).trust_score
    assert rows["northwind-certified.yaml"]["trust_score"] == scored(
        NORTHWIND, FIXTURE).trust_score
    assert rows["meridian-midsize-gaps.yaml"]["declared_score"] is None
    assert [Path(s["path"]).name for s in data["skipped"]] == ["northwind-certified.review.yaml"]
    code, out, _ = invoke("batch", str(tmp_path), "--as-of", DATE, "-f", "csv")
    assert code == 0 and "northwind-certified.review.yaml" not in out    # never scored
    (tmp_path / "northwind-certified.yaml").write_bytes(
        NORTHWIND.read_bytes() + b"# edited after the review\n")
    code, out, err = invoke("batch", str(tmp_path), "--reviews", "--as-of", DATE, "-f", "json")
    assert code == 2
    assert "another version of the assessment" in json.dumps(json.loads(out)["errors"])


def test_compare_and_diff_match_each_review_to_its_assessment_by_hash() -> None:
    meridian = str(SAMPLES / "meridian-midsize-gaps.yaml")
    code, out, err = invoke("compare", meridian, str(NORTHWIND), "--review", str(FIXTURE),
                            "--as-of", DATE, "-f", "json")
    assert code == 0, err
    vendors = {v["vendor"]: v for v in json.loads(out)["vendors"]}
    assert vendors["Northwind Systems (Pvt) Ltd"]["trust_score"] == scored(
        NORTHWIND, FIXTURE).trust_score
    code, out, err = invoke("diff", meridian, str(NORTHWIND), "--review", str(FIXTURE),
                            "--as-of", DATE, "-f", "json")
    assert code == 0, err
    diffed = json.loads(out)
    assert diffed["trust"]["new"] == scored(NORTHWIND, FIXTURE).trust_score
    assert any("review" in w for w in diffed["warnings"])
    code, _, err = invoke("compare", meridian, str(SAMPLES / "lotus-honest-weak.yaml"),
                          "--review", str(FIXTURE), "--as-of", DATE)
    assert code == 2 and "this review is of none of the assessments given" in err


def test_validate_checks_a_review_against_the_assessment_beside_it(tmp_path: Path) -> None:
    shutil.copy(NORTHWIND, tmp_path)
    shutil.copy(FIXTURE, tmp_path)
    review = tmp_path / FIXTURE.name
    code, _, err = invoke("validate", str(review))
    assert code == 0 and "ok (review, 71 items" in err + _ and "checked against" in err + _
    (tmp_path / NORTHWIND.name).write_bytes(NORTHWIND.read_bytes() + b"# edited\n")
    code, _, err = invoke("validate", str(review))
    assert code == 2 and "another version of the assessment" in err
    alone = tmp_path / "alone.yaml"
    alone.write_bytes(FIXTURE.read_bytes())
    code, out, _ = invoke("validate", str(alone))
    assert code == 0 and "not checked against an assessment" in out
