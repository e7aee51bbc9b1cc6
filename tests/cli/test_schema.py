"""schema: the JSON Schemas accept the real files and reject what the tool rejects."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore.cli.app import app
from trustscore.loading.load import read_assessment

runner = CliRunner()
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


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


