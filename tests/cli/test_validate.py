"""validate: every sample passes; bad files are reported with positions, all at once."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore.cli.app import app

runner = CliRunner()
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_validate_accepts_every_sample() -> None:
    code, out, _ = invoke("validate", *map(str, SAMPLE_FILES))
    assert code == 0
    assert f"{len(SAMPLE_FILES)} of {len(SAMPLE_FILES)} files valid" in out
    assert "ok (freelancer@3.1.0, 27 answers)" in out


def test_validate_reports_bad_files_and_still_checks_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8")
                   .replace("  SEC-06:", "  SEC-6:"), encoding="utf-8")
    code, out, err = invoke("validate", str(bad), str(SAMPLES / "quickbuild-startup.yaml"),
                            str(tmp_path / "missing.yaml"))
    assert code == 2 and out == ""
    assert re.search(rf"{re.escape(str(bad))}:\d+:3: error: unknown control id 'SEC-6'", err)
    assert "hint: did you mean 'SEC-06'?" in err
    assert "quickbuild-startup.yaml: ok (it-services@3.2.0" in err
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
        "hint": "built-in rubrics: freelancer, it-services (or choose one with --rubric ID)"}


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
