"""The root options: ``--color`` over NO_COLOR / FORCE_COLOR, and ``--quiet``."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLES, run_limited

SAMPLE = str(SAMPLES / "harbor-expired-knockout.yaml")
ESC = "\x1b["


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, False),                                   # a pipe: plain
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins over FORCE_COLOR
    (["--color", "always"], {}, True),
    (["--color", "always"], {"NO_COLOR": "1"}, True),    # the command line beats both
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
])
def test_color_precedence(tmp_path: Path, args: list[str], env: dict[str, str],
                          coloured: bool) -> None:
    proc = run_limited(*args, "score", SAMPLE, "--as-of", "2026-11-01", cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (ESC in proc.stdout) is coloured


def test_color_never_colours_a_file(tmp_path: Path) -> None:
    proc = run_limited("--color", "always", "score", SAMPLE, "--as-of", "2026-11-01", "-o",
                       "r.txt", cwd=tmp_path)
    assert proc.returncode == 0 and ESC not in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_a_bad_color_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_limited("--color", "sometimes", "score", SAMPLE, cwd=tmp_path)
    assert proc.returncode == 2 and "sometimes" in proc.stderr and "Traceback" not in proc.stderr


def test_quiet_drops_notes_and_warnings_but_not_errors_or_gates(tmp_path: Path) -> None:
    loud = run_limited("init", "-o", "a.yaml", cwd=tmp_path)
    quiet = run_limited("--quiet", "init", "-o", "b.yaml", cwd=tmp_path)
    assert loud.returncode == quiet.returncode == 0
    assert loud.stderr and quiet.stderr == ""
    assert (tmp_path / "a.yaml").read_bytes() == (tmp_path / "b.yaml").read_bytes()
    recorded = run_limited("-q", "batch", str(SAMPLES), "--record", "p.db", "--as-of",
                           "2026-11-01", cwd=tmp_path)
    assert recorded.returncode == 0 and "recorded" not in recorded.stderr
    gate = run_limited("-q", "score", SAMPLE, "--as-of", "2026-11-01", "--min-grade", "B",
                       cwd=tmp_path)
    assert gate.returncode == 1 and "trustscore: gate failed:" in gate.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("vendor: [\n", encoding="utf-8")
    broken = run_limited("-q", "validate", str(bad), cwd=tmp_path)
    assert broken.returncode == 2 and "bad.yaml:" in broken.stderr
