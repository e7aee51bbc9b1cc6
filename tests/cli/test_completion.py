"""Shell completion: a script for each shell, and the completions it asks for are real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_limited


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_script_for_each_shell(tmp_path: Path, shell: str) -> None:
    proc = run_limited("completion", shell, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"_TRUSTSCORE_COMPLETE=complete_{shell}" in proc.stdout
    if shutil.which(shell):  # the script parses in its own shell
        check = subprocess.run([shell, "-n"], input=proc.stdout, text=True, capture_output=True,
                               check=False)
        assert check.returncode == 0, check.stderr


def test_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_limited("completion", "tcsh", cwd=tmp_path)
    assert proc.returncode == 2 and "'tcsh' is not one of 'bash', 'zsh', 'fish'" in proc.stderr
    assert "Traceback" not in proc.stderr


def complete(words: str) -> list[str]:
    """What the bash script's call into trustscore answers for the words typed so far."""
    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1),
           "_TRUSTSCORE_COMPLETE": "complete_bash"}
    proc = subprocess.run([sys.executable, "-m", "trustscore"], env=env, text=True,
                          capture_output=True, check=False, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_completions_name_commands_and_their_options() -> None:
    assert complete("trustscore sc") == ["score", "schema"]
    assert "--record" in complete("trustscore batch --rec")
    assert complete("trustscore rubric l") == ["list", "lint"]
