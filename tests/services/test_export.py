"""``export``: OSCAL that NIST's model (compliance-trestle) accepts, a Statement of
Applicability of all 93 Annex A controls, CAIQ answers that ``import caiq`` reads back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, SAMPLES, examples, write_yaml
from trustscore.engine.caiq_export import caiq_answers
from trustscore.engine.caiq_import import CROSSWALK, covered, import_sheet
from trustscore.loading.caiq_sheet import read_answer_sheet
from trustscore.loading.load import load_rubric
from trustscore.models.assessment import NOT_APPLICABLE, Assessment
from trustscore.models.caiq import CaiqAnswer, VendorFacts
from trustscore.models.iso27001 import ANNEX_A
from trustscore.render.options import Format
from trustscore.render.registry import render, render_text

RUBRIC = load_rubric("it-services").rubric
NORTHWIND = SAMPLES / "northwind-certified.yaml"
AS_OF = "2026-11-01"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def export(sample: Path, target: str, *extra: str) -> str:
    proc = run("export", str(sample), "--format", target, "--as-of", AS_OF, *extra)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def narrow(name: str, answers: dict[str, Any]) -> dict[str, Any]:
    """An it-services assessment of a small firm with the narrowest scope."""
    return {"format_version": 1, "rubric": "it-services",
            "vendor": {"name": name, "country": "PK", "headcount": 20},
            "assessed_on": "2026-10-01",
            "scope": {"processes_client_personal_data": False, "hosts_client_systems": False,
                      "handles_card_data": False, "client_regions": []},
            "answers": answers}


# ---------------------------------------------------------------- OSCAL


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_oscal_validates_against_the_oscal_models(sample: str) -> None:
    from trestle.oscal.assessment_results import Model

    document = json.loads(export(SAMPLES / sample, "oscal"))
    Model.model_validate(document)  # raises on any field OSCAL does not define or allow


def test_oscal_is_byte_identical_and_its_ids_follow_the_input(tmp_path: Path) -> None:
    first = export(NORTHWIND, "oscal")
    assert export(NORTHWIND, "oscal") == first
    changed = tmp_path / "n.yaml"
    changed.write_text(NORTHWIND.read_text(encoding="utf-8") + "\n# edited\n",
                       encoding="utf-8")
    other = json.loads(export(changed, "oscal"))["assessment-results"]
    assert other["uuid"] != json.loads(first)["assessment-results"]["uuid"]


def test_oscal_findings_are_satisfied_only_when_earned() -> None:
    document = json.loads(export(NORTHWIND, "oscal"))["assessment-results"]
    report = json.loads(run("score", str(NORTHWIND), "--as-of", AS_OF, "-f", "json").stdout)
    counted = {c["id"]: c for c in report["controls"]
               if c["status"] in ("answered", "missing")}
    findings = document["results"][0]["findings"]
    assert {f["target"]["target-id"] for f in findings} == set(counted)
    for finding in findings:
        c = counted[finding["target"]["target-id"]]
        earned = c["status"] == "answered" and c["contribution"] >= 0.75 * c["max_points"]
        assert finding["target"]["status"]["state"] == (
            "satisfied" if earned else "not-satisfied"), c["id"]
    states = {f["target"]["status"]["state"] for f in findings}
    assert states == {"satisfied", "not-satisfied"}


def test_a_bare_top_answer_is_not_satisfied(tmp_path: Path) -> None:
    data = narrow("Bare", {"SEC-06": 4})
    path = write_yaml(tmp_path / "bare.yaml", data)
    findings = json.loads(export(path, "oscal"))["assessment-results"]["results"][0][
        "findings"]
    sec06 = next(f for f in findings if f["target"]["target-id"] == "SEC-06")
    assert sec06["target"]["status"]["state"] == "not-satisfied"


# ---------------------------------------------------------------- Statement of Applicability


def test_the_soa_lists_all_93_annex_a_controls() -> None:
    ids = json.loads((DATA / "framework-ids.json").read_text(encoding="utf-8"))[
        "iso27001_2022_annex_a"]
    assert [a for a, _ in ANNEX_A] == ids and len(ids) == 93
    markdown = export(NORTHWIND, "soa")
    assert [line.split(" | ")[0][2:] for line in markdown.splitlines()
            if line.startswith("| A.")] == ids


def test_the_soa_csv(tmp_path: Path) -> None:
    out = tmp_path / "soa.csv"
    assert run("export", str(SAMPLES / "danube-eu-personal-data.yaml"), "-f", "soa",
               "--as-of", AS_OF, "-o", str(out)).returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["control"] for r in rows] == [a for a, _ in ANNEX_A]
    mapped = {m for c in RUBRIC.controls() for m in c.mappings.get("iso27001", [])}
    for row in rows:
        assert (row["applicability"] == "not assessed") == (row["control"] not in mapped)
        if row["applicability"] == "not applicable":
            assert row["justification"], row
        if row["implementation"] == "implemented":
            assert "satisfied" in row["trustscore_controls"]


def test_soa_justifies_a_control_out_of_scope(tmp_path: Path) -> None:
    data = narrow("Small", {})
    out = tmp_path / "soa.csv"
    path = write_yaml(tmp_path / "s.yaml", data)
    assert run("export", str(path), "-f", "soa", "-o", str(out)).returncode == 0
    rows = {r["control"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    only_privacy = [a for a, _ in ANNEX_A if rows[a]["applicability"] == "not applicable"]
    assert "A.8.11" in only_privacy  # data masking: only with client personal data
    assert "applies only when" in rows["A.8.11"]["justification"]
    assert rows["A.5.15"]["implementation"] == "not answered"


# ---------------------------------------------------------------- CAIQ out


def test_caiq_export_rows_and_layout() -> None:
    text = export(NORTHWIND, "caiq")
    rows = list(csv.reader(io.StringIO(text)))
    ccm = sorted({m for c in RUBRIC.controls() if covered(c) for m in c.mappings[CROSSWALK]})
    assert [r[0] for r in rows[2:]] == [f"{m}.1" for m in ccm]
    assert rows[1][:3] == ["Question ID", "Question", "CSP CAIQ Answer"]
    assert {r[2] for r in rows[2:]} <= {"Yes", "No", "NA", ""}


def test_caiq_text_cannot_become_a_formula(tmp_path: Path) -> None:
    data = narrow("=HYPERLINK(\"http://x\")", {"SEC-03": {"value": 100, "evidence": [
        {"kind": "policy", "title": "=cmd|' /C calc'!A0"}]}})
    path = write_yaml(tmp_path / "f.yaml", data)
    rows = list(csv.reader(io.StringIO(export(path, "caiq"))))
    iam14 = next(r for r in rows if r[0] == "IAM-14.1")
    assert iam14[4] == "SEC-03: =cmd|' /C calc'!A0"  # not at the start of the cell
    assert rows[0][0].startswith("CAIQ v4 answers of =HYPERLINK")
    out = tmp_path / "f.xlsx"
    assert run("export", str(path), "-f", "caiq", "-o", str(out)).returncode == 0
    sheet = openpyxl.load_workbook(out).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert str(sheet["A1"].value).startswith("CAIQ v4 answers of =HYPERLINK")


def test_export_picks_the_file_format_from_the_output_name(tmp_path: Path) -> None:
    proc = run("export", str(NORTHWIND), "-f", "oscal", "-o", str(tmp_path / "x.csv"))
    assert proc.returncode == 2 and "--format oscal writes json, not a '.csv' file" in proc.stderr
    proc = run("export", str(NORTHWIND), "-f", "sbom")
    assert proc.returncode == 2 and "--format must be one of caiq, oscal, soa" in proc.stderr
    assert not list(tmp_path.iterdir())


def test_export_caiq_then_import_gives_the_same_answers(tmp_path: Path) -> None:
    out = tmp_path / "n.xlsx"
    assert run("export", str(NORTHWIND), "-f", "caiq", "--as-of", AS_OF, "-o",
               str(out)).returncode == 0
    assert run("import", "caiq", str(out), "-o", str(tmp_path / "n.yaml")).returncode == 0


# ---------------------------------------------------------------- the round trip


def _groups() -> list[list[str]]:
    """Covered controls joined when they share a CCM control (one CAIQ row answers both)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    owner: dict[str, str] = {}
    for control in RUBRIC.controls():
        if covered(control):
            root(control.id)
            for ccm in control.mappings[CROSSWALK]:
                if ccm in owner:
                    parent[root(control.id)] = root(owner[ccm])
                owner.setdefault(ccm, control.id)
    found: dict[str, list[str]] = {}
    for cid in parent:
        found.setdefault(root(cid), []).append(cid)
    return list(found.values())


GROUPS = _groups()
CONTROLS = {c.id: c for c in RUBRIC.controls()}


@st.composite
def caiq_answers_for(draw: st.DrawFn) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for group in GROUPS:
        options = ["yes", "no", "open"]
        if all(CONTROLS[c].allow_not_applicable for c in group):
            options.append("na")
        pick = draw(st.sampled_from(options))
        chosen.update(dict.fromkeys(group, pick))
    return chosen


def _assessment(chosen: dict[str, str], title: str) -> Assessment:
    answers: dict[str, Any] = {}
    for cid, pick in chosen.items():
        caiq = CONTROLS[cid].caiq
        assert caiq is not None
        if pick == "yes":
            answers[cid] = {"value": caiq.if_yes,
                            "evidence": [{"kind": "policy", "title": title}]}
        elif pick == "no":
            answers[cid] = {"value": caiq.if_no}
        elif pick == "na":
            answers[cid] = {"value": NOT_APPLICABLE, "justification": title}
    return Assessment.model_validate({
        "format_version": 1, "rubric": "it-services",
        "vendor": {"name": "Round Trip", "country": "PK", "headcount": 20},
        "assessed_on": "2026-10-01",
        "scope": {"processes_client_personal_data": True, "hosts_client_systems": True,
                  "handles_card_data": True, "client_regions": ["EU"]},
        "answers": answers})


@settings(max_examples=examples(60))
@given(chosen=caiq_answers_for(),
       title=st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1,
                     max_size=40).filter(lambda t: t.strip() != ""),
       fmt=st.sampled_from([Format.CSV, Format.XLSX]))
def test_round_trip(chosen: dict[str, str], title: str, fmt: Format) -> None:
    original = _assessment(chosen, title)
    document = b"".join(p.encode("utf-8") if isinstance(p, str) else p
                        for p in render(caiq_answers(RUBRIC, original, "rt.yaml"), fmt))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"rt.{fmt.value}"
        path.write_bytes(document)
        sheet, _ = read_answer_sheet(path, path.name)
    back = import_sheet(sheet, "0" * 64, RUBRIC, VendorFacts(
        assessed_on=original.assessed_on)).assessment
    for cid, pick in chosen.items():
        if pick == "open":
            assert cid not in back.answers, cid
        else:
            assert back.answers[cid].value == original.answers[cid].value, (cid, pick)


def test_round_trip_is_as_cautious_when_shared_rows_disagree() -> None:
    # DEL-01 and DEL-12 share CCC-02: one Yes and one No make the shared row a No
    chosen = {cid: "yes" for group in GROUPS for cid in group}
    chosen["DEL-12"] = "no"
    export_rows = caiq_answers(RUBRIC, _assessment(chosen, "t"), "x").rows
    assert next(r for r in export_rows if r.question == "CCC-02.1").answer is CaiqAnswer.NO
    assert render_text(caiq_answers(RUBRIC, _assessment(chosen, "t"), "x"), Format.CSV)
