"""The command line: parse options, call loading -> engine -> render, set the exit code.

Nothing here computes a score or formats a report. Heavy modules (pydantic models, yaml,
rich) are imported inside the commands so that ``trustscore --help`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from trustscore import __version__
from trustscore.errors import ExitCode, InputError, Problem, UsageError
from trustscore.render.formats import CheckFormat, OutputFormat, RubricFormat, SchemaKind

if TYPE_CHECKING:
    from trustscore.render.formats import RenderOptions

app = typer.Typer(
    name="trustscore",
    help="Score an IT services firm's YAML self-assessment into an explained, "
    "evidence-weighted trust report.\n\n"
    "Exit codes: 0 success, 1 a gate failed (--fail-under, --min-grade), "
    "2 usage error or invalid input, 3 internal error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trustscore {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Score an IT services firm's YAML self-assessment into an explained trust report."""


rubric_app = typer.Typer(help="List the built-in rubrics and show what a rubric asks.",
                         no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")


def exit_code_for(invalid_input: bool, gates_failed: bool) -> ExitCode:
    """The process exit code: invalid input (2) wins over a failed gate (1)."""
    if invalid_input:
        return ExitCode.INVALID_INPUT
    if gates_failed:
        return ExitCode.GATE_FAILED
    return ExitCode.OK


def print_problems(problems: list[Problem]) -> None:
    """``file:line:col: error: message`` on stderr, with a hint line where there is one."""
    from trustscore.render.validation import problem_lines

    lines = problem_lines(problems)
    files = len({p.file for p in problems})
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found"
                 + (f" in {files} files" if files > 1 else ""))
    sys.stderr.write("\n".join(lines) + "\n")


def fail_usage(message: str) -> typer.Exit:
    """Report a usage error (exit 2) in the same voice as click's own."""
    from trustscore.render.safe_text import safe_text

    sys.stderr.write(f"trustscore: error: {safe_text(message)}\n")
    return typer.Exit(ExitCode.INVALID_INPUT)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn input and usage errors into messages on stderr and exit code 2."""
    try:
        yield
    except InputError as exc:
        print_problems(exc.problems)
        raise typer.Exit(ExitCode.INVALID_INPUT) from None
    except UsageError as exc:
        raise fail_usage(str(exc)) from None


def parse_as_of(value: str | None) -> dt.date:
    """``--as-of`` as a date; today when not given."""
    if value is None:
        return dt.date.today()
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of must be a date written as YYYY-MM-DD, got '{value}'") \
            from None


def render_options(to_terminal: bool) -> RenderOptions:
    """Colour and width for stdout: colour only on a terminal, and never with NO_COLOR."""
    from trustscore.render.formats import RenderOptions

    if not to_terminal:
        return RenderOptions(width=80, color=False)
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if os.environ.get("FORCE_COLOR") and not os.environ.get("NO_COLOR"):
        color = True
    width = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    return RenderOptions(width=max(60, min(width, 120)), color=color)


def write_output(text: str, output: Path | None) -> None:
    """stdout, or ``--output`` written atomically so a failed run never leaves half a file."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.expanduser()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                   prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except OSError as exc:
        raise UsageError(f"cannot write --output {output}: {exc.strerror}") from None


@app.command()
def score(
    file: Path = typer.Argument(..., help="The self-assessment YAML file to score.",
                                show_default=False),
    rubric: str | None = typer.Option(
        None, "--rubric", "-r", show_default=False,
        help="Built-in rubric id or path to a rubric file. Default: the rubric the "
        "assessment names, else it-services."),
    profile: str | None = typer.Option(
        None, "--profile", "-p", show_default=False,
        help="Weight profile of the rubric (a kind of buyer). Default: the domains' own "
        "weights."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", show_default=False,
        help="Judge evidence validity on this date. Default: today."),
    fmt: OutputFormat = typer.Option(OutputFormat.TEXT, "--format", "-f",
                                     help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", show_default=False,
                                       help="Write the report to this file instead of "
                                       "stdout."),
    fail_under: float | None = typer.Option(
        None, "--fail-under", min=0, max=100, metavar="SCORE", show_default=False,
        help="Exit 1 if the trust score is below SCORE."),
    min_grade: str | None = typer.Option(None, "--min-grade", metavar="GRADE",
                                         show_default=False,
                                         help="Exit 1 if the grade is below GRADE."),
) -> None:
    """Score one self-assessment and print an explained trust report."""
    with reporting_errors():
        from trustscore.engine.gates import failed_gates, normalise_grade
        from trustscore.engine.score import Fingerprints
        from trustscore.engine.score import score as score_assessment
        from trustscore.loading.load import load_for_scoring
        from trustscore.render.formats import render

        day = parse_as_of(as_of)
        assessment, loaded_rubric = load_for_scoring(file, rubric, label=str(file))
        if min_grade is not None:
            normalise_grade(loaded_rubric.rubric, min_grade)
        report = score_assessment(
            loaded_rubric.rubric, assessment.assessment, as_of=day, profile=profile,
            fingerprints=Fingerprints(loaded_rubric.sha256, assessment.sha256))
        text = render(report, fmt, render_options(to_terminal=output is None))
        failures = failed_gates(report, loaded_rubric.rubric, fail_under, min_grade)
        write_output(text, output)
    for failure in failures:
        sys.stderr.write(f"trustscore: gate failed: {failure}\n")
    raise typer.Exit(exit_code_for(invalid_input=False, gates_failed=bool(failures)))


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., help="Self-assessment files to check.",
                                       show_default=False),
    rubric: str | None = typer.Option(
        None, "--rubric", "-r", show_default=False,
        help="Built-in rubric id or rubric file for every file. Default: the rubric each "
        "assessment names."),
    fmt: CheckFormat = typer.Option(CheckFormat.TEXT, "--format", "-f",
                                    help="Output format (json for CI and editors)."),
) -> None:
    """Check self-assessments against their rubric without scoring them.

    Exit 0 when every file is valid, 2 otherwise; every problem is reported with its
    file, line and column.
    """
    with reporting_errors():
        from trustscore.loading.check import check_files
        from trustscore.render.validation import validation_json, validation_text

        report = check_files(files, rubric)
        text = validation_json(report) if fmt is CheckFormat.JSON else validation_text(report)
        if fmt is CheckFormat.TEXT and not report.valid:
            sys.stderr.write(text)
        else:
            write_output(text, None)
    raise typer.Exit(exit_code_for(invalid_input=not report.valid, gates_failed=False))


@app.command()
def init(
    rubric: str = typer.Option("it-services", "--rubric", "-r",
                               help="Built-in rubric id or rubric file to answer."),
    output: Path | None = typer.Option(None, "--output", "-o", show_default=False,
                                       help="Write the template here instead of stdout."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> None:
    """Write a commented self-assessment template listing every control, ready to fill in."""
    with reporting_errors():
        from trustscore.loading.load import load_rubric
        from trustscore.render.template import render_template, schema_file_name

        loaded = load_rubric(rubric).rubric
        if output is not None and output.exists() and not force:
            raise UsageError(f"{output} already exists; pass --force to overwrite it")
        write_output(render_template(loaded, dt.date.today()), output)
        if output is not None:
            from trustscore.render.safe_text import safe_text

            sys.stderr.write(
                f"wrote {safe_text(str(output))}: fill in each 'value:', then run "
                f"'trustscore validate {safe_text(str(output))}'.\n"
                f"editor support: trustscore schema assessment --rubric {loaded.id} "
                f"--output {schema_file_name(loaded)}\n")


@app.command()
def schema(
    kind: SchemaKind = typer.Argument(..., help="Which schema to write."),
    rubric: str = typer.Option(
        "it-services", "--rubric", "-r",
        help="For 'assessment': the rubric whose controls the answers follow; for "
        "'report': the rubric whose rule codes flags may carry."),
    output: Path | None = typer.Option(None, "--output", "-o", show_default=False,
                                       help="Write the schema here instead of stdout."),
) -> None:
    """Print a JSON Schema: of a self-assessment (for editors), a rubric, or the JSON report."""
    with reporting_errors():
        import json

        from trustscore.loading.load import load_rubric
        from trustscore.models import schemas

        if kind is SchemaKind.ASSESSMENT:
            document = schemas.assessment_schema(load_rubric(rubric).rubric)
        elif kind is SchemaKind.RUBRIC:
            document = schemas.rubric_schema()
        else:
            document = schemas.report_schema(load_rubric(rubric).rubric)
        write_output(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)


@rubric_app.command("list")
def rubric_list() -> None:
    """List the built-in rubrics."""
    with reporting_errors():
        from trustscore.loading.builtin import builtin_rubrics
        from trustscore.loading.load import load_rubric
        from trustscore.render.safe_text import safe_text

        lines = []
        for rubric_id in builtin_rubrics():
            r = load_rubric(rubric_id).rubric
            lines.append(f"{r.id:<14} {r.version:<8} {len(r.controls()):>3} controls  "
                         f"{safe_text(r.title)}")
        write_output("\n".join(lines) + "\n", None)


@rubric_app.command("show")
def rubric_show(
    rubric: str = typer.Argument(..., help="Built-in rubric id or path to a rubric file.",
                                 show_default=False),
    fmt: RubricFormat = typer.Option(RubricFormat.TEXT, "--format", "-f",
                                     help="Output format."),
    profiles: bool = typer.Option(False, "--profiles",
                                  help="Also show the weight profiles (text format)."),
) -> None:
    """Show every domain and control of a rubric: question, answer, weight, knockout."""
    with reporting_errors():
        from trustscore.loading.load import load_rubric
        from trustscore.render.rubric_view import rubric_document_markdown, rubric_text

        loaded = load_rubric(rubric).rubric
        if fmt is RubricFormat.MARKDOWN:
            text = rubric_document_markdown(loaded)
        else:
            text = rubric_text(loaded, render_options(to_terminal=True), profiles=profiles)
        write_output(text, None)


@rubric_app.command("lint")
def rubric_lint(
    paths: list[Path] = typer.Argument(..., help="Rubric files to check.",
                                       show_default=False),
) -> None:
    """Check custom rubric files: structure, ordered bands, references; exit 2 on a problem."""
    from trustscore.loading.load import load_rubric_file
    from trustscore.render.safe_text import safe_text

    problems: list[Problem] = []
    for path in paths:
        try:
            loaded = load_rubric_file(path, str(path)).rubric
        except InputError as exc:
            problems += exc.problems
            continue
        sys.stdout.write(f"{safe_text(str(path))}: ok ({safe_text(loaded.id)}@"
                         f"{safe_text(loaded.version)}, {len(loaded.controls())} controls)\n")
    if problems:
        print_problems(problems)
    raise typer.Exit(exit_code_for(invalid_input=bool(problems), gates_failed=False))
