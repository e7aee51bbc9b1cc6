"""Criticality tiers: the buyer's policy places each vendor, a vendor's file can raise its
tier but never lower it, each tier's profile and gate apply, bad policies are refused at
their line, and the store and ``due`` carry the tier."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT, SAMPLES, check, run_limited
from trustscore.engine.tiers import by_intake, choose_tier
from trustscore.models.identity import vendor_aliases
from trustscore.models.policy import Policy

POLICY = ROOT / "docs" / "portfolio.yaml"
AS_OF = "2026-11-01"


def policy() -> Policy:
    return Policy.model_validate(yaml.safe_load(POLICY.read_text(encoding="utf-8")))


def rows(tmp_path: Path, *extra: str, folder: str | None = None) -> tuple[int, dict[str, Any]]:
    proc = run_limited("batch", folder or str(tmp_path / "it"), "--policy", str(POLICY),
                       "--as-of", AS_OF, "-f", "json", *extra, cwd=tmp_path)
    data = json.loads(proc.stdout)
    return proc.returncode, {r["vendor"]: r for r in data["ranking"]}


@pytest.fixture
def it_services(tmp_path: Path) -> Path:
    folder = tmp_path / "it"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        if "freelancer" not in path.name:
            shutil.copy(path, folder)
    return folder


def test_the_example_policy_matches_its_schema() -> None:
    proc = run_limited("schema", "policy", cwd=ROOT)
    jsonschema.validate(yaml.safe_load(POLICY.read_text(encoding="utf-8")),
                        json.loads(proc.stdout))


def test_tiers_from_the_list_the_intake_and_the_default(it_services: Path,
                                                        tmp_path: Path) -> None:
    code, by = rows(tmp_path)
    assert code == 1  # tier gates fail
    assert (by["Northwind Systems (Pvt) Ltd"]["tier"],
            by["Northwind Systems (Pvt) Ltd"]["tier_source"]) == ("critical", "intake")
    assert (by["Meridian Softworks SRL"]["tier"], by["Meridian Softworks SRL"]["tier_source"]) \
        == ("important", "intake")
    assert (by["Lotus Code Works"]["tier"], by["Lotus Code Works"]["tier_source"]) == (
        "low", "policy")
    assert by["QuickBuild Studio"]["tier"] == "important"  # placed by its file name
    assert (by["Harbor Digital LLP"]["tier"], by["Harbor Digital LLP"]["tier_source"]) == (
        "critical", "default")
    assert by["Harbor Digital LLP"]["gates_failed"] == [
        "grade D is below tier critical's minimum B"]
    assert by["Lotus Code Works"]["gates_failed"] == ["grade F is below tier low's minimum D"]
    assert by["Meridian Softworks SRL"]["gates_failed"] == []  # C meets important's C


def test_a_tier_scores_with_its_profile(it_services: Path, tmp_path: Path) -> None:
    _, by = rows(tmp_path)
    alone = run_limited("score", str(SAMPLES / "northwind-certified.yaml"), "--profile",
                        "regulated-data", "--as-of", AS_OF, "-f", "json", cwd=tmp_path)
    assert by["Northwind Systems (Pvt) Ltd"]["trust_score"] == json.loads(
        alone.stdout)["trust_score"]


def test_a_file_can_raise_its_tier_but_never_lower_it() -> None:
    lenient = policy().model_copy(update={"default_tier": "low", "vendors": []})
    strict = policy().model_copy(update={"vendors": []})
    aliases = vendor_aliases(None, "https://acme.example", "Acme")
    assert choose_tier(lenient, aliases, "acme.yaml", "critical").tier == "critical"
    assert choose_tier(strict, aliases, "acme.yaml", "low").tier == "critical"
    assert choose_tier(strict, aliases, "acme.yaml", "low").source == "default"
    assert choose_tier(lenient, aliases, "acme.yaml", "nonsense").tier == "low"


def test_intake_is_matched_strictest_first() -> None:
    p = policy()
    assert by_intake(p, {"client_data": "none", "production_access": "write"}).id == "critical"
    assert by_intake(p, {"client_data": "internal"}).id == "important"
    assert by_intake(p, {"client_data": "none", "production_access": "none",
                         "replaceable": "easily"}).id == "low"


def test_a_vendor_placed_by_alias_in_any_spelling() -> None:
    p = policy()
    aliases = vendor_aliases(None, None, "LOTUS   code works")
    assert choose_tier(p, aliases, "x.yaml", None).tier == "low"


def test_the_policy_profile_must_exist_in_the_vendors_rubric(tmp_path: Path) -> None:
    proc = run_limited("batch", str(SAMPLES / "sana-iqbal-freelancer.yaml"), "--policy",
                       str(POLICY), "--as-of", AS_OF, cwd=tmp_path)
    assert proc.returncode == 2
    assert "its tier critical is scored with profile 'regulated-data' (--policy): rubric " \
        "freelancer has no profile 'regulated-data'" in proc.stdout  # the errors section


BAD = {
    "unknown tier": ("default_tier: critical", "default_tier: urgent", "no tier 'urgent'",
                     "default_tier"),
    "bad answer": ("production_access: [write]", "production_access: [admin]",
                   "'admin' is not an answer of 'production_access' (none, read, write)",
                   "production_access: [admin]"),
    "unknown profile": ("profile: regulated-data", "profile: banking",
                        "no profile 'banking' in the rubric", "profile"),
    "unknown grade": ("min_grade: B", "min_grade: Z", "'Z' is not a grade of the rubric",
                      "min_grade: Z"),
    "vendor tier": ("    tier: low", "    tier: lowest", "no tier 'lowest'", "tier: lowest"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_policy_is_refused_at_its_line(tmp_path: Path, case: str) -> None:
    old, new, message, marker = BAD[case]
    text = POLICY.read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1)
    (tmp_path / "p.yaml").write_text(bad, encoding="utf-8")
    line = next(n for n, t in enumerate(bad.splitlines(), 1) if marker in t
                and not t.lstrip().startswith("#"))
    proc = run_limited("batch", str(SAMPLES / "lotus-honest-weak.yaml"), "--policy", "p.yaml",
                       cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert f"p.yaml:{line}:" in proc.stderr


def test_the_store_keeps_the_tier_and_due_lists_re_reviews(it_services: Path,
                                                          tmp_path: Path) -> None:
    rows(tmp_path, "--record", "p.db")
    proc = run_limited("due", "p.db", "--policy", str(POLICY), "--as-of", AS_OF, "--within",
                       "200", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    reviews = [i for i in json.loads(proc.stdout)["items"] if i["reason"] == "tier_review"]
    assert {i["vendor_key"] for i in reviews} == {  # critical: every 180 days
        "web:northwind.example.com", "web:harbor-digital.example.in",
        "web:apex-global.example.com", "web:danube-data.example.rs"}
    assert all(i["due"] == "2027-04-30" for i in reviews)
    import sqlite3

    with sqlite3.connect(tmp_path / "p.db") as c:  # recorded under the profile it was scored with
        profiles = dict(c.execute("SELECT vendor_name, profile FROM records"))
    assert profiles["Northwind Systems (Pvt) Ltd"] == "regulated-data"
    assert profiles["Lotus Code Works"] == "default"


def test_a_policy_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("tiers: [unclosed\n", encoding="utf-8")
    check(run_limited("batch", str(SAMPLES / "lotus-honest-weak.yaml"), "--policy", "p.yaml",
                      cwd=tmp_path), "p.yaml", 2, "error:", None)
