"""A vendor is an adversary of the score (issue 12, "Done when").

Each cheap edit below is applied to a copy of a real, weak-to-middling sample. Alone, it
gains at most two trust points or the report names it (a new headline warning, "needs
verification", or a new warning or critical flag saying a claim did not hold up). All of
them together gain at most ten points and never reach a B.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import SAMPLES
from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.answer_spec import AnswerSpec
from trustscore.models.assessment import Assessment
from trustscore.models.flags import FlagEffect, Severity
from trustscore.models.report import Report
from trustscore.models.rubric import AnswerType

AS_OF = dt.date(2026, 11, 1)
IT = load_rubric("it-services").rubric
BASES = ["lotus-honest-weak", "quickbuild-startup", "meridian-midsize-gaps"]
OWN_DOCUMENTS = {"policy", "procedure", "plan", "contract_template", "training_record"}
Trick = Callable[[dict[str, Any]], None]


def run(data: dict[str, Any]) -> Report:
    return score(IT, Assessment.model_validate(data), as_of=AS_OF, profile=None,
                 fingerprints=Fingerprints("r", "i"))


def base(name: str) -> dict[str, Any]:
    data = copy.deepcopy(read_assessment(SAMPLES / f"{name}.yaml").data)
    for cid, answer in data["answers"].items():
        if not isinstance(answer, dict):
            data["answers"][cid] = {"value": answer}
    return data


def best(spec: AnswerSpec) -> Any:
    """The answer worth 4 points."""
    if spec.type is AnswerType.YES_NO:
        return "yes"
    if spec.type is AnswerType.MATURITY:
        return 4
    if spec.type is AnswerType.CHOICE:
        return max(spec.options or [], key=lambda o: o.points).value
    band = max(spec.bands or [], key=lambda b: b.points)
    return band.at_least if band.at_least is not None else band.at_most


def cite(data: dict[str, Any], item: dict[str, Any]) -> None:
    for answer in data["answers"].values():
        if answer["value"] != "not_applicable":
            answer["evidence"] = [*answer.get("evidence", []), dict(item)]


def relabel_own_documents(data: dict[str, Any]) -> None:
    for answer in data["answers"].values():
        for item in answer.get("evidence", []):
            if item["kind"] in OWN_DOCUMENTS:
                item["kind"] = "audit_report"


def title_only_audit_everywhere(data: dict[str, Any]) -> None:
    cite(data, {"kind": "audit_report", "title": "Independent audit report"})


def one_client_reference_everywhere(data: dict[str, Any]) -> None:
    cite(data, {"kind": "client_reference", "title": "Reference from our biggest client",
                "issuer": "Example Client Ltd", "issued": "2026-05-01"})


def self_hosted_registry_entry(data: dict[str, Any]) -> None:
    site = data["vendor"].get("website") or "https://vendor.example"
    cite(data, {"kind": "registry_entry", "title": "Registry entry",
                "issuer": "Trust registry", "reference": "TR-88412",
                "url": f"{site.rstrip('/')}/registry"})


def invented_credentials(data: dict[str, Any]) -> None:
    answers = data["answers"]
    answers["SEC-01"] = {"value": "certified_full_scope", "evidence": [
        {"kind": "certificate", "title": "ISO/IEC 27001:2022 certificate",
         "issuer": "ISO Certification Board", "reference": "12345",
         "issued": "2026-01-01", "expires": "2099-12-31"}]}
    answers["GOV-07"] = {"value": 5_000_000, "evidence": [
        {"kind": "insurance_certificate", "title": "Cyber liability insurance",
         "issuer": "Example Insurance plc", "reference": "POL-2026-0042",
         "issued": "2026-01-01", "expires": "2046-01-01"}]}


def one_genuine_soc2_everywhere(data: dict[str, Any]) -> None:
    cite(data, {"kind": "attestation_report", "title": "SOC 2 Type II report",
                "issuer": "Example CPA LLP", "reference": "SOC2-2026-0193",
                "issued": "2026-06-15", "period_start": "2025-04-01",
                "period_end": "2026-03-31"})


def unround_top(spec: AnswerSpec) -> Any:
    """A top answer that is neither round nor perfect, or None where only a perfect figure
    is the top (0 % change failure)."""
    value = best(spec)
    if spec.type in (AnswerType.YES_NO, AnswerType.MATURITY, AnswerType.CHOICE):
        return value
    band = max(spec.bands or [], key=lambda b: b.points)
    if band.at_least is not None:
        top = spec.maximum if spec.maximum is not None else (
            100.0 if spec.type is AnswerType.PERCENT else band.at_least * 2 + 10)
        if band.at_least >= top:
            return None
        return round(band.at_least + (top - band.at_least) / 3 + 0.01, 2)
    return None if not value else round(float(value) * 0.9 + 0.01, 2)


def top_answers_under_the_old_thresholds(data: dict[str, Any]) -> None:
    """Three answers in four at the top, no round or perfect figures, no new evidence."""
    for n, control in enumerate(IT.controls()):
        answer = data["answers"].get(control.id)
        value = unround_top(control.answer)
        if n % 4 == 3 or value is None or (answer and answer["value"] == "not_applicable"):
            continue
        data["answers"][control.id] = {**(answer or {}), "value": value}


def scope_off_while_selling_payroll(data: dict[str, Any]) -> None:
    data["vendor"]["services"] = [*data["vendor"].get("services", []), "payroll support",
                                  "CRM administration"]
    data["scope"]["processes_client_personal_data"] = False


def not_applicable_on_the_weakest(data: dict[str, Any]) -> None:
    report = run(data)
    weakest = sorted((c.contribution, c.id) for c in report.controls
                     if c.status == "answered")
    allowed = {c.id for c in IT.controls() if c.allow_not_applicable}
    for _, cid in [w for w in weakest if w[1] in allowed][:6]:
        data["answers"][cid] = {"value": "not_applicable",
                                "justification": "Not relevant to our clients."}


def old_pentest_behind_a_recent_claim(data: dict[str, Any]) -> None:
    data["answers"]["SEC-10"] = {"value": "within_12_months_all_closed", "evidence": [
        {"kind": "pentest_letter", "title": "Penetration test letter",
         "issuer": "Example Offensive Security Ltd", "reference": "PT-2019-044",
         "issued": "2019-05-10"}]}


def stale_assessment_kept(data: dict[str, Any]) -> None:
    data["assessed_on"] = "2025-02-01"


TRICKS: dict[str, Trick] = {t.__name__: t for t in (
    relabel_own_documents, title_only_audit_everywhere, one_client_reference_everywhere,
    self_hosted_registry_entry, invented_credentials, one_genuine_soc2_everywhere,
    top_answers_under_the_old_thresholds, scope_off_while_selling_payroll,
    not_applicable_on_the_weakest, old_pentest_behind_a_recent_claim,
    stale_assessment_kept)}

DOUBTING = {FlagEffect.NEEDS_VERIFICATION, FlagEffect.NOT_COUNTED, FlagEffect.DOWNGRADED,
            FlagEffect.CAPPED}


def alarms(r: Report) -> set[str]:
    said = {f"headline: {w}" for w in r.warnings}
    said |= {"needs verification"} if r.needs_verification else set()
    return said | {f.code for f in r.flags if f.severity in (Severity.CRITICAL,
                                                            Severity.WARNING)
                   and f.effect in DOUBTING}


@pytest.mark.parametrize("sample", BASES)
@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_each_trick_gains_at_most_two_points_or_is_named(sample: str, trick: str) -> None:
    data = base(sample)
    before = run(data)
    TRICKS[trick](data)
    after = run(data)
    gain = after.trust_score - before.trust_score
    named = alarms(after) - alarms(before)
    assert gain <= 2 or named, f"{trick} on {sample}: +{gain:.2f} points, nothing named"


@pytest.mark.parametrize("sample", BASES)
def test_all_tricks_together_gain_at_most_ten_points_and_never_a_b(sample: str) -> None:
    data = base(sample)
    before = run(data)
    for trick in TRICKS.values():
        trick(data)
    after = run(data)
    assert after.trust_score - before.trust_score <= 10
    assert after.grade not in ("A", "B")
    assert after.needs_verification


def test_a_trick_that_is_not_named_is_because_it_gains_nothing() -> None:
    """The test above cannot pass by naming everything: on the weak sample the
    title-only audit report is no alarm at all, it just earns nothing."""
    data = base("lotus-honest-weak")
    before = run(data)
    title_only_audit_everywhere(data)
    after = run(data)
    assert after.trust_score == before.trust_score
