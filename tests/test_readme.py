"""The README says what the code does: generated rubric tables, real example output,
every flag code documented, a two-command quickstart.

``pytest tests/test_readme.py --update-goldens`` regenerates the rubric blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GOLDEN, ROOT
from trustscore.cli.app import app
from trustscore.loading.builtin import builtin_rubrics
from trustscore.loading.load import load_for_scoring, load_rubric
from trustscore.models.flags import FlagCode
from trustscore.render.rubric_view import rubric_reference_markdown

README = ROOT / "README.md"


def block(text: str, name: str) -> tuple[int, int]:
    begin, end = f"<!-- {name}:begin -->\n", f"<!-- {name}:end -->"
    assert begin in text and end in text, f"README has no {name} block"
    return text.index(begin) + len(begin), text.index(end)


@pytest.mark.parametrize("rubric_id", sorted(builtin_rubrics()))
def test_rubric_reference_in_readme_is_generated_from_the_rubric(rubric_id: str,
                                                                 update_goldens: bool) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = block(text, f"rubric:{rubric_id}")
    expected = rubric_reference_markdown(load_rubric(rubric_id).rubric, heading_level=4)
    if update_goldens:
        README.write_text(text[:start] + expected + text[end:], encoding="utf-8")
        text = README.read_text(encoding="utf-8")
        start, end = block(text, f"rubric:{rubric_id}")
    assert text[start:end] == expected


def test_example_output_is_real() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = block(text, "example")
    shown = [line for line in text[start:end].splitlines()
             if not line.startswith("```") and line.strip() != "..."]
    actual = set((GOLDEN / "score" / "harbor-expired-knockout.txt").read_text(
        encoding="utf-8").splitlines())
    assert [line for line in shown if line not in actual] == []


def test_every_flag_code_is_documented() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \| (?:critical|warning|info) \|", text,
                                flags=re.M))
    rule_codes = {rule.code for rubric_id in builtin_rubrics()
                  for rule in load_rubric(rubric_id).rubric.rules}
    assert documented == {code.value for code in FlagCode} | rule_codes


def test_quickstart_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    start, end = block(text, "quickstart")
    commands = [line for line in text[start:end].splitlines()
                if line and not line.startswith("```")]
    assert len(commands) == 2
    assert "trustscore score samples/" in commands[0]
    assert "pytest" in commands[1] and ".[test]" in commands[1]


def fenced(text: str, name: str) -> str:
    start, end = block(text, name)
    lines = text[start:end].splitlines()
    assert lines[0].startswith("```") and lines[-1] == "```"
    return "\n".join(lines[1:-1]) + "\n"


def test_format_example_validates_against_the_default_rubric(tmp_path: Path) -> None:
    example = tmp_path / "example.yaml"
    example.write_text(fenced(README.read_text(encoding="utf-8"), "format-example"),
                       encoding="utf-8")
    assessment, _ = load_for_scoring(example, None)
    assert set(assessment.assessment.answers) == {"SEC-13", "SEC-03", "DEL-02"}


def test_error_example_is_what_the_tool_prints(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme.yaml").write_text(
        "format_version: 1\nrubric: it-services\n"
        "vendor: {name: Acme, country: PK, headcount: 20}\nassesed_on: 2026-10-01\n"
        "scope:\n  processes_client_personal_data: false\n  hosts_client_systems: false\n"
        "  handles_card_data: false\n  client_regions: [US]\nanswers:\n  SEC-03: most\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["score", "acme.yaml"])
    assert result.exit_code == 2
    assert result.stderr == fenced(README.read_text(encoding="utf-8"), "errors-example")
