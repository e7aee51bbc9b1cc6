"""Fuzzing the loader and ``validate``: whatever the bytes, exit 0 or 2, never a crash.

In process (typer's CliRunner) so hypothesis can run hundreds of cases quickly; the
subprocess corpus in test_hostile_inputs.py covers crashes that would kill a process.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import SAMPLES, examples
from trustscore.cli.app import app
from trustscore.errors import InputError
from trustscore.loading.load import ASSESSMENT_LIMITS
from trustscore.loading.yaml_source import parse_yaml_bytes

runner = CliRunner()
SAMPLE = (SAMPLES / "harbor-expired-knockout.yaml").read_bytes()
FUZZ = settings(max_examples=examples(150), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def validate_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        result = runner.invoke(app, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    assert result.exit_code in (0, 2), result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "\x1b" not in output and "\u202e" not in output


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    validate_bytes(data)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.text(max_size=30))
trees = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=5),
    st.dictionaries(st.one_of(st.text(max_size=12), st.integers()), inner, max_size=5)),
    max_leaves=40)


@FUZZ
@given(trees)
def test_random_yaml_documents(tree: object) -> None:
    validate_bytes(yaml.safe_dump(tree, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(st.integers(0, len(SAMPLE)), st.integers(0, 200), st.binary(max_size=60))
def test_mutated_real_assessment(at: int, cut: int, insert: bytes) -> None:
    validate_bytes(SAMPLE[:at] + insert + SAMPLE[at + cut:])


@FUZZ
@given(st.text(max_size=2000))
def test_loader_raises_only_input_errors(text: str) -> None:
    try:
        parse_yaml_bytes(text.encode("utf-8"), "fuzz.yaml", ASSESSMENT_LIMITS)
    except InputError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
