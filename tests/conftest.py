"""Shared fixtures: paths, the mini rubric, and helpers that build assessment files."""

from __future__ import annotations

import datetime as dt
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
HOSTILE = Path(__file__).resolve().parent / "hostile"
MINI_RUBRIC = DATA / "mini-rubric.yaml"
AS_OF = dt.date(2026, 11, 1)

# Hypothesis profiles: "dev" (the default) is quick for a local run; "ci" is thorough.
# Select with TRUSTSCORE_HYPOTHESIS=ci (what .ci/run sets) or =dev.
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
HYPOTHESIS_PROFILE = os.environ.get("TRUSTSCORE_HYPOTHESIS", "dev")
if HYPOTHESIS_PROFILE not in ("ci", "dev"):
    raise pytest.UsageError(f"TRUSTSCORE_HYPOTHESIS must be ci or dev, not {HYPOTHESIS_PROFILE!r}")
settings.load_profile(HYPOTHESIS_PROFILE)


def examples(thorough: int) -> int:
    """A property's example count: ``thorough`` in CI, a fifth of it (at least 20) locally."""
    return thorough if HYPOTHESIS_PROFILE == "ci" else max(20, thorough // 5)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/golden/ from the current output (then review the diff)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def mini_assessment(answers: dict[str, Any], *, personal_data: bool = True,
                    assessed_on: str = "2026-10-01") -> dict[str, Any]:
    """A valid assessment of the mini rubric with the given answers."""
    return {
        "format_version": 1,
        "rubric": "mini",
        "vendor": {"name": "Test Vendor", "country": "PK", "headcount": 10},
        "assessed_on": assessed_on,
        "scope": {"processes_client_personal_data": personal_data,
                  "hosts_client_systems": False, "handles_card_data": False,
                  "client_regions": ["EU"]},
        "answers": answers,
    }


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")
    return path


# Hostile cases run the real command in a subprocess under these limits: a hang, a blow-up
# or a crash fails the test instead of the machine.
CPU_SECONDS = 5
MEMORY_BYTES = 512 * 1024 * 1024
RAW_TERMINAL_CONTROL = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066")


def _limits(cpu_seconds: int = CPU_SECONDS) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def cpu_limit(seconds: int) -> Any:
    """The corpus' limits with another CPU budget, for ``run_limited(preexec_fn=...)``."""
    return lambda: _limits(seconds)


def run_limited(*args: str, cwd: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    """``python -m trustscore ARGS`` under the CPU and memory limits, at most 60 s."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TRUSTSCORE_DEBUG")}
    env.update(options.pop("env", {}))
    options.setdefault("preexec_fn", _limits)
    return subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          env=env, timeout=60, check=False, **options)


def check(proc: subprocess.CompletedProcess[str], label: str, code: int, message: str,
          position: str | None) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode == code, (proc.returncode, output[-2000:])
    assert "Traceback" not in output
    for raw in RAW_TERMINAL_CONTROL:
        assert raw not in output, f"raw {raw!r} reached the terminal"
    assert message in output
    expected_where = f"{label}:{position}:" if position else f"{label}"
    assert expected_where in output


def browser() -> str | None:
    """A headless-capable Chromium on this machine, if any (the HTML tests render in it)."""
    return next((b for b in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(b)), None)
