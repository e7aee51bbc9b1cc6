"""The rubric is bound to the vendor and to itself (issue 12, item 6): a rubric file that
differs from the built-in of its id is labelled custom in every format; a vendor outside
the rubric's audience, and a stale assessment, are warned about in every headline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT, SAMPLES, write_yaml
from trustscore.cli.app import app

runner = CliRunner()
MERIDIAN = SAMPLES / "meridian-midsize-gaps.yaml"


def score(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["score", *args, "--as-of", "2026-11-01"])
    return result.exit_code, result.stdout


def lenient_copy(tmp_path: Path) -> Path:
    """The built-in rubric with its id and version kept and one grade band lowered."""
    text = (ROOT / "rubrics" / "it-services.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["grades"][0]["min_score"] = 70
    return write_yaml(tmp_path / "it-services.yaml", data)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_lenient_copy_keeping_the_builtin_id_is_labelled_custom(tmp_path: Path,
                                                                  fmt: str) -> None:
    code, out = score(str(MERIDIAN), "--rubric", str(lenient_copy(tmp_path)), "-f", fmt)
    assert code == 0
    assert "Custom rubric" in out
    if fmt == "json":
        assert json.loads(out)["provenance"]["rubric_custom"] is True


def test_a_byte_identical_copy_of_the_builtin_is_not_custom(tmp_path: Path) -> None:
    copy = shutil.copy(ROOT / "rubrics" / "it-services.yaml", tmp_path / "copy.yaml")
    code, out = score(str(MERIDIAN), "--rubric", str(copy), "-f", "json")
    report = json.loads(out)
    assert code == 0 and report["provenance"]["rubric_custom"] is False
    assert report["warnings"] == []


def test_the_builtin_rubric_is_not_custom() -> None:
    _, out = score(str(MERIDIAN), "-f", "json")
    assert json.loads(out)["provenance"]["rubric_custom"] is False


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_45_person_firm_answering_the_freelancer_rubric_is_warned(tmp_path: Path,
                                                                    fmt: str) -> None:
    data = yaml.safe_load((SAMPLES / "sana-iqbal-freelancer.yaml").read_text(encoding="utf-8"))
    data["vendor"]["headcount"] = 45
    code, out = score(str(write_yaml(tmp_path / "big.yaml", data)), "-f", fmt)
    assert code == 0 and "Outside the rubric" in out and "45 people" in out


def test_a_stale_assessment_is_warned_in_the_headline(tmp_path: Path) -> None:
    data = yaml.safe_load(MERIDIAN.read_text(encoding="utf-8"))
    data["assessed_on"] = "2025-02-01"
    code, out = score(str(write_yaml(tmp_path / "old.yaml", data)))
    headline = out.split("╰")[0]
    assert code == 0 and "Stale: assessed on 2025-02-01" in " ".join(headline.split())
