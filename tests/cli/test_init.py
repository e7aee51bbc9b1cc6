"""init: the template lists every control and, filled in, validates and scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustscore.cli.app import app
from trustscore.loading.load import load_rubric
from trustscore.models.rubric import AnswerType, Control

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def answer_for(control: Control) -> str:
    spec = control.answer
    if spec.type is AnswerType.YES_NO:
        return "yes"
    if spec.type is AnswerType.MATURITY:
        return "3"
    if spec.type is AnswerType.CHOICE:
        return (spec.options or [])[-1].value
    return "50" if spec.type is AnswerType.PERCENT else "5"


@pytest.mark.parametrize("rubric_id", ["it-services", "freelancer"])
def test_init_template_filled_in_validates_and_scores(rubric_id: str, tmp_path: Path) -> None:
    target = tmp_path / "assessment.yaml"
    code, _, err = invoke("init", "--rubric", rubric_id, "--output", str(target))
    assert code == 0 and "fill in each 'value:'" in err
    template = target.read_text(encoding="utf-8")
    assert template.startswith(
        f"# yaml-language-server: $schema={rubric_id}.assessment.schema.json\n")
    rubric = load_rubric(rubric_id).rubric
    for control in rubric.controls():
        assert f"  # {control.id} {control.title}" in template
        assert control.evidence_expected[0].split()[0] in template
    # unfilled: every value is reported, at its line
    code, _, err = invoke("validate", str(target))
    assert code == 2
    assert err.count("has no value") == len(rubric.controls())
    filled = template
    for control in rubric.controls():
        filled = filled.replace(f"  {control.id}:\n    value:\n",
                                f"  {control.id}:\n    value: {answer_for(control)}\n")
    target.write_text(filled, encoding="utf-8")
    code, out, _ = invoke("validate", str(target))
    assert code == 0, out
    code, out, _ = invoke("score", str(target), "--format", "json")
    assert code == 0 and json.loads(out)["claimed_score"] > 0


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = invoke("init", "-o", str(target))
    assert code == 2 and "already exists; pass --force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert invoke("init", "-o", str(target), "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_init_to_stdout() -> None:
    code, out, _ = invoke("init", "--rubric", "freelancer")
    assert code == 0 and "  FRL-SEC-01:\n    value:\n" in out


