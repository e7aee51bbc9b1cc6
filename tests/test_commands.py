"""validate, init, schema and rubric lint."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore.cli.app import app
from trustscore.loading.load import load_rubric, read_assessment
from trustscore.models.rubric import AnswerType, Control

runner = CliRunner()
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- validate


def test_validate_accepts_every_sample() -> None:
    code, out, _ = invoke("validate", *map(str, SAMPLE_FILES))
    assert code == 0
    assert f"{len(SAMPLE_FILES)} of {len(SAMPLE_FILES)} files valid" in out
    assert "ok (freelancer@1.1.0, 27 answers)" in out


def test_validate_reports_bad_files_and_still_checks_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8")
                   .replace("  SEC-06:", "  SEC-6:"), encoding="utf-8")
    code, out, err = invoke("validate", str(bad), str(SAMPLES / "quickbuild-startup.yaml"),
                            str(tmp_path / "missing.yaml"))
    assert code == 2 and out == ""
    assert re.search(rf"{re.escape(str(bad))}:\d+:3: error: unknown control id 'SEC-6'", err)
    assert "hint: did you mean 'SEC-06'?" in err
    assert "quickbuild-startup.yaml: ok (it-services@1.1.0" in err
    assert f"{tmp_path / 'missing.yaml'}: error: file not found" in err
    assert "1 of 3 files valid" in err


def test_validate_json_for_ci_and_editors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\nrubric: nope\n", encoding="utf-8")
    code, out, _ = invoke("validate", "--format", "json", str(bad),
                          str(SAMPLES / "northwind-certified.yaml"))
    assert code == 2
    data = json.loads(out)
    assert data["valid"] is False
    first, second = data["files"]
    assert first["valid"] is False and second["valid"] is True
    assert first["problems"][0] == {
        "file": str(bad), "line": 2, "column": 9,
        "message": "no built-in rubric 'nope'",
        "hint": "built-in rubrics: freelancer, it-services (or pass a path to a rubric file)"}


def test_validate_with_an_explicit_rubric_that_does_not_fit() -> None:
    code, _, err = invoke("validate", "--rubric", "freelancer",
                          str(SAMPLES / "northwind-certified.yaml"))
    assert code == 2
    assert "answers rubric 'it-services', but it is being checked against 'freelancer'" in err


def test_lookalike_keys_are_called_out(tmp_path: Path) -> None:
    text = (SAMPLES / "quickbuild-startup.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "lookalike.yaml"
    bad.write_text(text.replace("  SEC-01:", "  SEC\u200b-01:").replace(
        "scope:", "sc\u043epe:"), encoding="utf-8")
    code, _, err = invoke("validate", str(bad))
    assert code == 2
    assert "unknown control id 'SEC\\u200b-01'" in err
    assert "it looks like 'SEC-01' but contains U+200B ZERO WIDTH SPACE" in err
    assert "it looks like 'scope' but contains U+043E CYRILLIC SMALL LETTER O" in err
    assert "missing required key 'scope'" not in err       # reported once, as the look-alike


# --------------------------------------------------------------------------- init


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


# --------------------------------------------------------------------------- schema


def schema_of(*args: str) -> dict[str, object]:
    code, out, _ = invoke("schema", *args)
    assert code == 0
    document = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_assessment_schema_accepts_every_sample(sample: Path) -> None:
    data = read_assessment(sample).data
    schema = schema_of("assessment", "--rubric", data["rubric"])
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(data)] == []


def test_assessment_schema_rejects_unknown_keys_ids_and_values() -> None:
    schema = schema_of("assessment")
    validator = jsonschema.Draft202012Validator(schema)
    good = read_assessment(SAMPLES / "northwind-certified.yaml").data
    for broken in ({**good, "extra": 1},
                   {**good, "answers": {**good["answers"], "SEC-99": "yes"}},
                   {**good, "answers": {**good["answers"], "SEC-01": "certified"}},
                   {**good, "answers": {**good["answers"], "SEC-06": 5}}):
        assert not validator.is_valid(broken)


def test_rubric_and_report_schemas_accept_the_real_things() -> None:
    rubric_doc = jsonschema.Draft202012Validator(schema_of("rubric"))
    from trustscore.loading.builtin import builtin_rubrics
    from trustscore.loading.load import RUBRIC_LIMITS
    from trustscore.loading.yaml_source import load_yaml_file

    for path in builtin_rubrics().values():
        assert rubric_doc.is_valid(load_yaml_file(path, "r", RUBRIC_LIMITS).data)
    report = jsonschema.Draft202012Validator(schema_of("report"))
    code, out, _ = invoke("score", str(SAMPLES / "harbor-expired-knockout.yaml"), "-f", "json")
    assert code == 0 and report.is_valid(json.loads(out))
    flag = schema_of("report")["$defs"]["Flag"]["properties"]      # type: ignore[index]
    assert "knockout-failed" in flag["code"]["enum"]
    effects = schema_of("report")["$defs"]["FlagEffect"]["enum"]   # type: ignore[index]
    assert {"capped", "downgraded", "needs_verification"} <= set(effects)


def test_schema_to_file(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    assert invoke("schema", "report", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "trustscore report"


# --------------------------------------------------------------------------- rubric lint


def test_rubric_lint(tmp_path: Path) -> None:
    good = Path(__file__).parent / "data" / "mini-rubric.yaml"
    code, out, _ = invoke("rubric", "lint", str(good))
    assert code == 0 and out == f"{good}: ok (mini@1.0, 5 controls)\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("- id: M1", "- id: Y1"),
                   encoding="utf-8")
    code, out, err = invoke("rubric", "lint", str(good), str(bad))
    assert code == 2
    assert re.search(rf"{re.escape(str(bad))}:\d+:13: error: duplicate control id 'Y1'", err)
    assert "1 problem found" in err


def test_pre_commit_hook_runs_validate() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml")
                           .read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "trustscore-validate" and hook["entry"] == "trustscore validate"
    assert hook["language"] == "python"
    for path in ("assessments/self-assessment-2026.yaml", "assessments/danube.yaml",
                 "assessments/2026/q1/acme.yml", "vendors/acme/assessment.yaml",
                 "trustscore.yaml", "acme.trustscore.yaml"):
        assert re.search(hook["files"], path), path   # danube.yaml was skipped (item 11)
    for path in (".github/workflows/ci.yml", "docs/mkdocs.yaml", "rubrics/it-services.yaml",
                 "assessments.md"):
        assert not re.search(hook["files"], path), path


def test_readme_names_a_release_the_hook_can_pin() -> None:
    """The README's 'rev: v0.1.0' must be the version this tree is (item 11); the tag is
    made at release. A later version bump must update the README in the same commit."""
    from trustscore import __version__

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in readme


def test_a_flood_of_problems_is_capped_on_the_terminal(tmp_path: Path) -> None:
    text = (SAMPLES / "quickbuild-startup.yaml").read_text(encoding="utf-8")
    flood = tmp_path / "flood.yaml"
    flood.write_text(text + "".join(f"  X-{i:03d}: 1\n" for i in range(500)),
                     encoding="utf-8")
    code, _, err = invoke("validate", str(flood))
    assert code == 2
    assert err.count("unknown control id") == 200
    assert "... and 300 more problems not shown" in err
    code, out, _ = invoke("validate", "--format", "json", str(flood))
    assert len(json.loads(out)["files"][0]["problems"]) == 500
