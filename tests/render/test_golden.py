"""Golden outputs: every sample in every format, byte for byte.

Regenerate with ``pytest tests/test_golden.py --update-goldens`` and review the diff; never
edit a golden file by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import GOLDEN, SAMPLES
from trustscore.cli.app import app
from trustscore.render.options import Format
from trustscore.render.registry import Kind, formats

EXTENSIONS = {Format.TEXT: "txt", Format.JSON: "json", Format.MARKDOWN: "md", Format.HTML: "html"}
SCORE_FORMATS = formats(Kind.REPORT, without=[Format.SVG])  # the badge has its own golden
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSIONS) == set(SCORE_FORMATS)


@pytest.mark.parametrize("fmt", SCORE_FORMATS, ids=str)
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_golden(sample: Path, fmt: Format, update_goldens: bool) -> None:
    result = CliRunner().invoke(app, ["score", str(sample), "--as-of", "2026-11-01",
                                      "--format", fmt.value])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / "score" / f"{sample.stem}.{EXTENSIONS[fmt]}"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}: run pytest --update-goldens"
    assert result.stdout == golden.read_text(encoding="utf-8")
