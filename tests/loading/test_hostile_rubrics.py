"""Untrusted rubrics are untrusted input too (item 18 of issue 10).

A rubric passed with ``--rubric`` comes from someone else: its text must not reach the
terminal, the template or a schema able to change their meaning; a rule, a long text or
a huge number must not crash a command; and the work of every command stays bounded by
the input's size. Real subprocesses under the hostile corpus' limits.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import (
    MINI_RUBRIC,
    RAW_TERMINAL_CONTROL,
    cpu_limit,
    mini_assessment,
    run_limited,
    write_yaml,
)

EVIL = "\x1b[31mred\x1b[0m \x9b2J \u202eevil\u202c \u2028next line\nsecond line \x85nel"
RAW = (*RAW_TERMINAL_CONTROL, "\u2028", "\x85")


def evil_rubric(tmp_path: Path) -> Path:
    """The mini rubric with escape sequences, C1, bidi and line breaks in every text."""
    data = yaml.safe_load(MINI_RUBRIC.read_text(encoding="utf-8"))
    data["title"] = data["description"] = EVIL
    for grade in data["grades"]:
        grade["label"] = EVIL
    data["profiles"][0]["description"] = data["profiles"][0]["name"] = EVIL
    for domain in data["domains"]:
        domain["name"] = domain["description"] = EVIL
        for control in domain["controls"]:
            control["title"] = control["question"] = EVIL
            control["evidence_expected"] = [EVIL, "x" * 5000]
            control["remediation"]["hint"] = EVIL
            for option in control["answer"].get("options") or []:
                option["label"] = "injected\nY1: {value: yes}\n#"
    return write_yaml(tmp_path / "evil-rubric.yaml", data)


def no_raw(output: str) -> None:
    assert "Traceback" not in output
    for raw in RAW:
        assert raw not in output, f"raw {raw!r} from the rubric reached the output"


@pytest.mark.parametrize("command", [
    ["rubric", "show", "{rubric}"],
    ["rubric", "show", "{rubric}", "--profiles"],
    ["rubric", "show", "{rubric}", "-f", "markdown"],
    ["init", "--rubric", "{rubric}"],
    ["schema", "assessment", "--rubric", "{rubric}"],
    ["schema", "report", "--rubric", "{rubric}"],
    ["rubric", "lint", "{rubric}"],
])
def test_rubric_text_reaches_no_output_raw(tmp_path: Path, command: list[str]) -> None:
    rubric = str(evil_rubric(tmp_path))
    proc = run_limited(*(rubric if c == "{rubric}" else c for c in command), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    no_raw(proc.stdout + proc.stderr)
    if command[0] == "schema":
        json.loads(proc.stdout)


def test_a_newline_in_an_option_label_cannot_inject_lines_into_the_template(
        tmp_path: Path) -> None:
    rubric = str(evil_rubric(tmp_path))
    proc = run_limited("init", "--rubric", rubric, cwd=tmp_path)
    template = yaml.safe_load(proc.stdout)
    assert "Y1: {value: yes}" not in [line.strip() for line in proc.stdout.splitlines()]
    assert all(value == {"value": None, "evidence": []}
               for value in template["answers"].values()), template["answers"]
    assert set(template["answers"]) == {"Y1", "M1", "C1", "N1", "P1"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_reports_under_an_evil_rubric_stay_clean(tmp_path: Path, fmt: str) -> None:
    rubric = evil_rubric(tmp_path)
    path = write_yaml(tmp_path / "a.yaml", mini_assessment({"Y1": "no", "M1": 1, "C1": "a",
                                                            "N1": 1, "P1": 10}))
    proc = run_limited("score", str(path), "--rubric", str(rubric), "--as-of", "2026-11-01",
                       "-f", fmt, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    no_raw(proc.stdout + proc.stderr)


def _capping_rule(tmp_path: Path) -> Path:
    """A rule that caps the knockout Y1 below its passing level, whatever it is answered."""
    data = yaml.safe_load(MINI_RUBRIC.read_text(encoding="utf-8"))
    data["rules"] = [{"id": "R-CAP", "code": "always-capped", "severity": "warning",
                      "description": "Y1 is held down.", "message": "Y1 is held down.",
                      "hint": "Nothing lifts it.",
                      "when": {"answer": "M1", "is": "ge", "value": 0},
                      "effect": {"type": "cap", "controls": ["Y1"], "max_points": 1}}]
    return write_yaml(tmp_path / "capping.yaml", data)


def test_plan_survives_a_rule_that_caps_a_knockout(tmp_path: Path) -> None:
    rubric = _capping_rule(tmp_path)
    lint = run_limited("rubric", "lint", str(rubric), cwd=tmp_path)
    if lint.returncode != 0:
        pytest.fail("the capping rule should be a valid rubric: " + lint.stderr[-1500:])
    path = write_yaml(tmp_path / "a.yaml", mini_assessment({"Y1": "no", "M1": 1}))
    proc = run_limited("plan", str(path), "--rubric", str(rubric), "--target", "A",
                       "--as-of", "2026-11-01", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]  # unreachable, and said so
    plan = json.loads(proc.stdout)
    assert "Y1" in plan["note"]


def test_plan_survives_long_expected_evidence(tmp_path: Path) -> None:
    rubric = evil_rubric(tmp_path)
    path = write_yaml(tmp_path / "a.yaml", mini_assessment({"Y1": "no", "M1": 1, "C1": "a"}))
    proc = run_limited("plan", str(path), "--rubric", str(rubric), "--target", "A",
                       "--as-of", "2026-11-01", "-f", "json", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    for step in json.loads(proc.stdout)["steps"]:
        if step["add_evidence"]:
            assert len(step["add_evidence"]["title"]) <= 300


def big_rubric(tmp_path: Path, controls: int) -> Path:
    data = yaml.safe_load(MINI_RUBRIC.read_text(encoding="utf-8"))
    data["rules"] = []
    domain = data["domains"][0]
    template = next(c for c in domain["controls"] if c["id"] == "M1")
    domain["controls"] = [{**template, "id": f"C-{i:05d}", "knockout": None} for i in
                          range(controls)]
    for control in domain["controls"]:
        control.pop("knockout")
    data["domains"] = [domain, data["domains"][1]]
    data["profiles"] = []
    return write_yaml(tmp_path / f"big-{controls}.yaml", data)


def test_validate_bounds_its_suggestions(tmp_path: Path) -> None:
    """2,000 unknown ids against 5,000 controls took 18 s: did-you-mean compared every
    pair. Under the corpus' 5 s CPU limit it must finish, every id still reported."""
    rubric = big_rubric(tmp_path, 5000)
    answers: dict[str, Any] = {f"X-{i:05d}": 1 for i in range(2000)}
    path = write_yaml(tmp_path / "a.yaml", mini_assessment(answers))
    proc = run_limited("validate", str(path), "--rubric", str(rubric), "-f", "json",
                       cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr[-1000:]
    problems = json.loads(proc.stdout)["files"][0]["problems"]
    assert sum("unknown control id" in p["message"] for p in problems) == 2000


def test_plan_on_a_thousand_control_rubric_is_bounded(tmp_path: Path) -> None:
    """It ran for 40 s and more. It now takes about 3 s of CPU with the locked pydantic and
    more with the oldest allowed (2.12), which the corpus' 5 s limit cut off in CI; 12 s
    still fails the unbounded search it guards against."""
    rubric = big_rubric(tmp_path, 1000)
    path = write_yaml(tmp_path / "a.yaml", mini_assessment(
        {f"C-{i:05d}": i % 4 for i in range(1000)}))
    proc = run_limited("plan", str(path), "--rubric", str(rubric), "--target", "A",
                       "--as-of", "2026-11-01", "-f", "json", cwd=tmp_path,
                       preexec_fn=cpu_limit(12))
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-1500:])
    json.loads(proc.stdout)


@pytest.mark.parametrize(("where", "value"), [
    (("evidence", "expiry_warning_days"), 10**12),
    (("evidence", "reuse_limit"), 10**12),
])
def test_lint_refuses_numbers_the_commands_cannot_take(tmp_path: Path,
                                                       where: tuple[str, str],
                                                       value: int) -> None:
    """A huge expiry_warning_days passed lint, then made diff overflow (exit 3)."""
    data = yaml.safe_load(MINI_RUBRIC.read_text(encoding="utf-8"))
    data[where[0]][where[1]] = value
    rubric = write_yaml(tmp_path / "huge.yaml", data)
    proc = run_limited("rubric", "lint", str(rubric), cwd=tmp_path)
    assert proc.returncode == 2 and where[1] in proc.stderr, proc.stderr
    path = write_yaml(tmp_path / "a.yaml", mini_assessment({"Y1": "yes"}))
    diff = run_limited("diff", str(path), str(path), "--rubric", str(rubric), cwd=tmp_path)
    assert diff.returncode == 2 and "Traceback" not in diff.stderr
