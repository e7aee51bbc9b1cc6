"""The command line, in process (typer's CliRunner) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from trustscore import __version__
from trustscore.cli.app import app
from trustscore.cli.messages import exit_code_for
from trustscore.entry import main
from trustscore.errors import ExitCode
from trustscore.loading.builtin import version_text

STRONG = SAMPLES / "northwind-certified.yaml"
WEAK = SAMPLES / "lotus-honest-weak.yaml"
KNOCKOUT = SAMPLES / "harbor-expired-knockout.yaml"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_score_prints_the_headline() -> None:
    code, out, err = invoke("score", str(STRONG), "--as-of", "2026-11-01")
    assert code == 0 and err == ""
    assert "Northwind Systems (Pvt) Ltd" in out
    assert "Trust score    80.76 / 100" in out
    assert "\x1b" not in out                      # not a terminal: no colour codes


def test_json_output_structure() -> None:
    code, out, _ = invoke("score", str(KNOCKOUT), "--as-of", "2026-11-01", "-f", "json")
    assert code == 0
    data = json.loads(out)
    for key in ("vendor", "trust_score", "claimed_score", "grade", "confidence", "domains",
                "controls", "knockouts", "flags", "missing", "provenance"):
        assert key in data
    assert data["grade"] == "D" and data["score_grade"] == "D"
    assert [k["control"] for k in data["knockouts"] if not k["passed"]] == ["DAT-01", "GOV-04"]
    assert data["provenance"]["rubric"].startswith("it-services@")


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, _ = invoke("score", str(STRONG), "-f", "markdown", "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Trust report: Northwind")


def test_invalid_input_leaves_no_output_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format_version: 1\nvendor: [\n", encoding="utf-8")
    target = tmp_path / "report.json"
    code, _, err = invoke("score", str(bad), "-o", str(target))
    assert code == ExitCode.INVALID_INPUT
    assert not target.exists()
    assert f"{bad}:3:1: error: invalid YAML" in err


@pytest.mark.parametrize(("args", "code"), [
    (["--fail-under", "80"], ExitCode.OK),
    (["--fail-under", "90"], ExitCode.GATE_FAILED),
    (["--min-grade", "A"], ExitCode.OK),
    (["--min-grade", "a"], ExitCode.OK),
])
def test_gates_on_the_strong_sample(args: list[str], code: ExitCode) -> None:
    assert invoke("score", str(STRONG), "--as-of", "2026-11-01", *args)[0] == code


def test_failed_gate_says_why_and_still_prints_the_report() -> None:
    code, out, err = invoke("score", str(KNOCKOUT), "--as-of", "2026-11-01",
                            "--min-grade", "B", "--fail-under", "60")
    assert code == ExitCode.GATE_FAILED
    assert "Harbor Digital" in out
    assert "gate failed: trust score 48.92 is under --fail-under 60" in err
    assert "gate failed: grade D is below --min-grade B" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--min-grade", "Z"], "--min-grade 'Z' is not a grade of rubric it-services"),
    (["--profile", "fintech"], "rubric it-services has no profile 'fintech'"),
    (["--as-of", "01/11/2026"], "--as-of must be a date written as YYYY-MM-DD"),
    (["--rubric", "nope"], "no built-in rubric 'nope'"),
    (["--rubric", "missing/rubric.yaml"], "missing/rubric.yaml: error: file not found"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke("score", str(STRONG), *args)
    assert code == ExitCode.INVALID_INPUT
    assert message in err and out == ""


def test_click_usage_errors_exit_2() -> None:
    assert invoke("score")[0] == ExitCode.INVALID_INPUT
    assert invoke("score", str(STRONG), "--fail-under", "101")[0] == ExitCode.INVALID_INPUT
    assert invoke("score", str(STRONG), "--format", "pdf")[0] == ExitCode.INVALID_INPUT


def test_missing_file_exit_2() -> None:
    code, _, err = invoke("score", "no-such-file.yaml")
    assert code == ExitCode.INVALID_INPUT
    assert "no-such-file.yaml: error: file not found" in err


def test_profile_is_reported() -> None:
    code, out, _ = invoke("score", str(STRONG), "-p", "regulated-data", "-f", "json")
    assert code == 0 and json.loads(out)["provenance"]["profile"] == "regulated-data"


def test_hostile_text_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    text = STRONG.read_text(encoding="utf-8").replace(
        "name: Northwind Systems (Pvt) Ltd",
        'name: "Evil\\e[2J\\e]8;;http://x\\aCo [link=http://x]y[/link] [/b] \\u202e"')
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text, encoding="utf-8")
    for fmt in ("text", "markdown"):
        code, out, _ = invoke("score", str(hostile), "-f", fmt)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b[2J" in out.replace("\\[", "[")
    code, out, _ = invoke("score", str(hostile))
    assert "[link=http://x]y[/link] [/b]" in out


def test_hostile_text_in_error_messages_is_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(STRONG.read_text(encoding="utf-8").replace(
        "  SEC-04:", '  "SEC-\\e[31m04":'), encoding="utf-8")
    code, _, err = invoke("score", str(bad))
    assert code == ExitCode.INVALID_INPUT
    assert "\x1b" not in err and "unknown control id 'SEC-\\x1b[31m04'" in err


def test_exit_code_precedence() -> None:
    assert exit_code_for(invalid_input=False, gates_failed=False) is ExitCode.OK
    assert exit_code_for(invalid_input=False, gates_failed=True) is ExitCode.GATE_FAILED
    assert exit_code_for(invalid_input=True, gates_failed=True) is ExitCode.INVALID_INPUT


def test_internal_error_exits_3_with_a_bug_notice(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import trustscore.engine.score as engine

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "build_report", broken)
    monkeypatch.delenv("TRUSTSCORE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        main(["score", str(STRONG)])
    assert info.value.code == ExitCode.INTERNAL_ERROR
    err = capsys.readouterr().err
    assert "internal error (this is a bug): RuntimeError: boom" in err
    assert "Traceback" not in err


def test_version_without_importing_typer(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == version_text(__version__)


def test_version_names_each_built_in_rubric_as_loading_it_does() -> None:
    # --version reads the rubric files' top lines, not YAML: held to the loaded rubrics
    from trustscore.loading.builtin import builtin_rubrics, rubric_versions
    from trustscore.loading.load import load_rubric

    loaded = [load_rubric(rid).rubric for rid in builtin_rubrics()]
    assert rubric_versions() == [(r.id, r.version) for r in loaded] and len(loaded) >= 2
    text = version_text("9.9")
    assert text.startswith("trustscore 9.9\nrubrics: ") and all(
        f"{r.id}@{r.version}" in text for r in loaded)
    code, out, _ = invoke("--version")
    assert code == 0 and out == version_text(__version__)  # the typer path says the same


# --------------------------------------------------------------------------- subprocess


def run(*args: str, cwd: Path, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("FORCE_COLOR", None)
    return subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=cwd,
                          capture_output=True, text=True, env=full_env, timeout=60,
                          check=False)


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_subprocess_scores_every_sample_from_another_directory(sample: Path,
                                                               tmp_path: Path) -> None:
    proc = run("score", str(sample), "--as-of", "2026-11-01", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Trust score" in proc.stdout and "\x1b" not in proc.stdout
    assert proc.stderr == ""


def test_subprocess_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"\xff\xfe" + "a: 1".encode("utf-16-le"))
    proc = run("score", str(bad), cwd=tmp_path)
    assert proc.returncode == 2
    assert f"{bad}: error: file is UTF-16 encoded" in proc.stderr
    assert "Traceback" not in proc.stderr
    gate = run("score", str(WEAK), "--min-grade", "C", cwd=tmp_path)
    assert gate.returncode == 1
    assert run("--version", cwd=tmp_path).stdout == version_text(__version__)
    assert run("score", "--help", cwd=tmp_path).returncode == 0


def test_subprocess_no_color_env(tmp_path: Path) -> None:
    proc = run("score", str(STRONG), cwd=tmp_path, env={"NO_COLOR": "1"})
    assert proc.returncode == 0 and "\x1b" not in proc.stdout


def test_help_does_not_import_the_heavy_modules(tmp_path: Path) -> None:
    probe = ("import sys\nfrom trustscore.entry import main\n"
             "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "heavy = ('pydantic', 'yaml', 'rich', 'trustscore.engine', 'trustscore.models',"
             " 'trustscore.loading')\n"
             "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_text_report_fits_80_columns(sample: Path) -> None:
    code, out, _ = invoke("score", str(sample))
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80


def test_rubric_list_names_both_builtin_rubrics() -> None:
    code, out, _ = invoke("rubric", "list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["freelancer", "it-services"]
    assert "79 controls" in out


def test_rubric_show_text_markdown_and_profiles() -> None:
    code, out, _ = invoke("rubric", "show", "it-services", "--profiles")
    assert code == 0
    assert "SEC-03" in out and "regulated-data" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    code, out, _ = invoke("rubric", "show", "freelancer", "--format", "markdown")
    assert code == 0 and out.startswith("# Freelancer and micro-team trust rubric")
    assert "| FRL-SEC-01 MFA on every work account |" in out


def test_rubric_show_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke("rubric", "show", "it-servces")
    assert code == 2 and "did you mean 'it-services'" in err
    bad = tmp_path / "bad-rubric.yaml"
    bad.write_text("format_version: 1\nid: x\nversion: '1'\n", encoding="utf-8")
    code, _, err = invoke("rubric", "show", str(bad))
    assert code == 2 and f"{bad}:1:1: error: missing required key 'title'" in err


COMMANDS = ["score", "validate", "init", "schema", "batch", "compare", "diff", "plan", "badge",
            "rubric", "rubric list", "rubric show", "rubric lint"]
PYTHON_TYPES = ("<str>", "<path>", "<int", "<float", "<list[", "list[Path]", "<bool>",
                "range>", "{FILE}", "{file}", "{paths}", "{files}", "{kind}", "{rubric}")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_plain_placeholders_not_python_types(command: str) -> None:
    """Item 10: FILE, PATH..., N, ID|PATH, [text|json]; never {file} or <list[Path]>."""
    proc = subprocess.run([sys.executable, "-m", "trustscore", *command.split(), "--help"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "COLUMNS": "100"})
    assert proc.returncode == 0, proc.stderr
    for python_type in PYTHON_TYPES:
        assert python_type not in proc.stdout, (python_type, proc.stdout)
    usage = proc.stdout.splitlines()[0]
    assert "{" not in usage and "<" not in usage


@pytest.mark.parametrize(("args", "words"), [
    (["score", "F", "--fail-under", "abc"], "Invalid value for '--fail-under'"),
    (["score", "F", "--fail-under", "200"], "Invalid value for '--fail-under'"),
    (["score", "F", "-f", "pdf"], "'pdf' is not one of 'text', 'json', 'markdown', 'html'"),
    (["batch", "F", "-j", "0"], "Invalid value for '--jobs'"),
    (["plan", "F", "--target-score", "x"], "Invalid value for '--target-score'"),
    (["schema", "nope"], "'nope' is not one of 'assessment', 'rubric', 'report'"),
    (["score"], "Missing argument 'FILE'"),
    (["score", "F", "--bogus"], "No such option: --bogus"),
    (["bogus"], "No such command 'bogus'"),
])
def test_option_errors_speak_in_trustscores_voice(args: list[str], words: str) -> None:
    """Item 10: one line 'trustscore CMD: error: ...' with a hint, exit 2, and nothing of
    pydantic's wording ('Value error', 'Input should be')."""
    args = [str(SAMPLES / "northwind-certified.yaml") if a == "F" else a for a in args]
    proc = subprocess.run([sys.executable, "-m", "trustscore", *args], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 2
    first, hint = proc.stderr.splitlines()[:2]
    assert first.startswith("trustscore") and ": error: " in first and words in first
    assert hint.startswith("  hint: see 'trustscore")
    for internal in ("Value error", "Input should be", "Traceback", "Usage:", "type="):
        assert internal not in proc.stderr
