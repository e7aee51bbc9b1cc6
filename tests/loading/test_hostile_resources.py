"""Resource limits: under a memory limit one heavy file is that file's error, never the
batch's; no hang, no traceback, no "this is a bug" (item 15 of issue 10).

The limit is found on this machine rather than written down: the smallest address-space
limit at which a batch of ordinary files scores, plus a margin. A heavy file (1.8 MB of
long evidence texts) needs far more than that margin, so under the limit it either fits
or becomes an error value, while every ordinary file is still scored.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import CPU_SECONDS, SAMPLES

SAMPLE = SAMPLES / "northwind-certified.yaml"
MIB = 1024 * 1024
MARGIN = 12 * MIB


def _limited(address_space: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS * 4, CPU_SECONDS * 4))
        resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    return apply


def _run(args: list[str], cwd: Path, address_space: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=cwd,
                          capture_output=True, text=True, errors="replace", timeout=120,
                          preexec_fn=_limited(address_space), check=False)


def heavy_assessment(path: Path) -> Path:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for control in list(data["answers"])[:40]:
        answer = data["answers"][control]
        answer = answer if isinstance(answer, dict) else {"value": answer}
        answer["evidence"] = [{"kind": "policy", "title": f"Policy {i} " + "t" * 250,
                               "scope": "s" * 1990} for i in range(20)]
        data["answers"][control] = answer

    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True

    path.write_text(yaml.dump(data, Dumper=NoAliases, sort_keys=False), encoding="utf-8")
    return path


@cache
def smallest_limit(folder: str) -> int:
    """The smallest address space (to 4 MiB) in which ``batch -j 1`` scores the folder."""
    low, high = 16 * MIB, 1024 * MIB
    while high - low > 4 * MIB:
        middle = (low + high) // 2
        proc = _run(["batch", folder, "-j", "1", "--as-of", "2026-11-01", "-f", "csv"],
                    Path(folder), middle)
        if proc.returncode == 0:
            high = middle
        else:
            low = middle
    return high


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    ordinary = tmp_path_factory.mktemp("ordinary")
    for i in range(70):
        shutil.copy(SAMPLE, ordinary / f"v{i:02}.yaml")
    mixed = tmp_path_factory.mktemp("mixed")
    for path in ordinary.iterdir():
        shutil.copy(path, mixed / path.name)
    heavy_assessment(mixed / "zz-heavy.yaml")
    return ordinary, mixed, smallest_limit(str(ordinary)) + MARGIN


def _scored_apart_from_the_heavy_one(proc: subprocess.CompletedProcess[str]) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode in (0, 2), output[-3000:]
    assert "Traceback" not in output and "internal error" not in output
    assert "70 of 71 files scored" in output or "71 of 71 files scored" in output, output[:500]
    if proc.returncode == 2:  # caught as a MemoryError, or its worker was killed by it
        assert ("zz-heavy.yaml: error: not enough memory to score this file" in output
                or "zz-heavy.yaml: error: the process scoring this file died" in output)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_heavy_file_under_a_memory_limit_loses_only_itself(
        portfolio: tuple[Path, Path, int], jobs: str) -> None:
    _, mixed, limit = portfolio
    proc = _run(["batch", str(mixed), "-j", jobs, "--as-of", "2026-11-01"], mixed, limit)
    _scored_apart_from_the_heavy_one(proc)


def test_the_heavy_file_is_scored_with_enough_memory(portfolio: tuple[Path, Path, int]) -> None:
    _, mixed, limit = portfolio
    proc = _run(["batch", str(mixed), "-j", "2", "--as-of", "2026-11-01"], mixed,
                limit + 400 * MIB)
    assert proc.returncode == 0 and "71 of 71 files scored" in proc.stdout, proc.stderr


@pytest.mark.parametrize("command", [["score"], ["validate"], ["plan", "--target", "A"]])
def test_too_little_memory_for_one_file_is_a_message_not_a_bug(
        portfolio: tuple[Path, Path, int], command: list[str]) -> None:
    _, mixed, limit = portfolio
    proc = _run([command[0], str(mixed / "zz-heavy.yaml"), *command[1:], "--as-of",
                 "2026-11-01"] if command[0] != "validate" else
                ["validate", str(mixed / "zz-heavy.yaml")], mixed, limit - MARGIN // 2)
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output and "this is a bug" not in output
    assert proc.returncode in (0, 1, 2)
    if proc.returncode == 2:
        assert "not enough memory" in output


def test_no_limit_near_the_edge_aborts_the_batch_or_prints_a_traceback(
        portfolio: tuple[Path, Path, int]) -> None:
    """From the limit up, the parent process must never die of it (pydantic-core aborts
    when an allocation fails; a pool thread's 8 MiB stack counts against the limit; a
    worker ended while starting printed a traceback): each run ends with a summary of what
    was scored, or one message. (Within a few MiB of the smallest limit at which anything
    is scored, loading the rubric itself can still abort.)"""
    _, mixed, limit = portfolio
    for address_space in range(limit, limit + MARGIN, 2 * MIB):
        proc = _run(["batch", str(mixed), "-j", "2", "--as-of", "2026-11-01"], mixed,
                    address_space)
        output = proc.stdout + proc.stderr
        where = f"at {address_space // MIB} MiB: {output[-1500:]}"
        assert proc.returncode in (0, 2), where
        assert "Traceback" not in output and "internal error" not in output, where
        assert "of 71 files scored" in output or (
            "not enough memory for this run" in output and output.count("\n") == 1), where
