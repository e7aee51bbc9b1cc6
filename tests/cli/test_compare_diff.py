"""compare (vendors side by side) and diff (one vendor at two dates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLES
from trustscore.cli.app import app

runner = CliRunner()
AS_OF = "2026-11-01"
FIVE = ["northwind-certified", "meridian-midsize-gaps", "harbor-expired-knockout",
        "quickbuild-startup", "lotus-honest-weak"]


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def sample(name: str) -> str:
    return str(SAMPLES / f"{name}.yaml")


def test_compare_two_vendors() -> None:
    code, out, _ = invoke("compare", sample("northwind-certified"),
                          sample("danube-eu-personal-data"), "--as-of", AS_OF, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [v["vendor"] for v in data["vendors"]] == ["Northwind Systems (Pvt) Ltd",
                                                     "Danube Data Systems d.o.o."]
    assert data["best_overall"] == [0]
    domains = {d["id"]: d for d in data["domains"]}
    assert domains["data_protection"]["best"] == [1]     # Danube's privacy is stronger
    assert domains["security"]["best"] == [0]
    spreads = [d["spread"] for d in data["differences"]]
    assert spreads == sorted(spreads, reverse=True) and 0 < len(spreads) <= 10


def test_compare_five_vendors_text_and_markdown() -> None:
    files = [sample(n) for n in FIVE]
    code, out, _ = invoke("compare", *files, "--as-of", AS_OF)
    assert code == 0
    assert "80.76 *" in out and "* marks the" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = invoke("compare", *files, "--as-of", AS_OF, "--format", "markdown")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("| |"))
    assert header.count("|") == len(FIVE) + 2
    assert "| Trust score | **80.76** | 54.77 |" in out


def test_compare_needs_the_same_rubric_and_two_files() -> None:
    code, _, err = invoke("compare", sample("northwind-certified"),
                          sample("sana-iqbal-freelancer"))
    assert code == 2 and "compare needs assessments scored with the same rubric" in err
    code, _, err = invoke("compare", sample("northwind-certified"))
    assert code == 2 and "at least two files" in err


def test_compare_reports_every_invalid_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\n", encoding="utf-8")
    code, _, err = invoke("compare", sample("northwind-certified"), str(bad))
    assert code == 2 and f"{bad}:1:1: error: missing required key 'vendor'" in err


def test_diff_reports_both_invalid_files_at_once(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text("format_version: 1\n", encoding="utf-8")
    new.write_text("format_version: 1\nvendor: [\n", encoding="utf-8")
    code, out, err = invoke("diff", str(old), str(new))
    assert code == 2 and out == ""
    assert f"{old}:1:1: error: missing required key 'vendor'" in err
    assert f"{new}:3:1: error: invalid YAML" in err and " found in 2 files\n" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- diff


def improved_harbor(tmp_path: Path) -> Path:
    text = Path(sample("harbor-expired-knockout")).read_text(encoding="utf-8")
    text = (text.replace("  GOV-04: undisclosed", "  GOV-04: disclosed_with_flowdown")
            .replace("  DAT-01: none", "  DAT-01: art28_template")
            .replace("assessed_on: 2026-10-20", "assessed_on: 2026-11-15")
            .replace("  SEC-01:\n    value: certified_full_scope\n", "  SEC-01:\n"
                     "    value: certified_full_scope\n    evidence:\n"
                     "      - kind: certificate\n        title: ISO/IEC 27001:2022 "
                     "certificate\n        reference: IN-27K-77001\n        issuer: Example "
                     "Registrar\n        issued: 2026-11-01\n        expires: 2026-12-20\n"))
    text = text.replace("    evidence:\n      - kind: certificate\n        title: ISO/IEC "
                        "27001:2022 certificate\n        reference: IN-27K-77001\n"
                        "        issuer: Example Registrar\n        issued: 2026-11-01\n"
                        "        expires: 2026-12-20\n    evidence:\n", "    evidence:\n"
                        "      - kind: certificate\n        title: ISO/IEC 27001:2022 "
                        "certificate\n        reference: IN-27K-77001\n        issuer: "
                        "Example Registrar\n        issued: 2026-11-01\n        expires: "
                        "2026-12-20\n")
    path = tmp_path / "harbor-2026-11.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_across_an_improvement(tmp_path: Path) -> None:
    new = improved_harbor(tmp_path)
    code, out, err = invoke("diff", sample("harbor-expired-knockout"), str(new), "--as-of",
                            "2026-11-20", "--format", "json", "--fail-on-regression")
    assert code == 0 and err == ""
    d = json.loads(out)
    assert d["regression"] is False and d["method_changed"] is False
    assert (d["old_grade"], d["new_grade"], d["grade_change"]) == ("D", "C", 1)
    assert d["trust"]["change"] > 0
    assert d["knockouts_fixed"] == ["DAT-01", "GOV-04"] and d["knockouts_failed"] == []
    assert [c["id"] for c in d["improved"]][:3] == ["SEC-01", "GOV-04", "DAT-01"]
    assert any(e["title"] == "ISO/IEC 27001:2022 certificate" for e in d["evidence_added"])
    assert any(e["expires"] == "2026-12-20" for e in d["evidence_expiring"])
    assert d["domains"]["governance"]["change"] > 0


def test_diff_across_a_regression(tmp_path: Path) -> None:
    new = improved_harbor(tmp_path)
    args = ["diff", str(new), sample("harbor-expired-knockout"), "--as-of", "2026-11-20"]
    code, out, err = invoke(*args)
    assert code == 0                                   # reported, not a gate
    assert "REGRESSION: the trust score went down" in out
    code, _, err = invoke(*args, "--fail-on-regression")
    assert code == 1 and "regression" in err
    code, out, _ = invoke(*args, "--format", "json")
    d = json.loads(out)
    assert d["regression"] is True and d["knockouts_failed"] == ["DAT-01", "GOV-04"]
    assert d["regressed"][0]["id"] == "SEC-01"


def test_evidence_that_lapsed_between_the_two_dates(tmp_path: Path) -> None:
    new = improved_harbor(tmp_path)
    code, out, _ = invoke("diff", str(new), str(new), "--as-of", "2027-01-10",
                          "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert [e["title"] for e in d["evidence_lapsed"]] == ["ISO/IEC 27001:2022 certificate"]
    assert d["trust"]["change"] < 0


def test_diff_warns_when_the_rubric_version_changed(tmp_path: Path) -> None:
    old_rubric = (ROOT / "rubrics" / "it-services.yaml").read_text(encoding="utf-8").replace(
        'version: "3.2.0"', 'version: "1.9.9"').replace("weight: 25\n", "weight: 35\n", 1)
    rubric_file = tmp_path / "it-services-1.9.9.yaml"
    rubric_file.write_text(old_rubric, encoding="utf-8")
    old = tmp_path / "old.yaml"
    old.write_text(Path(sample("harbor-expired-knockout")).read_text(encoding="utf-8"),
                   encoding="utf-8")
    # the same answers, scored with two rubric versions: the movement is the method's
    code, out, _ = invoke("diff", str(old), sample("harbor-expired-knockout"),
                          "--as-of", "2026-10-20", "--format", "json")
    assert code == 0 and json.loads(out)["method_changed"] is False
    result = runner.invoke(app, ["diff", str(old), sample("harbor-expired-knockout"),
                                 "--rubric", str(rubric_file), "--format", "json"])
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["method_changed"] is False                # --rubric: both with the same file

    from trustscore.engine.comparison import diff as diff_reports
    from trustscore.engine.score import Fingerprints, score
    from trustscore.loading.load import load_for_scoring, load_rubric

    a, _ = load_for_scoring(old, None)
    old_r = load_rubric(str(rubric_file))
    new_r = load_rubric("it-services")
    report_old = score(old_r.rubric, a.assessment, as_of=a.assessment.assessed_on,
                       profile=None, fingerprints=Fingerprints(old_r.sha256, a.sha256))
    report_new = score(new_r.rubric, a.assessment, as_of=a.assessment.assessed_on,
                       profile=None, fingerprints=Fingerprints(new_r.sha256, a.sha256))
    moved = diff_reports(report_old, report_new, old_r.rubric, new_r.rubric, "old", "new", 90)
    assert moved.method_changed
    assert "it-services@1.9.9 and it-services@3.2.0" in moved.warnings[0]
    # same answers, security reweighted from 35 to 25: every move is the method's
    assert moved.trust.change is not None and moved.trust.change != 0


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_human_formats_mention_the_warning(tmp_path: Path, fmt: str) -> None:
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(Path(sample("harbor-expired-knockout")).read_text(encoding="utf-8")
                       .replace("name: Harbor Digital LLP", "name: Harbour Digital LLP"),
                       encoding="utf-8")
    code, out, err = invoke("diff", sample("harbor-expired-knockout"), str(renamed),
                            "--as-of", "2026-10-20", "--format", fmt)
    assert code == 0
    assert "the vendor names differ" in out and "the vendor names differ" in err


def _northwind_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (SAMPLES / "northwind-certified.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "northwind-later.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_newly_failed_knockout_is_a_regression_even_if_the_score_rises() -> None:
    """Item 8: --fail-on-regression must catch a knockout that newly fails, whatever the
    score does (another control's improvement can hide it)."""
    from trustscore.engine.comparison import diff
    from trustscore.loading.load import load_rubric
    from trustscore.models.report import Report

    code, out, _ = invoke("score", str(SAMPLES / "northwind-certified.yaml"), "--as-of",
                          AS_OF, "-f", "json")
    assert code == 0
    old = Report.model_validate_json(out)
    failed = [k.model_copy(update={"passed": False}) if k.control == "SEC-03" else k
              for k in old.knockouts]
    new = old.model_copy(update={"knockouts": failed, "trust_score": old.trust_score + 1})
    rubric = load_rubric("it-services").rubric
    d = diff(old, new, rubric, rubric, "a", "b", 90)
    assert d.knockouts_failed == ["SEC-03"] and (d.trust.change or 0) > 0
    assert d.regression is True


def test_diff_fails_on_a_knockout_and_says_why_the_points_moved(tmp_path: Path) -> None:
    later = _northwind_with(tmp_path, "  SEC-03:\n    value: 100\n", "  SEC-03:\n    value: 97\n")
    code, out, err = invoke("diff", str(SAMPLES / "northwind-certified.yaml"), str(later),
                            "--as-of", AS_OF, "--fail-on-regression")
    assert code == 1 and "knockout newly failed" in err
    flat = " ".join(out.split())
    assert "knockouts newly failed: SEC-03" in flat
    assert "answer 100 -> 97" in flat
    assert "Security standards" in out and "data_protection" not in out


def test_diff_explains_a_move_from_evidence_alone(tmp_path: Path) -> None:
    later = _northwind_with(
        tmp_path, "      - kind: config_export\n        title: Identity provider",
        "      - kind: screenshot\n        title: Identity provider")
    text = later.read_text(encoding="utf-8").replace(
        "      - kind: config_export\n        title: Code-hosting",
        "      - kind: screenshot\n        title: Code-hosting", 1)
    later.write_text(text, encoding="utf-8")
    _, out, _ = invoke("diff", str(SAMPLES / "northwind-certified.yaml"), str(later),
                       "--as-of", AS_OF, "-f", "json")
    d = json.loads(out)
    sec03 = next(c for c in d["regressed"] if c["id"] == "SEC-03")
    assert sec03["old_answer"] == sec03["new_answer"] == "100"
    assert (sec03["old_tier"], sec03["new_tier"]) == ("system_export", "internal_document")
    _, text_out, _ = invoke("diff", str(SAMPLES / "northwind-certified.yaml"), str(later),
                            "--as-of", AS_OF)
    flat = " ".join(text_out.split())
    assert "evidence system_export (x0.85) -> internal_document (x0.7)" in flat
    assert "answer 100 -> 100" not in flat


def test_compare_html_shows_claimed_score_gap_and_provenance() -> None:
    """Item 9: the HTML shortlist says what the text does: claimed score, the gap, and
    where every figure came from (tool, rubric hash, each input's hash)."""
    files = [str(SAMPLES / "northwind-certified.yaml"), str(SAMPLES / "lotus-honest-weak.yaml")]
    _, html, _ = invoke("compare", *files, "--as-of", AS_OF, "-f", "html")
    _, data, _ = invoke("compare", *files, "--as-of", AS_OF, "-f", "json")
    c = json.loads(data)
    assert "<th>Claimed score</th><td class=\"num\">95.29</td>" in html
    assert "Gap (claimed, not proven)" in html and "14.53" in html
    assert c["rubric_sha256"] in html
    for vendor in c["vendors"]:
        assert vendor["input_sha256"] in html and len(vendor["input_sha256"]) == 64
    assert "<footer>" in html and "trustscore " + c["tool_version"] in html


@pytest.mark.parametrize("copies", [2, 4])
def test_compare_of_many_vendors_fits_the_width(copies: int) -> None:
    """Item 22: 12 or more vendors at 80 columns printed an empty table and exited 0; the
    vendors are then listed one per row, every figure still shown."""
    files = [str(p) for p in sorted(SAMPLES.glob("*.yaml"))
             if "sana" not in p.name] * copies              # 14 and 28 vendors, one rubric
    code, out, err = invoke("compare", *files, "--as-of", AS_OF)
    assert code == 0, err
    assert "one per row" in out
    _, data, _ = invoke("compare", *files, "--as-of", AS_OF, "-f", "json")
    for vendor in json.loads(data)["vendors"]:
        assert f"{vendor['trust_score']:.2f}" in out
    assert out.count("\n") > len(files)                     # a row per vendor, not empty
    assert all(len(line) <= 80 for line in out.splitlines())
