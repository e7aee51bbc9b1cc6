"""The shipped rubrics: real framework identifiers, complete controls, the promised shape.

Framework identifiers are checked against tests/data/framework-ids.json, a copy of the
reference list of every ISO/IEC 27001:2022 Annex A control and clause, SOC 2 (2017 TSC)
criterion and NIST CSF 2.0 function, category and subcategory.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import DATA, ROOT
from trustscore.loading.builtin import builtin_rubrics
from trustscore.loading.load import load_rubric
from trustscore.models.rubric import AnswerType, Rubric

IDS = json.loads((DATA / "framework-ids.json").read_text(encoding="utf-8"))
NIST = set(IDS["nist_csf_2_0"]["functions"]) | set(IDS["nist_csf_2_0"]["categories"]) | set(
    IDS["nist_csf_2_0"]["subcategories"])
CCM_V4 = [line for line in (DATA / "ccm-v4-control-ids.txt").read_text(
    encoding="utf-8").splitlines() if line and not line.startswith("#")]
CHECKED_LISTS = {
    "ccm_v4": set(CCM_V4),
    "iso27001": set(IDS["iso27001_2022_annex_a"]),
    "iso27001_clauses": set(IDS["iso27001_2022_clauses"]),
    "soc2": set(IDS["soc2_tsc_2017"]),
    "nist_csf": NIST,
}
PATTERNS = {
    "cis_v8": re.compile(r"^\d{1,2}\.\d{1,2}$"),
    "owasp_samm": re.compile(r"^[GDIVO]-[A-Z]{2}$"),
    "gdpr": re.compile(r"^Art\.\d+(\(\d+\))?(\([a-h]\))?$"),
    "pci_dss_4": re.compile(r"^\d{1,2}(\.\d{1,2}){1,3}$"),
    "dora_metrics": re.compile(r"^(deployment_frequency|lead_time_for_changes|"
                               r"change_failure_rate|failed_deployment_recovery_time)$"),
}
RUBRICS = sorted(builtin_rubrics())


def rubric(rubric_id: str) -> Rubric:
    return load_rubric(rubric_id).rubric


def test_both_rubrics_ship() -> None:
    assert {"it-services", "freelancer"} <= set(RUBRICS)


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_every_framework_identifier_exists(rubric_id: str) -> None:
    unknown = []
    for control in rubric(rubric_id).controls():
        for framework, ids in control.mappings.items():
            assert framework in CHECKED_LISTS or framework in PATTERNS, (
                f"{control.id}: unknown framework key '{framework}'")
            for ident in ids:
                ok = (ident in CHECKED_LISTS[framework] if framework in CHECKED_LISTS
                      else bool(PATTERNS[framework].match(ident)))
                if not ok:
                    unknown.append(f"{control.id} {framework} {ident}")
    assert unknown == []


def test_the_ccm_list_has_the_197_controls_of_its_17_domains() -> None:
    assert len(CCM_V4) == len(set(CCM_V4)) == 197
    assert len({cid.split("-")[0] for cid in CCM_V4}) == 17


def test_the_caiq_crosswalk_never_reads_a_yes_as_the_top_answer() -> None:
    from trustscore.models.answer_types import answer_kind

    it = rubric("it-services")
    imported = [c for c in it.controls() if c.caiq is not None]
    assert len(imported) >= 35
    for control in imported:
        kind = answer_kind(control.answer)
        assert control.mappings["ccm_v4"], control.id
        yes = kind.points(control.answer, control.caiq.if_yes)
        no = kind.points(control.answer, control.caiq.if_no)
        assert no == 0 < yes, control.id
        if control.answer.type is not AnswerType.YES_NO:
            assert yes < kind.best_points(control.answer), control.id
    # a crosswalk-only control has CCM ids but no CAIQ reading (a Yes says too little)
    sec01 = next(c for c in it.controls() if c.id == "SEC-01")
    assert sec01.caiq is None and sec01.mappings["ccm_v4"]


@pytest.mark.parametrize(("edit", "replacement", "message"), [
    ("caiq: {if_yes: 95, if_no: 0}", "caiq: {if_yes: 100, if_no: 0}",
     "cannot stand for the top answer"),
    ("ccm_v4: [IAM-14]", "ccm_v4: [IAM-99x]", "'IAM-99x' is not a CCM v4 control id"),
    ("caiq: {if_yes: 95, if_no: 0}", "caiq: {if_yes: lots, if_no: 0}",
     "SEC-03 must be a percentage between 0 and 100, got 'lots'"),
])
def test_lint_refuses_a_top_yes_and_a_malformed_ccm_id(tmp_path: Any, edit: str,
                                                        replacement: str, message: str) -> None:
    from trustscore.errors import InputError
    from trustscore.loading.load import load_rubric_file

    source = (ROOT / "rubrics" / "it-services.yaml").read_text(encoding="utf-8")
    assert edit in source
    bad = tmp_path / "bad.yaml"
    bad.write_text(source.replace(edit, replacement, 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rubric_file(bad, "bad.yaml")
    problems = info.value.problems
    assert len(problems) == 1 and message in problems[0].message, problems


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_every_control_is_complete(rubric_id: str) -> None:
    for control in rubric(rubric_id).controls():
        assert "?" in control.question, control.id      # it asks something
        assert control.evidence_expected, control.id
        assert set(control.mappings) & {"iso27001", "iso27001_clauses", "soc2", "nist_csf"}, (
            f"{control.id} maps to none of ISO/IEC 27001, SOC 2 or NIST CSF")
        assert control.remediation.hint.endswith("."), control.id
        if control.answer.type is AnswerType.MATURITY:
            assert control.answer.levels and len(control.answer.levels) == 5
        if control.knockout is not None:
            assert len(control.knockout.reason) > 20, control.id


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_profiles_are_explained_and_cover_real_domains(rubric_id: str) -> None:
    r = rubric(rubric_id)
    assert len(r.profiles) >= 3
    domains = {d.id for d in r.domains}
    for profile in r.profiles:
        assert len(profile.description) > 60
        assert set(profile.weights) == domains


def test_default_rubric_shape() -> None:
    r = rubric("it-services")
    assert [d.id for d in r.domains] == ["security", "governance", "communication", "delivery",
                                         "continuity", "data_protection", "people"]
    assert 50 <= len(r.controls()) <= 80
    knockouts = [c.id for c in r.controls() if c.knockout]
    assert len(knockouts) >= 10
    # the knockouts the issue names: MFA, incident response plan, breach notification and
    # DPA with personal data, undisclosed subcontractors, untested backups, version control,
    # NDA and IP assignment, security awareness training
    assert {"SEC-03", "SEC-06", "DAT-01", "DAT-02", "GOV-04", "BCP-05", "DEL-01", "PEO-03",
            "PEO-01"} <= set(knockouts)
    delivery = next(d for d in r.domains if d.id == "delivery")
    assert "DevOps Research & Assessment" in delivery.description
    assert "not the EU regulation" in delivery.description


def test_dora_metrics_use_gap_free_bands_and_allow_not_applicable() -> None:
    controls = {c.id: c for c in rubric("it-services").controls()}
    for cid in ("DEL-02", "DEL-03", "DEL-04", "DEL-05"):
        assert controls[cid].allow_not_applicable
        assert "dora_metrics" in controls[cid].mappings
    cfr = controls["DEL-04"].answer
    assert cfr.bands is not None and cfr.bands[-1].at_most is None   # catch-all last band


def test_continuity_asks_what_power_cuts_and_outages_need() -> None:
    titles = {c.id: c.title for c in rubric("it-services").controls()
              if c.id.startswith("BCP-")}
    assert titles["BCP-06"] == "Power autonomy"
    assert titles["BCP-07"] == "Internet link diversity"
    assert titles["BCP-08"] == "Outage playbooks"
    assert "demonstrated" in titles["BCP-02"] and "demonstrated" in titles["BCP-03"]


def test_conditional_controls_name_their_condition() -> None:
    controls = {c.id: c for c in rubric("it-services").controls()}
    assert controls["DAT-01"].applies_when is not None
    assert controls["DAT-01"].applies_when.processes_client_personal_data is True
    assert controls["DAT-08"].applies_when is not None
    assert controls["DAT-08"].applies_when.handles_card_data is True
    assert controls["BCP-10"].applies_when is not None
    assert controls["BCP-10"].applies_when.hosts_client_systems is True
    transfers = controls["DAT-05"].applies_when
    assert transfers is not None and transfers.client_regions_any == ["EU", "EEA", "UK"]


def test_freelancer_rubric_covers_what_solo_workers_can_show() -> None:
    r = rubric("freelancer")
    assert [d.id for d in r.domains] == ["account_security", "data_handling", "contracts",
                                         "communication", "delivery_record", "continuity"]
    assert "platform_profile" in r.evidence.kinds
    assert not any("27001 certification" in c.title for c in r.controls())
