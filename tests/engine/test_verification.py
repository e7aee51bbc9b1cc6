"""Trust, but verify: every consistency rule, evidence check and over-claiming pattern has a
case that triggers it and one that does not, scored on real samples with one thing changed.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from conftest import SAMPLES
from trustscore.engine.overclaim import unbacked_flag
from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.assessment import Assessment
from trustscore.models.assessment_checks import check_assessment
from trustscore.models.flags import FlagEffect
from trustscore.models.report import Confidence, ControlResult, Report, Unbacked
from trustscore.models.rubric import Rubric

AS_OF = dt.date(2026, 11, 1)
IT = load_rubric("it-services").rubric
FREELANCE = load_rubric("freelancer").rubric
NORTHWIND = read_assessment(SAMPLES / "northwind-certified.yaml").data
SANA = read_assessment(SAMPLES / "sana-iqbal-freelancer.yaml").data

Mutation = Callable[[dict[str, Any]], None]


def run(data: dict[str, Any], rubric: Rubric = IT, as_of: dt.date = AS_OF) -> Report:
    assessment = Assessment.model_validate(data)
    assert check_assessment(assessment, rubric) == []
    return score(rubric, assessment, as_of=as_of, profile=None,
                 fingerprints=Fingerprints("r", "i"))


def mutated(base: dict[str, Any], *changes: Mutation) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for change in changes:
        change(data)
    return data


def answer(cid: str, value: Any, evidence: list[dict[str, Any]] | None = None) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        old = data["answers"].get(cid)
        kept = old.get("evidence", []) if isinstance(old, dict) else []
        data["answers"][cid] = {"value": value,
                                "evidence": kept if evidence is None else evidence}
    return change


def evidence(cid: str, items: list[dict[str, Any]]) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        old = data["answers"][cid]
        value = old["value"] if isinstance(old, dict) else old
        data["answers"][cid] = {"value": value, "evidence": items}
    return change


def headcount(n: int) -> Mutation:
    def change(data: dict[str, Any]) -> None:
        data["vendor"]["headcount"] = n
    return change


def codes(report: Report) -> set[str]:
    return {f.code for f in report.flags}


def control(report: Report, cid: str) -> ControlResult:
    return next(c for c in report.controls if c.id == cid)


CERT = {"kind": "certificate", "title": "ISO/IEC 27001:2022 certificate",
        "reference": "IS 771204", "issuer": "Example CB", "issued": "2025-01-01",
        "expires": "2028-01-01"}
EXPORT = {"kind": "metrics_export", "title": "Export", "issued": "2026-09-01"}


def test_the_certified_sample_raises_no_rule_and_no_warning() -> None:
    report = run(NORTHWIND)
    assert [f.code for f in report.flags if f.rule] == []
    assert [f.code for f in report.flags if f.severity.value != "info"] == []
    assert not report.needs_verification


# rule id -> (changes that trigger it, changes that leave it quiet, effect on a control)
RULES: dict[str, tuple[list[Mutation], list[Mutation], tuple[str, str, float] | None]] = {
    "CR-01": ([evidence("SEC-01", [])],
              [evidence("SEC-01", [CERT])], ("SEC-01", "level", 1.0)),
    "CR-02": ([evidence("SEC-01", [{**CERT, "title": "ISO/IEC 27001:2013 certificate"}])],
              [evidence("SEC-01", [CERT])], ("SEC-01", "credibility", 0.4)),
    "CR-03": ([evidence("SEC-02", [{"kind": "self_declaration", "title": "SOC 2 certified"}])],
              [evidence("SEC-02", [{"kind": "self_declaration", "title": "SOC 2 Type II"}])],
              None),
    "CR-04": ([evidence("SEC-02", [{"kind": "attestation_report", "title": "SOC 2 Type II",
                                    "reference": "SOC-2025-118", "issuer": "CPA",
                                    "issued": "2025-06-01",
                                    "period_start": "2024-04-01", "period_end": "2025-03-31"}])],
              [evidence("SEC-02", [{"kind": "attestation_report", "title": "SOC 2 Type II",
                                    "reference": "SOC-2025-118", "issuer": "CPA",
                                    "issued": "2025-06-01",
                                    "period_start": "2024-04-01", "period_end": "2025-03-31"},
                                   {"kind": "attestation_report", "title": "Bridge letter",
                                    "reference": "BRG-2026-07", "issuer": "CPA",
                                    "issued": "2026-07-01", "period_start": "2025-04-01",
                                    "period_end": "2026-03-31"}])],
              ("SEC-02", "level", 1.0)),
    "CR-05": ([answer("DEL-01", 2)], [answer("DEL-01", 3)], ("DEL-02", "level", 2.0)),
    "CR-06": ([answer("SEC-11", 1)], [answer("SEC-11", 2)],
              ("BCP-10", "credibility", 0.4)),
    "CR-07": ([answer("BCP-10", 99.99), answer("BCP-07", "single_link")],
              [answer("BCP-10", 99.99)], ("BCP-10", "level", 2.0)),
    "CR-08": ([answer("DAT-01", "client_paper_ad_hoc")],
              [answer("DAT-01", "art28_template")], ("DAT-03", "level", 1.0)),
    "CR-09": ([answer("BCP-13", 24)], [answer("BCP-13", 1)], ("BCP-03", "level", 1.0)),
    "CR-10": ([answer("DAT-02", 1), answer("SEC-06", 3)],
              [answer("DAT-02", 1)], ("DAT-02", "credibility", 0.4)),
    "CR-11": ([answer("GOV-04", "undisclosed")],
              [answer("GOV-04", "disclosed")], ("DAT-01", "level", 3.0)),
    "CR-12": ([headcount(30), answer("GOV-05", "two_or_more_current")],
              [answer("GOV-05", "two_or_more_current")], None),
    "CR-13": ([answer("SEC-06", 3, evidence=[])], [answer("SEC-06", 3)], None),
    "CR-14": ([evidence("SEC-10", [{"kind": "pentest_letter", "title": "Pentest letter",
                                     "issuer": "Example Offensive Security Ltd",
                                     "reference": "PT-2019-044", "issued": "2019-05-10"}])],
              [answer("SEC-10", "within_12_months_all_closed")], ("SEC-10", "level", 1.0)),
    "CR-15": ([evidence("BCP-05", [{"kind": "test_report", "title": "Restore test",
                                     "issued": "2024-09-05"}])],
              [answer("BCP-05", "immutable_copy_restore_tested_within_6_months")],
              ("BCP-05", "level", 1.0)),
}


def test_every_rule_of_the_default_rubric_is_covered() -> None:
    assert set(RULES) == {r.id for r in IT.rules}
    assert len(IT.rules) >= 12


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_and_applies_its_effect(rule_id: str) -> None:
    rule = next(r for r in IT.rules if r.id == rule_id)
    trigger, _, effect = RULES[rule_id]
    report = run(mutated(NORTHWIND, *trigger))
    flag = next(f for f in report.flags if f.rule == rule_id)
    assert flag.code == rule.code and flag.severity == rule.severity
    assert flag.message == rule.message and flag.hint == rule.hint
    assert set(rule.effect.controls) <= set(flag.controls)
    if effect is not None:
        cid, what, expected = effect
        result = control(report, cid)
        assert getattr(result, what) == expected
        assert rule_id in result.rules
        assert flag.effect in (FlagEffect.CAPPED, FlagEffect.DOWNGRADED)
    if rule.effect.type.value == "verify":
        assert report.needs_verification and flag.effect is FlagEffect.NEEDS_VERIFICATION


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_stays_quiet_when_the_claims_agree(rule_id: str) -> None:
    _, quiet, _ = RULES[rule_id]
    report = run(mutated(NORTHWIND, *quiet))
    assert rule_id not in {f.rule for f in report.flags}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_resolving_the_contradiction_never_lowers_the_score(rule_id: str) -> None:
    trigger, quiet, _ = RULES[rule_id]
    contradicted = run(mutated(NORTHWIND, *trigger))
    # the same contradiction with only this rule switched off: what the rule took away
    without = IT.model_copy(update={"rules": [r for r in IT.rules if r.id != rule_id]})
    assert run(mutated(NORTHWIND, *trigger), without).trust_score >= contradicted.trust_score
    assert run(mutated(NORTHWIND, *quiet)).trust_score >= contradicted.trust_score


def test_iso_2013_rule_quiet_when_a_2022_certificate_is_also_shown() -> None:
    both = evidence("SEC-01", [{**CERT, "title": "ISO/IEC 27001:2013 certificate",
                                "expires": "2025-05-31", "issued": "2022-06-01"}, CERT])
    report = run(mutated(NORTHWIND, both))
    assert "CR-02" not in {f.rule for f in report.flags}
    assert control(report, "SEC-01").credibility == 1.0


def test_iso_2013_rule_starts_after_the_transition() -> None:
    old_cert = evidence("SEC-01", [{**CERT, "title": "ISO/IEC 27001:2013 certificate"}])
    report = run(mutated(NORTHWIND, old_cert), as_of=dt.date(2025, 10, 1))
    assert "CR-02" not in {f.rule for f in report.flags}


FREELANCE_RULES: dict[str, tuple[list[Mutation], list[Mutation]]] = {
    "FR-01": ([evidence("FRL-DEL-01", [])], []),
    "FR-02": ([answer("FRL-SEC-05", 3), answer("FRL-DEL-05", 0)], [answer("FRL-SEC-05", 3)]),
}


@pytest.mark.parametrize("rule_id", sorted(FREELANCE_RULES))
def test_freelancer_rules(rule_id: str) -> None:
    assert set(FREELANCE_RULES) == {r.id for r in FREELANCE.rules}
    trigger, quiet = FREELANCE_RULES[rule_id]
    assert rule_id in {f.rule for f in run(mutated(SANA, *trigger), FREELANCE).flags}
    assert rule_id not in {f.rule for f in run(mutated(SANA, *quiet), FREELANCE).flags}


# --------------------------------------------------------------------------- evidence


EVIDENCE_CHECKS: dict[str, tuple[dict[str, Any], FlagEffect]] = {
    "evidence-expired": ({**CERT, "expires": "2026-06-30"}, FlagEffect.NOT_COUNTED),
    "evidence-not-yet-valid": ({**CERT, "issued": "2027-01-01", "expires": "2030-01-01"},
                               FlagEffect.NOT_COUNTED),
    "evidence-dates-reversed": ({**CERT, "issued": "2026-05-01", "expires": "2026-04-01"},
                                FlagEffect.NOT_COUNTED),
    "evidence-unidentified": ({**CERT, "issuer": None}, FlagEffect.NOT_COUNTED),
    "evidence-expiring-soon": ({**CERT, "expires": "2026-12-15"}, FlagEffect.NONE),
    "evidence-after-assessment": ({**CERT, "issued": "2026-10-20"}, FlagEffect.NONE),
}


@pytest.mark.parametrize("code", sorted(EVIDENCE_CHECKS))
def test_evidence_check_triggers(code: str) -> None:
    item, effect = EVIDENCE_CHECKS[code]
    item = {k: v for k, v in item.items() if v is not None}
    report = run(mutated(NORTHWIND, evidence("SEC-01", [item])))
    flag = next(f for f in report.flags if f.code == code and f.controls == ["SEC-01"])
    assert flag.effect is effect
    counted = effect is not FlagEffect.NOT_COUNTED
    assert (control(report, "SEC-01").credibility == 1.0) is counted


@pytest.mark.parametrize("code", sorted(EVIDENCE_CHECKS))
def test_evidence_check_quiet_on_good_evidence(code: str) -> None:
    report = run(mutated(NORTHWIND, evidence("SEC-01", [CERT])))
    assert not any(f.code == code and "SEC-01" in f.controls for f in report.flags)


def test_evidence_reused_across_many_controls() -> None:
    policy = {"kind": "policy", "title": "Information security policy v2"}
    four = [evidence(cid, [policy]) for cid in ("GOV-01", "GOV-06", "PEO-05", "DAT-07")]
    flag = next(f for f in run(mutated(NORTHWIND, *four)).flags
                if f.code == "evidence-reused")
    # a policy may back three controls: it backs the three where it is worth most
    assert len(flag.controls) == 1
    assert flag.controls[0] in {"DAT-07", "GOV-01", "GOV-06", "PEO-05"}
    assert "evidence-reused" not in codes(run(mutated(NORTHWIND, *four[:3])))


def test_broad_reports_may_back_many_controls() -> None:
    # Northwind cites its SOC 2 Type II report for seven controls: not a reuse problem.
    soc2_controls = [cid for cid, a in NORTHWIND["answers"].items() if isinstance(a, dict)
                     and any(e["kind"] == "attestation_report" for e in a.get("evidence", []))]
    assert len(soc2_controls) > 3
    assert "evidence-reused" not in codes(run(NORTHWIND))


# --------------------------------------------------------------------------- over-claiming


def test_over_claiming_sample_needs_verification() -> None:
    report = run(read_assessment(SAMPLES / "apex-overclaims.yaml").data)
    assert report.needs_verification
    assert {"claims-unbacked", "perfect-numbers", "round-numbers",
            "needs-verification"} <= codes(report)
    assert report.unbacked.share == 1.0                  # not one answer can be checked
    # a bare claim earns 40 % of at most level 2 of 4: a fifth of the control's points
    within = sum(c.max_points for c in report.controls if c.level is not None)
    assert report.trust_score <= 0.4 * 2 / 4 * within + 0.01
    assert report.trust_score < report.claimed_score / 4


def test_perfect_numbers_lower_confidence_not_points() -> None:
    perfect = [answer("DEL-04", 0), answer("DEL-09", 100)]
    report = run(mutated(NORTHWIND, *perfect))
    assert "perfect-numbers" in codes(report) and report.needs_verification
    assert report.confidence is Confidence.MEDIUM            # high, lowered a level
    without = IT.model_copy(update={"overclaiming": None})
    assert run(mutated(NORTHWIND, *perfect), without).trust_score == report.trust_score
    assert "perfect-numbers" not in codes(run(mutated(NORTHWIND, perfect[0])))


def test_round_numbers_pattern() -> None:
    assert IT.overclaiming is not None
    rounded = [answer(cid, 90) for cid in IT.overclaiming.measured_controls
               if cid not in ("DEL-04", "DEL-08", "PEO-06", "PEO-07", "BCP-10")]
    rounded += [answer("DEL-04", 10), answer("DEL-08", 5), answer("PEO-06", 10),
                answer("PEO-07", 40), answer("BCP-10", 99.95)]
    report = run(mutated(NORTHWIND, *rounded))
    assert "round-numbers" in codes(report)
    assert "round-numbers" not in codes(run(NORTHWIND))


def test_unbacked_share_names_an_assessment_of_bare_claims() -> None:
    apex = run(read_assessment(SAMPLES / "apex-overclaims.yaml").data)
    flag = next(f for f in apex.flags if f.code == "claims-unbacked")
    assert flag.effect is FlagEffect.NEEDS_VERIFICATION
    answered = [c.id for c in apex.controls if c.level]
    assert flag.controls == sorted(answered)
    assert f"{apex.unbacked.controls} answers" in flag.message
    # a strong firm with records: a small share, no flag
    northwind = run(NORTHWIND)
    assert northwind.unbacked.share < 0.1
    assert "claims-unbacked" not in codes(northwind)
    # an honest weak firm: most of its little claim is bare, but too few points to matter
    lotus = run(read_assessment(SAMPLES / "lotus-honest-weak.yaml").data)
    assert lotus.unbacked.share > 0.5 and lotus.unbacked.points < 30
    assert "claims-unbacked" not in codes(lotus) and not lotus.needs_verification


@pytest.mark.parametrize(("share", "points", "flagged"), [
    (0.5, 90.0, False),          # at the share: not above it
    (0.51, 30.01, True),
    (0.9, 30.0, False),          # a large share of a small claim
    (1.0, 95.0, True),
])
def test_unbacked_flag_needs_both_the_share_and_the_points(share: float, points: float,
                                                           flagged: bool) -> None:
    assert IT.overclaiming is not None
    unbacked = Unbacked(points=points, share=share, controls=7, above=0.5,
                        above_points=30)
    assert bool(unbacked_flag(IT.overclaiming, unbacked, ["SEC-01"])) is flagged


def test_staying_under_a_count_of_top_answers_hides_nothing() -> None:
    # Lowering a third of apex's answers (under any top-answer threshold) lowers its claim
    # but not the share that nobody can check: it is still named.
    apex = read_assessment(SAMPLES / "apex-overclaims.yaml").data
    lowered = copy.deepcopy(apex)
    for n, cid in enumerate(sorted(lowered["answers"])):
        if n % 3 == 0:
            del lowered["answers"][cid]
    report = run(lowered)
    assert report.unbacked.share == 1.0
    assert "claims-unbacked" in codes(report)
