"""Scope and N/A in plain sight (issue 12, item 5): every format shows the declared scope
and each control set aside with its reason; a scope that switches a knockout off while
the vendor's own services imply it is a warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import SAMPLES, write_yaml
from trustscore.cli.app import app

runner = CliRunner()


def score(path: Path, fmt: str) -> str:
    result = runner.invoke(app, ["score", str(path), "-f", fmt, "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def payroll_vendor(tmp_path: Path) -> Path:
    """Meridian, selling payroll and CRM support, declaring no client personal data."""
    data = yaml.safe_load((SAMPLES / "meridian-midsize-gaps.yaml").read_text(encoding="utf-8"))
    data["vendor"]["services"] = ["payroll software support", "CRM integration"]
    data["scope"]["processes_client_personal_data"] = False
    return write_yaml(tmp_path / "payroll.yaml", data)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_the_scope_and_what_was_set_aside(tmp_path: Path,
                                                             fmt: str) -> None:
    out = " ".join(score(payroll_vendor(tmp_path), fmt).split())
    assert "Scope, as the vendor declared it" in out
    assert "client personal data: no" in out
    assert "DAT-01 Data processing agreement (knockout)" in out
    assert "applies only when the engagement processes client personal data" in out


def test_json_carries_the_scope_and_each_reason(tmp_path: Path) -> None:
    report = json.loads(score(payroll_vendor(tmp_path), "json"))
    assert report["scope"]["processes_client_personal_data"] is False
    dat01 = next(c for c in report["controls"] if c["id"] == "DAT-01")
    assert dat01["status"] == "out_of_scope"
    assert dat01["applies_only_when"] == "the engagement processes client personal data"


def test_a_not_applicable_answer_shows_its_justification(tmp_path: Path) -> None:
    from trustscore.loading.load import load_rubric

    allowed = next(c.id for c in load_rubric("it-services").rubric.controls()
                   if c.allow_not_applicable)
    data = yaml.safe_load((SAMPLES / "northwind-certified.yaml").read_text(encoding="utf-8"))
    data["answers"][allowed] = {"value": "not_applicable",
                                "justification": "The client runs its own release train."}
    path = write_yaml(tmp_path / "na.yaml", data)
    for fmt in ("text", "markdown", "html"):
        out = " ".join(score(path, fmt).split())
        assert allowed in out and "not applicable: The client runs its own release train." in out


def test_scope_switching_off_knockouts_against_the_services_is_a_warning(
        tmp_path: Path) -> None:
    report = json.loads(score(payroll_vendor(tmp_path), "json"))
    flag = next(f for f in report["flags"] if f["code"] == "scope-contradicts-services")
    assert flag["severity"] == "warning" and report["needs_verification"] is True
    assert "CRM" in flag["message"] and "payroll" in flag["message"]
    assert "DAT-01" in flag["controls"]


def test_an_honest_scope_raises_no_such_warning() -> None:
    for path in SAMPLES.glob("*.yaml"):
        report = json.loads(score(path, "json"))
        assert "scope-contradicts-services" not in {f["code"] for f in report["flags"]}, path


def test_not_applicable_on_the_weakest_controls_is_capped(tmp_path: Path) -> None:
    """Answering most of a domain "not applicable" sets aside at most a quarter of its
    weight; the rest counts as unanswered and is flagged."""
    from trustscore.loading.load import load_rubric

    rubric = load_rubric("it-services").rubric
    data = yaml.safe_load((SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8"))
    delivery = next(d for d in rubric.domains if d.id == "delivery")
    allowed = [c for c in delivery.controls if c.allow_not_applicable]
    for control in allowed:               # every DORA metric: the ones a weak firm lacks
        data["answers"][control.id] = {"value": "not_applicable",
                                       "justification": "Not relevant to our clients."}
    path = write_yaml(tmp_path / "na.yaml", data)
    before = json.loads(score(SAMPLES / "lotus-honest-weak.yaml", "json"))
    report = json.loads(score(path, "json"))
    flag = next(f for f in report["flags"] if f["code"] == "not-applicable-over-cap")
    set_aside = [c for c in report["controls"]
                 if c["domain"] == "delivery" and c["status"] == "not_applicable"]
    weight = {c.id: c.weight for c in delivery.controls}
    assert set_aside
    assert sum(weight[c["id"]] for c in set_aside) <= 0.25 * sum(weight.values())
    assert set(flag["controls"]) == {c.id for c in allowed} - {c["id"] for c in set_aside}
    assert set(flag["controls"]) <= set(report["missing"])      # they count as unanswered
    assert report["trust_score"] <= before["trust_score"] + 2
