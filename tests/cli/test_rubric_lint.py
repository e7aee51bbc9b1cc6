"""rubric lint and the pre-commit hook that runs validate."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import MINI_RUBRIC, ROOT
from trustscore.cli.app import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_rubric_lint(tmp_path: Path) -> None:
    good = MINI_RUBRIC
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

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml")
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

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"rev: v{__version__}" in readme


