"""``history``, ``due`` and ``batch --alert`` over a store recorded quarter by quarter:
each kind of change is found, each alert raised (exit 1), and nothing when nothing moved."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import GOLDEN, SAMPLES, run_limited
from trustscore.engine.history import change
from trustscore.models.history import ControlLine, ExpiringItem, HistoryPoint
from trustscore.render.history import change_words

Q1, Q2 = "2026-11-01", "2027-02-01"


def quarter(tmp_path: Path, name: str, edit: dict[str, Any] | None = None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    for file, changer in (edit or {}).items():
        data = yaml.safe_load((folder / file).read_text(encoding="utf-8"))
        changer(data)
        (folder / file).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def record(folder: Path, as_of: str, *extra: str) -> Any:
    return run_limited("batch", folder.name, "--record", "p.db", "--as-of", as_of, *extra,
                       cwd=folder.parent)


def cli(tmp_path: Path, *args: str) -> Any:
    return run_limited(*args, cwd=tmp_path)


def _drop_dpa(data: dict[str, Any]) -> None:
    data["answers"]["DAT-01"] = "none"


def _fix_harbor(data: dict[str, Any]) -> None:
    data["answers"]["GOV-04"] = {"value": "disclosed",
                                 "evidence": [{"kind": "policy", "title": "Subcontractor list"}]}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    assert record(quarter(tmp_path, "q1"), Q1).returncode == 0
    q2 = quarter(tmp_path, "q2", {"danube-eu-personal-data.yaml": _drop_dpa,
                                  "harbor-expired-knockout.yaml": _fix_harbor})
    proc = record(q2, Q2, "--alert", "-f", "json")
    assert proc.returncode == 1, proc.stderr  # alerts fire
    (tmp_path / "alerts.json").write_text(proc.stdout, encoding="utf-8")
    return tmp_path


def test_alerts_name_each_kind_of_change(store: Path) -> None:
    alerts = json.loads((store / "alerts.json").read_text(encoding="utf-8"))["alerts"]
    by_key = {a["vendor_key"]: a["change"] for a in alerts}
    danube = by_key["web:danube-data.example.rs"]
    assert danube["knockouts_failed"] == ["DAT-01"] and danube["grade_dropped"]
    assert "knockout-failed" in danube["critical_flags_new"]
    northwind = by_key["web:northwind.example.com"]  # its insurance certificate lapsed
    assert [i["title"] for i in northwind["lapsed"]] == [
        "Cyber liability certificate of insurance"]
    # harbor got better (a knockout fixed): no alert; lotus did not move: no alert
    assert "web:harbor-digital.example.in" not in by_key
    assert "name:lotus code works" not in by_key


def test_alert_text_on_stderr_and_exit_codes(tmp_path: Path) -> None:
    assert record(quarter(tmp_path, "q1"), Q1).returncode == 0
    same = record(tmp_path / "q1", Q1, "--alert")
    assert same.returncode == 0 and "alert" not in same.stderr  # nothing new recorded
    q2 = quarter(tmp_path, "q2", {"danube-eu-personal-data.yaml": _drop_dpa})
    moved = record(q2, Q2, "--alert")
    assert moved.returncode == 1
    assert ("trustscore: alert: Danube Data Systems d.o.o. (web:danube-data.example.rs, "
            in moved.stderr)
    assert "knockouts newly failed: DAT-01" in moved.stderr
    lonely = run_limited("batch", str(q2), "--alert", cwd=tmp_path)
    assert lonely.returncode == 2 and "--alert compares with the records of a store" \
        in lonely.stderr


def test_history_of_one_vendor(store: Path) -> None:
    proc = cli(store, "history", "p.db", "harbor")
    assert proc.returncode == 0, proc.stderr
    assert "Harbor Digital LLP (web:harbor-digital.example.in)" in proc.stdout
    assert f"{Q1} -> {Q2}: trust +" in proc.stdout and "knockouts fixed: GOV-04" in proc.stdout
    data = json.loads(cli(store, "history", "p.db", "web:harbor-digital.example.in",
                          "-f", "json").stdout)
    (vendor,) = data["vendors"]
    assert [r["as_of"] for r in vendor["records"]] == [Q1, Q2]
    assert vendor["changes"][0]["knockouts_fixed"] == ["GOV-04"]
    assert vendor["records"][0]["tool_version"] and vendor["records"][0]["rubric"]


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "markdown", "html"])
def test_history_of_every_vendor_in_every_format(store: Path, fmt: str) -> None:
    proc = cli(store, "history", "p.db", "-f", fmt)
    assert proc.returncode == 0, proc.stderr
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(proc.stdout)))
        assert len(rows) == 16 and {r["as_of"] for r in rows} == {Q1, Q2}
    if fmt == "html":
        assert proc.stdout.startswith("<!DOCTYPE html>") and "<polyline" in proc.stdout
        assert "<script" not in proc.stdout and "http" not in proc.stdout.replace(
            "harbor-digital.example.in", "")


def test_history_of_an_unknown_vendor(store: Path) -> None:
    proc = cli(store, "history", "p.db", "globex")
    assert proc.returncode == 2 and "no vendor 'globex' in p.db" in proc.stderr


def test_history_of_a_missing_store(tmp_path: Path) -> None:
    proc = cli(tmp_path, "history", "nope.db")
    assert proc.returncode == 2 and "nope.db: error: no such portfolio store" in proc.stderr
    assert not (tmp_path / "nope.db").exists()


def test_due_lists_expiring_evidence_and_stale_assessments(store: Path) -> None:
    proc = cli(store, "due", "p.db", "--as-of", Q2, "--within", "120d", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)["items"]
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)
    overdue = {(i["vendor_key"], i["due"]) for i in items if i["overdue"]}
    assert ("web:northwind.example.com", "2026-12-31") in overdue
    assert all(i["due"] <= "2027-06-01" for i in items)
    stale = cli(store, "due", "p.db", "--as-of", "2027-10-01", "--within", "30")
    assert "passes the rubric's 365 days" in stale.stdout
    bad = cli(store, "due", "p.db", "--within", "soon")
    assert bad.returncode == 2 and "--within takes a number of days" in bad.stderr


def point(**kw: Any) -> HistoryPoint:
    base: dict[str, Any] = {
        "file": "a.yaml", "vendor_name": "A", "as_of": dt.date(2026, 1, 1),
        "assessed_on": dt.date(2026, 1, 1), "rubric": "it-services@3.2.0",
        "rubric_sha256": "x", "tool_version": "1", "profile": "default", "trust_score": 60.0,
        "claimed_score": 70.0, "grade": "B", "confidence": "high", "failed_knockouts": (),
        "flag_codes": (), "critical_flag_codes": (), "reviewed": False,
        "declared_score": None, "domains": {"security": 50.0, "delivery": 70.0},
        "grade_rank": 1}
    base.update(kw)
    return HistoryPoint(**base)


def test_a_change_by_hand() -> None:
    cert = ExpiringItem("SEC-01", "certificate", "ISO", dt.date(2026, 3, 1), "valid")
    before = point(expiring=(cert,))
    after = point(as_of=dt.date(2026, 4, 1), trust_score=55.5, grade="C",
                  domains={"security": 40.0, "delivery": 70.004},
                  failed_knockouts=("SEC-03",), critical_flag_codes=("knockout-failed",),
                  expiring=(ExpiringItem("SEC-01", "certificate", "ISO", dt.date(2026, 3, 1),
                                         "expired"),), tool_version="2")
    c = change(before, replace(after, grade_rank=2))
    assert (c.trust_delta, c.grade_dropped, c.grade_rose) == (-4.5, True, False)
    assert c.domain_deltas == [("security", -10.0)]  # delivery moved less than 0.005
    assert c.knockouts_failed == ["SEC-03"] and c.critical_flags_new == ["knockout-failed"]
    assert [i.title for i in c.lapsed] == ["ISO"] and c.method_changed and c.alarming
    assert not change(before, before).alarming


def test_history_names_the_controls_that_moved(store: Path) -> None:
    data = json.loads(cli(store, "history", "p.db", "danube", "-f", "json").stdout)
    (step,) = data["vendors"][0]["changes"]
    assert step["controls_recorded"] and step["controls_improved"] == []
    dat01 = next(m for m in step["controls_regressed"] if m["control"] == "DAT-01")
    assert dat01["new_answer"] == "none" and dat01["change"] < 0
    assert dat01["new_points"] == 0.0 and dat01["old_tier"] is not None
    assert "controls regressed: DAT-01 " in cli(store, "history", "p.db", "danube").stdout


@pytest.mark.parametrize(("old", "new"), [
    ("danube-eu-personal-data", "lotus-honest-weak"),
    ("apex-overclaims", "northwind-certified"),
    ("harbor-expired-knockout", "meridian-midsize-gaps"),
    ("quickbuild-startup", "sana-iqbal-freelancer")])
def test_history_lists_the_controls_diff_lists(old: str, new: str) -> None:
    # the store's control lines against diff's full reports, on two very different files
    from trustscore.engine.comparison import diff
    from trustscore.engine.portfolio import row_of
    from trustscore.engine.score import Fingerprints, build_report, evaluate
    from trustscore.loading.load import load_for_scoring
    from trustscore.store.portfolio import point_of

    day = dt.date.fromisoformat(Q1)
    scored = []
    for name in (old, new):
        loaded, rubric_file = load_for_scoring(SAMPLES / f"{name}.yaml", None)
        ev = evaluate(rubric_file.rubric, loaded.assessment, as_of=day, profile=None,
                      fingerprints=Fingerprints(rubric_file.sha256, loaded.sha256))
        row = row_of(ev, name, None, None, controls=True)
        scored.append((build_report(ev), rubric_file.rubric,
                       point_of(row, as_of=Q1, tool_version="t")))
    (a, rubric, pa), (b, _, pb) = scored
    by_diff = diff(a, b, rubric, rubric, old, new, 30)
    by_history = change(pa, pb)
    assert by_history.controls_recorded
    # a report apportions its column to the cent; a control line is rounded alone
    for mine, theirs in ((by_history.controls_improved, by_diff.improved),
                         (by_history.controls_regressed, by_diff.regressed)):
        assert {m.id for m in mine if abs(m.change) > 0.03} == {
            t.id for t in theirs if abs(t.change) > 0.03}
        assert len(mine) > 0 or len(theirs) == 0
        found = {t.id: t for t in theirs}
        for m in mine:
            if m.id in found:
                t = found[m.id]
                assert abs(m.change - t.change) <= 0.02
                assert (m.old_answer, m.new_answer, m.old_tier, m.new_tier) == (
                    t.old_answer, t.new_answer, t.old_tier, t.new_tier)
                assert (m.rules_added, m.rules_removed) == (t.rules_added, t.rules_removed)


def test_records_without_control_lines_say_so() -> None:
    before, after = point(), point(as_of=dt.date(2026, 4, 1))
    line = ControlLine("SEC-01", 2.5, "yes", "documented", ())
    c = change(before, replace(after, controls=(line,)))
    assert not c.controls_recorded and c.controls_regressed == c.controls_improved == []
    assert "controls not compared" in "; ".join(change_words(c))
    moved = change(replace(before, controls=(line,)),
                   replace(after, controls=(replace(line, points=0.5, answer="partial",
                                                    rules=("CR-01",)),)))
    (m,) = moved.controls_regressed
    assert (m.id, m.change, m.rules_added) == ("SEC-01", -2.0, ["CR-01"])
    assert "controls regressed: SEC-01 -2.00 (yes -> partial; capped by CR-01)" in "; ".join(
        change_words(moved))


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("csv", "csv"),
                                             ("markdown", "md"), ("html", "html")])
def test_history_golden(store: Path, fmt: str, suffix: str, update_goldens: bool) -> None:
    proc = cli(store, "history", "p.db", "-f", fmt)
    golden = GOLDEN / "history" / f"history.{suffix}"
    if update_goldens:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(proc.stdout, encoding="utf-8")
    assert proc.stdout == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "suffix"), [("text", "txt"), ("json", "json"), ("csv", "csv")])
def test_due_golden(store: Path, fmt: str, suffix: str, update_goldens: bool) -> None:
    proc = cli(store, "due", "p.db", "--as-of", Q2, "--within", "365", "-f", fmt)
    golden = GOLDEN / "history" / f"due.{suffix}"
    if update_goldens:
        golden.write_text(proc.stdout, encoding="utf-8")
    assert proc.stdout == golden.read_text(encoding="utf-8")
