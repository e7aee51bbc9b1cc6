"""Shared fixtures: paths, the mini rubric, and helpers that build assessment files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
MINI_RUBRIC = DATA / "mini-rubric.yaml"
AS_OF = dt.date(2026, 11, 1)


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
