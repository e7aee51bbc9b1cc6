"""Credibility follows what a buyer can check, not the label a vendor types (issue 12,
items 1 and 2): each cheap edit, applied to a copy of a real sample, gains at most two
points or is named in the report's flags."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from conftest import SAMPLES
from trustscore.engine.evidence import on_own_domain, own_domains
from trustscore.engine.score import Fingerprints, score
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.assessment import Assessment, Vendor
from trustscore.models.assessment_checks import check_assessment
from trustscore.models.report import BundledFile, EvidenceStatus, Report
from trustscore.models.rubric import Rubric

AS_OF = dt.date(2026, 11, 1)
IT = load_rubric("it-services").rubric
FREELANCE = load_rubric("freelancer").rubric
MERIDIAN = read_assessment(SAMPLES / "meridian-midsize-gaps.yaml").data
SANA = read_assessment(SAMPLES / "sana-iqbal-freelancer.yaml").data
OWN_DOCUMENTS = {"policy", "procedure", "plan", "contract_template", "training_record"}


def run(data: dict[str, Any], rubric: Rubric = IT,
        files: tuple[BundledFile, ...] = ()) -> Report:
    assessment = Assessment.model_validate(data)
    assert check_assessment(assessment, rubric) == []
    return score(rubric, assessment, as_of=AS_OF, profile=None,
                 fingerprints=Fingerprints("r", "i", files))


def answers(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every answer as a mapping (a bare value becomes ``{value: ...}``)."""
    out = data["answers"]
    for cid, answer in out.items():
        if not isinstance(answer, dict):
            out[cid] = {"value": answer}
    return out


def codes(report: Report) -> set[str]:
    return {f.code for f in report.flags}


def control(report: Report, cid: str) -> Any:
    return next(c for c in report.controls if c.id == cid)


def cite_everywhere(base: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for answer in answers(data).values():
        if answer["value"] != "not_applicable":
            answer["evidence"] = [*answer.get("evidence", []), dict(item)]
    return data


BASE = run(MERIDIAN)


def test_relabelled_own_documents_count_as_claims_and_say_what_they_lack() -> None:
    data = copy.deepcopy(MERIDIAN)
    relabelled = 0
    for answer in answers(data).values():
        for item in answer.get("evidence", []):
            if item["kind"] in OWN_DOCUMENTS:
                item["kind"] = "audit_report" if relabelled % 2 else "certificate"
                relabelled += 1
    assert relabelled >= 5
    report = run(data)
    assert report.trust_score <= BASE.trust_score + 2
    assert "evidence-unidentified" in codes(report)
    lacking = [item for c in report.controls for item in c.evidence
               if item.status is EvidenceStatus.UNIDENTIFIED]
    assert lacking and all(item.lacks for item in lacking)
    assert any("no issuer" in item.lacks for item in lacking)


def test_one_title_only_audit_report_on_every_answer_gains_nothing() -> None:
    report = run(cite_everywhere(MERIDIAN, {"kind": "audit_report",
                                            "title": "Independent audit report"}))
    assert report.trust_score <= BASE.trust_score + 2
    assert report.confidence == BASE.confidence
    flagged = [f for f in report.flags if f.code == "evidence-unidentified"]
    assert flagged and "no issuer, no reference number, no issue date" in flagged[0].message


def test_a_registry_entry_on_the_vendors_own_domain_is_no_independent_locator() -> None:
    data = copy.deepcopy(MERIDIAN)
    data["vendor"]["website"] = "https://www.meridian-soft.example"
    item = {"kind": "registry_entry", "title": "Certification registry entry",
            "issuer": "Meridian Registry", "reference": "MS-2026-771",
            "url": "https://registry.meridian-soft.example/certs/MS-2026-771"}
    report = run(cite_everywhere(data, item))
    assert report.trust_score <= BASE.trust_score + 2
    flagged = [f for f in report.flags if f.code == "evidence-unidentified"]
    assert any("on the vendor's own domain" in f.message for f in flagged)


def test_one_genuine_report_counts_only_where_it_can_speak() -> None:
    soc2 = {"kind": "attestation_report", "title": "SOC 2 Type II report",
            "issuer": "Example Assurance LLP", "reference": "MS-SOC2-2026",
            "issued": "2026-08-15", "period_start": "2025-07-01", "period_end": "2026-06-30"}
    report = run(cite_everywhere(MERIDIAN, soc2))
    out_of_reach = [f for f in report.flags if f.code == "evidence-out-of-reach"]
    assert len(out_of_reach) == 1                      # one flag for the item, not one each
    named = set(out_of_reach[0].controls)
    assert {"DEL-09", "PEO-06", "GOV-07"} <= named     # delivery, attrition, insurance
    for cid in ("DEL-09", "PEO-06", "GOV-07"):      # no more credit than before
        assert control(report, cid).credibility == control(BASE, cid).credibility, cid
    assert control(report, "SEC-05").credibility == 1.0  # within its reach it counts in full


def test_a_platform_profile_on_every_freelancer_answer_reaches_only_the_track_record() -> None:
    base = run(SANA, FREELANCE)
    report = run(cite_everywhere(SANA, {"kind": "platform_profile",
                                        "title": "Top Rated profile",
                                        "url": "https://www.upwork.example/freelancers/sana"}),
                 FREELANCE)
    assert "evidence-out-of-reach" in codes(report)
    for c in report.controls:
        if c.domain in ("account_security", "data_handling", "contracts", "continuity"):
            assert c.credibility == control(base, c.id).credibility, c.id


def test_an_insurance_certificate_backs_one_control_and_elsewhere_is_out_of_reach() -> None:
    policy = {"kind": "insurance_certificate", "title": "Cyber liability policy",
              "issuer": "Example Insurance plc", "reference": "POL-88121",
              "issued": "2026-01-01", "expires": "2027-01-01"}
    data = copy.deepcopy(MERIDIAN)
    for cid in ("GOV-07", "GOV-08"):
        answers(data)[cid]["evidence"] = [dict(policy)]
    report = run(data)
    assert "evidence-out-of-reach" in codes(report)
    assert "evidence-reused" not in codes(report)   # the out-of-reach citation is no reuse
    assert control(report, "GOV-07").tier == "third_party"
    assert control(report, "GOV-08").tier == "self_declared"


def _worth(c: Any) -> float:
    """What a third-party item adds over a bare claim (factor 0.4, at most level 2)."""
    return c.max_points / 4 * (c.level - 0.4 * min(c.level, 2))


def test_one_item_cited_in_reach_beyond_its_kinds_limit_backs_only_the_best_four() -> None:
    # client_reference: within reach for delivery, limit 4; cited for five controls.
    reference = {"kind": "client_reference", "title": "Reference from a retail client",
                 "issuer": "Example Retail GmbH", "issued": "2026-05-01"}
    base = copy.deepcopy(MERIDIAN)
    cited = ["DEL-01", "DEL-02", "DEL-03", "DEL-04", "DEL-05"]
    for cid in cited:
        answers(base)[cid]["evidence"] = []
    beyond = copy.deepcopy(base)
    for cid in cited:
        answers(beyond)[cid]["evidence"] = [dict(reference)]
    over = run(beyond)
    bare = run(base)
    least = min(cited, key=lambda cid: (_worth(control(bare, cid)), cid))
    best = [cid for cid in cited if cid != least]
    assert all(control(over, cid).tier == "third_party" for cid in best)
    assert control(over, least).tier == "self_declared"
    assert [j.status for j in control(over, least).evidence] == [EvidenceStatus.OVERUSED]
    flag = next(f for f in over.flags if f.code == "evidence-reused")
    assert flag.controls == [least] and flag.effect == "not_counted"
    assert "more controls than the 4 one can back" in flag.message
    # the fifth citation earns exactly what citing the best four does: never more
    within = copy.deepcopy(base)
    for cid in best:
        answers(within)[cid]["evidence"] = [dict(reference)]
    at_limit = run(within)
    assert "evidence-reused" not in codes(at_limit)
    assert over.trust_score == at_limit.trust_score


def test_an_item_cited_out_of_reach_beyond_its_limit_backs_nothing() -> None:
    # Five citations where a client reference cannot attest (security controls), one
    # where it can: padding, so it counts as a claim on DEL-01 too.
    reference = {"kind": "client_reference", "title": "Reference from a retail client",
                 "issuer": "Example Retail GmbH", "issued": "2026-05-01"}
    base = copy.deepcopy(MERIDIAN)
    answers(base)["DEL-01"]["evidence"] = [dict(reference)]
    honest = run(base)
    assert control(honest, "DEL-01").tier == "third_party"
    padded = copy.deepcopy(base)
    astray = ["SEC-01", "SEC-02", "SEC-03", "SEC-04", "SEC-05"]
    for cid in astray:
        answers(padded)[cid]["evidence"] = [dict(reference)]
    report = run(padded)
    assert control(report, "DEL-01").tier == "self_declared"
    flag = next(f for f in report.flags if f.code == "evidence-reused")
    assert flag.controls == ["DEL-01"] and "cannot attest" in flag.message
    assert report.trust_score < honest.trust_score
    four = copy.deepcopy(base)            # at the limit it is only out of reach there
    for cid in astray[:4]:
        answers(four)[cid]["evidence"] = [dict(reference)]
    assert control(run(four), "DEL-01").tier == "third_party"


@pytest.mark.parametrize(("url", "own"), [
    ("https://meridian-soft.example/x", True),
    ("https://status.meridian-soft.example/", True),
    ("https://MERIDIAN-SOFT.EXAMPLE./x", True),
    ("https://iso.example@meridian-soft.example/", True),      # userinfo is not the host
    ("https://meridian-soft.example.evil.example/", False),
    ("https://notmeridian-soft.example/", False),
    ("https://registry.example/meridian-soft.example", False),
    ("https://[::1", False),                                   # unparseable: not own
])
def test_own_domain_is_the_host_or_a_subdomain_of_it(url: str, own: bool) -> None:
    vendor = Vendor(name="Meridian", country="PK", headcount=5,
                    website="https://www.meridian-soft.example")
    assert on_own_domain(url, own_domains(vendor)) is own


def test_the_contact_email_domain_counts_as_own() -> None:
    data = copy.deepcopy(MERIDIAN)
    domain = data["vendor"]["contact"]["email"].rpartition("@")[2]
    item = {"kind": "public_status_page", "title": "Status page", "url": f"https://{domain}/s"}
    answers(data)["COM-09"]["evidence"] = [item]
    # a status page may live on the vendor's domain: it needs only a link, and counts as an
    # export of the vendor's own system, never as independent proof
    c = control(run(data), "COM-09")
    assert c.evidence[0].status is EvidenceStatus.VALID and c.credibility == 0.85


CERT = {"kind": "certificate", "title": "ISO/IEC 27001:2022 certificate",
        "issuer": "Example Certification Ltd", "reference": "IS 771204",
        "issued": "2025-03-01", "expires": "2028-02-28"}


def _with_cert(**changes: Any) -> Report:
    data = copy.deepcopy(MERIDIAN)
    answers(data)["SEC-01"] = {"value": "certified_full_scope",
                               "evidence": [{**CERT, **changes}]}
    return run(data)


def test_a_plausible_certificate_counts_in_full() -> None:
    c = control(_with_cert(), "SEC-01")
    assert c.evidence[0].status is EvidenceStatus.VALID and c.credibility == 1.0


@pytest.mark.parametrize(("changes", "doubt"), [
    ({"issuer": "ISO Certification Board"}, "names a standard"),
    ({"issuer": "American Institute of Certified Public Accountants"}, "names a standard"),
    ({"reference": "12345"}, "looks made up"),
    ({"reference": "AAAA"}, "looks made up"),
    ({"reference": "X1"}, "looks made up"),
    ({"expires": "2099-12-31"}, "longer than the 1110 a certificate runs"),
])
def test_invented_credentials_count_as_claims_and_need_verification(
        changes: dict[str, str], doubt: str) -> None:
    report = _with_cert(**changes)
    item = control(report, "SEC-01").evidence[0]
    assert item.status is EvidenceStatus.IMPLAUSIBLE
    assert any(doubt in d for d in item.doubts), item.doubts
    assert "evidence-implausible" in codes(report) and report.needs_verification
    assert report.trust_score <= _with_cert().trust_score


def test_one_forged_item_means_no_other_item_is_taken_at_face_value() -> None:
    honest = run(MERIDIAN)
    forged = _with_cert(reference="12345")
    assert honest.verified_share > 0
    flag = next(f for f in forged.flags if f.code == "evidence-discredited")
    assert flag.severity == "critical" and flag.effect == "needs_verification"
    others = [j for c in forged.controls if c.id != "SEC-01" for j in c.evidence]
    assert others and {j.status for j in others} <= {
        EvidenceStatus.DISCREDITED, EvidenceStatus.UNIDENTIFIED, EvidenceStatus.OUT_OF_REACH,
        EvidenceStatus.EXPIRED}
    assert EvidenceStatus.DISCREDITED in {j.status for j in others}
    assert forged.verified_share == 0 and forged.confidence == "low"
    assert forged.trust_score < honest.trust_score       # the fake costs, never pays
    assert set(flag.controls) == {c.id for c in forged.controls if any(
        j.status is EvidenceStatus.DISCREDITED for j in c.evidence)}


def test_an_issuer_that_only_mentions_the_standard_is_not_doubted() -> None:
    c = control(_with_cert(issuer="BSI Group, ISO/IEC 27001 certification body"), "SEC-01")
    assert c.evidence[0].status is EvidenceStatus.VALID


def test_one_number_on_two_kinds_of_certificate_is_doubted() -> None:
    data = copy.deepcopy(MERIDIAN)
    answers(data)["SEC-01"] = {"value": "certified_full_scope", "evidence": [dict(CERT)]}
    answers(data)["GOV-07"]["evidence"] = [{
        "kind": "insurance_certificate", "title": "Cyber policy", "issuer": "Example plc",
        "reference": "IS-771204", "issued": "2026-01-01", "expires": "2027-01-01"}]
    report = run(data)
    assert control(report, "GOV-07").evidence[0].status is EvidenceStatus.IMPLAUSIBLE
    assert control(report, "SEC-01").evidence[0].status is EvidenceStatus.IMPLAUSIBLE


SOC2 = {"kind": "attestation_report", "title": "SOC 2 report", "issuer": "Example CPA LLP",
        "reference": "MS-SOC2-26", "issued": "2026-08-15"}


@pytest.mark.parametrize(("start", "end", "plausible"), [
    ("2025-07-01", "2026-06-30", True),      # a twelve-month Type II
    ("2026-06-30", "2026-06-30", True),      # a point in time: Type I
    ("2026-06-16", "2026-06-30", False),     # a two-week "Type II"
    ("2023-07-01", "2026-06-30", False),     # three years in one report
    ("2026-01-01", "2026-12-31", False),     # issued before its period ends
])
def test_a_reports_period_must_be_plausible(start: str, end: str, plausible: bool) -> None:
    data = copy.deepcopy(MERIDIAN)
    answers(data)["SEC-02"] = {"value": "type2_current", "evidence": [
        {**SOC2, "period_start": start, "period_end": end}]}
    status = control(run(data), "SEC-02").evidence[0].status
    assert (status is EvidenceStatus.VALID) is plausible, status


def test_a_twenty_year_insurance_policy_is_doubted() -> None:
    data = copy.deepcopy(MERIDIAN)
    answers(data)["GOV-07"]["evidence"] = [{
        "kind": "insurance_certificate", "title": "Cyber policy", "issuer": "Example plc",
        "reference": "POL-88121", "issued": "2026-01-01", "expires": "2046-01-01"}]
    assert control(run(data), "GOV-07").evidence[0].status is EvidenceStatus.IMPLAUSIBLE


def test_a_2019_pentest_does_not_back_tested_within_12_months() -> None:
    data = copy.deepcopy(MERIDIAN)
    answers(data)["SEC-10"] = {"value": "within_12_months_all_closed", "evidence": [{
        "kind": "pentest_letter", "title": "Penetration test letter",
        "issuer": "Example Security Ltd", "reference": "PT-2019-044", "issued": "2019-05-10"}]}
    report = run(data)
    assert "pentest-not-recent" in codes(report)
    c = control(report, "SEC-10")
    assert c.level == 1 and "CR-14" in c.rules


def test_an_assessment_older_than_the_rubric_allows_is_stale() -> None:
    data = copy.deepcopy(MERIDIAN)
    data["assessed_on"] = "2025-02-01"                      # 21 months before the as-of date
    report = run(data)
    stale = next(f for f in report.flags if f.code == "assessment-stale")
    assert stale.severity == "warning" and "stale" in stale.message
    assert report.needs_verification
    order = ["low", "medium", "high"]
    assert order.index(report.confidence.value) == max(
        0, order.index(run(copy.deepcopy(MERIDIAN)).confidence.value) - 1)


@pytest.mark.parametrize("sample", sorted(p.stem for p in SAMPLES.glob("*.yaml")))
def test_no_sample_evidence_is_doubted(sample: str) -> None:
    """The samples' evidence is what honest firms give: none of it is implausible."""
    from trustscore.loading.load import load_for_scoring

    loaded, rubric = load_for_scoring(SAMPLES / f"{sample}.yaml", None)
    report = score(rubric.rubric, loaded.assessment, as_of=loaded.assessment.assessed_on,
                   profile=None, fingerprints=Fingerprints("r", "i"))
    assert "evidence-implausible" not in codes(report)
