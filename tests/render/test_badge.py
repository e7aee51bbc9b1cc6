"""The SVG badge: valid SVG with the grade, score and as-of date."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore.cli.app import app

runner = CliRunner()
AS_OF = "2026-11-01"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_badge_is_valid_svg_with_grade_score_and_date(tmp_path: Path) -> None:
    target = tmp_path / "badge.svg"
    code, out, _ = invoke("badge", str(SAMPLES / "danube-eu-personal-data.yaml"), "--as-of",
                          AS_OF, "--output", str(target))
    assert code == 0 and out == ""
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["trustscore", "B · 65.86 · 2026-11-01"]
    assert 'fill="#4c9a2a"' in target.read_text(encoding="utf-8")   # the grade's colour
