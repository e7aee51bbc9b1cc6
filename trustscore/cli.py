"""The command line: parse options, call loading -> engine -> render, set the exit code.

Nothing here computes a score or formats a report. Heavy modules (pydantic models, yaml,
rich) are imported inside the commands so that ``trustscore --help`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustscore import __version__
from trustscore.errors import ExitCode, InputError, OutputError, Problem, UsageError
from trustscore.help_style import Command, Group
from trustscore.ranking import SortKey
from trustscore.render.formats import (
    BatchFormat,
    ChangeFormat,
    CheckFormat,
    CompareFormat,
    OutputFormat,
    RubricFormat,
    SchemaKind,
)

if TYPE_CHECKING:
    from trustscore.models.batch import FileError as FileErrorLike
    from trustscore.models.batch import VendorRow
    from trustscore.models.report import Report
    from trustscore.models.rubric import Rubric
    from trustscore.render.formats import RenderOptions

app = typer.Typer(
    name="trustscore",
    cls=Group,
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


RubricOpt = Annotated[str | None, typer.Option(
    "--rubric", "-r", metavar="ID|PATH", show_default=False,
    help="Built-in rubric id or path to a rubric file. Default: the rubric the assessment "
    "names, else it-services.")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", "-p", metavar="NAME", show_default=False,
    help="Weight profile of the rubric (a kind of buyer). Default: the domains' own weights.")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", show_default=False,
    help="Judge evidence validity on this date. Default: today.")]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", show_default=False,
    help="Write the output to FILE instead of stdout ('-': stdout). A regular file is "
    "replaced only when the run succeeds and keeps its permissions; a device or FIFO is "
    "written to.")]
FailUnderOpt = Annotated[float | None, typer.Option(
    "--fail-under", min=0, max=100, metavar="SCORE", show_default=False,
    help="Exit 1 if a trust score is below SCORE.")]
MinGradeOpt = Annotated[str | None, typer.Option(
    "--min-grade", metavar="GRADE", show_default=False,
    help="Exit 1 if a grade is below GRADE.")]

StdinFilenameOpt = Annotated[str | None, typer.Option(
    "--stdin-filename", metavar="NAME", show_default=False,
    help="The file name to show in messages for an assessment read from standard input "
    "('-'). Default: <stdin>.")]

PROGRESS_FROM = 50
"""Batches at least this large show a progress bar (on a terminal)."""

rubric_app = typer.Typer(help="List the built-in rubrics and show what a rubric asks.",
                         no_args_is_help=True, cls=Group)
app.add_typer(rubric_app, name="rubric")


def _choices(values: type[enum.Enum]) -> str:
    """``[text|json|...]``: an option's choices, from the enum the command accepts."""
    return "[" + "|".join(str(v.value) for v in values) + "]"


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
    except (UsageError, OutputError) as exc:
        raise fail_usage(str(exc)) from None


def parse_as_of(value: str | None) -> dt.date:
    """``--as-of`` as a date; today when not given."""
    if value is None:
        return dt.date.today()
    from trustscore.models.assessment import ISO_DATE

    try:
        if not ISO_DATE.match(value):
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


def write_output(text: str, output: str | None, inputs: Iterable[str | Path] = ()) -> None:
    """Write a whole document to stdout or ``--output`` (see :mod:`trustscore.output`)."""
    from trustscore.output import write_output as write

    write(text, output, inputs)


def to_terminal(output: str | None) -> bool:
    """True when the report goes to standard output (no ``--output``, or ``-o -``)."""
    from trustscore.output import is_stdout

    return is_stdout(output)


def input_label(file: Path, stdin_filename: str | None) -> str:
    """How messages name an input: its path, or ``<stdin>`` (``--stdin-filename``) for ``-``."""
    from trustscore.loading.discover import shown

    if str(file) == "-":
        return shown(stdin_filename or "<stdin>")
    return shown(str(file))


def rubric_inputs(rubric: str | None) -> list[str]:
    """A rubric given as a file is an input too: ``--output`` must not overwrite it."""
    return [rubric] if rubric is not None and Path(rubric).is_file() else []


@app.command(cls=Command)
def score(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment YAML file to score ('-' reads "
                                "standard input)."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", "-f", metavar=_choices(OutputFormat),
        help="Output format."),
    output: OutputOpt = None,
    fail_under: FailUnderOpt = None,
    min_grade: MinGradeOpt = None,
    stdin_filename: StdinFilenameOpt = None,
) -> None:
    """Score one self-assessment and print an explained trust report."""
    with reporting_errors():
        from trustscore.engine.gates import failed_gates
        from trustscore.render.formats import render

        report, used_rubric = _score_file(file, rubric, profile, parse_as_of(as_of),
                                          input_label(file, stdin_filename))
        failures = failed_gates(report.trust_score, report.grade, used_rubric, fail_under,
                                min_grade)
        text = render(report, fmt, render_options(to_terminal(output)))
        write_output(text, output, [file, *rubric_inputs(rubric)])
    for failure in failures:
        sys.stderr.write(f"trustscore: gate failed: {failure}\n")
    raise typer.Exit(exit_code_for(invalid_input=False, gates_failed=bool(failures)))


@app.command(cls=Command)
def validate(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Self-assessment files to check ('-' reads "
                                       "standard input)."),
    rubric: RubricOpt = None,
    fmt: CheckFormat = typer.Option(
        CheckFormat.TEXT, "--format", "-f", metavar=_choices(CheckFormat),
        help="Output format (json for CI and editors)."),
    stdin_filename: StdinFilenameOpt = None,
) -> None:
    """Check self-assessments against their rubric without scoring them.

    Exit 0 when every file is valid, 2 otherwise; every problem is reported with its
    file, line and column.
    """
    with reporting_errors():
        from trustscore.loading.check import check_files
        from trustscore.render.validation import validation_json, validation_text

        if sum(str(f) == "-" for f in files) > 1:
            raise UsageError("standard input ('-') can be read only once")
        report = check_files([(f, input_label(f, stdin_filename)) for f in files], rubric)
        text = validation_json(report) if fmt is CheckFormat.JSON else validation_text(report)
        if fmt is CheckFormat.TEXT and not report.valid:
            sys.stderr.write(text)
        else:
            write_output(text, None)
    raise typer.Exit(exit_code_for(invalid_input=not report.valid, gates_failed=False))


@app.command(cls=Command)
def init(
    rubric: str = typer.Option("it-services", "--rubric", "-r", metavar="ID|PATH",
                               help="Built-in rubric id or rubric file to answer."),
    output: OutputOpt = None,
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> None:
    """Write a commented self-assessment template listing every control, ready to fill in."""
    with reporting_errors():
        from trustscore.loading.load import load_rubric
        from trustscore.render.template import render_template, schema_file_name

        loaded = load_rubric(rubric).rubric
        if not to_terminal(output) and Path(output or "").exists() and not force:
            raise UsageError(f"{output} already exists; pass --force to overwrite it")
        write_output(render_template(loaded, dt.date.today()), output, rubric_inputs(rubric))
        if output is not None:
            from trustscore.render.safe_text import safe_text

            sys.stderr.write(
                f"wrote {safe_text(str(output))}: fill in each 'value:', then run "
                f"'trustscore validate {safe_text(str(output))}'.\n"
                f"editor support: trustscore schema assessment --rubric {loaded.id} "
                f"--output {schema_file_name(loaded)}\n")


@app.command(cls=Command)
def schema(
    kind: SchemaKind = typer.Argument(..., metavar="KIND", show_default=False,
                                      help="Which schema to write: assessment, rubric or "
                                      "report."),
    rubric: str = typer.Option(
        "it-services", "--rubric", "-r", metavar="ID|PATH",
        help="For 'assessment': the rubric whose controls the answers follow; for "
        "'report': the rubric whose rule codes flags may carry."),
    output: OutputOpt = None,
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
        from trustscore.render.safe_text import json_terminal_safe

        text = json_terminal_safe(json.dumps(document, indent=2, ensure_ascii=False))
        write_output(text + "\n", output, rubric_inputs(rubric))


@app.command(cls=Command)
def batch(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...", show_default=False,
        help="Self-assessment files, folders (searched for *.yaml and *.yml) and glob "
        "patterns."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: BatchFormat = typer.Option(
        BatchFormat.TEXT, "--format", "-f", metavar=_choices(BatchFormat),
        help="Output format."),
    output: OutputOpt = None,
    sort: SortKey = typer.Option(SortKey.SCORE, "--sort", metavar=_choices(SortKey),
                                 help="How to rank vendors."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                    show_default=False,
                                    help="Worker processes. Default: every core."),
    show_all: bool = typer.Option(False, "--all",
                                  help="Text: show every row, not just the top and bottom "
                                  "10."),
    fail_under: FailUnderOpt = None,
    min_grade: MinGradeOpt = None,
) -> None:
    """Score many self-assessments: a ranked table and a portfolio summary.

    A file that cannot be scored is reported with its problems and the rest are still
    scored. Exit 2 if any file had errors, else 1 if any vendor failed a gate, else 0.
    """
    with reporting_errors():
        from trustscore.batch_runner import BatchOptions, Scored, default_jobs, run
        from trustscore.engine.gates import normalise_grade
        from trustscore.engine.portfolio import assemble
        from trustscore.engine.score import profile_weights
        from trustscore.loading.discover import discover
        from trustscore.loading.load import DEFAULT_RUBRIC, load_rubric
        from trustscore.models.batch import FileError
        from trustscore.render import batch as render_batch

        day = parse_as_of(as_of)
        found = discover(paths)
        if not found.files:
            raise UsageError("no self-assessment files found in: " + ", ".join(paths))
        reference = load_rubric(rubric or DEFAULT_RUBRIC).rubric
        if min_grade is not None:
            normalise_grade(reference, min_grade)
        if profile is not None and rubric is not None:
            profile_weights(reference, profile)
        options = BatchOptions(rubric_ref=rubric, profile=profile, as_of=day,
                               fail_under=fail_under, min_grade=min_grade,
                               full_reports=fmt is BatchFormat.JSON)
        rows: list[VendorRow] = []
        errors: list[FileError] = []
        from trustscore.output import OutputSink

        inputs = [*found.files, *rubric_inputs(rubric)]
        with OutputSink(output, inputs) as sink, _progress(len(found.files)) as advance:
            if fmt is BatchFormat.JSON:
                sink.write(render_batch.batch_json_open())
            for outcome in run(found.files, options, jobs or default_jobs()):
                if isinstance(outcome, Scored):
                    if outcome.report_json is not None:
                        sink.write(render_batch.batch_json_report(outcome.report_json,
                                                                  not rows))
                    rows.append(outcome.row)
                else:
                    errors.append(outcome)
                advance()
            result = assemble(rows, errors, found.skipped, sort,
                              _grade_orders(rows, reference, rubric), tool_version=__version__,
                              as_of=day.isoformat(), profile=profile or "default")
            pieces: Iterable[str]
            if fmt is BatchFormat.JSON:
                pieces = render_batch.batch_json_close(result)
            elif fmt is BatchFormat.CSV:
                pieces = render_batch.batch_csv(result)
            elif fmt is BatchFormat.MARKDOWN:
                pieces = render_batch.batch_markdown(result)
            else:
                pieces = [render_batch.batch_text(result, render_options(to_terminal(output)),
                                                  show_all)]
            for piece in pieces:
                sink.write(piece)
        if errors and fmt is BatchFormat.CSV:
            print_problems([p for e in errors for p in _problems_of(e)])
    raise typer.Exit(exit_code_for(invalid_input=bool(errors),
                                   gates_failed=any(r.gates_failed for r in rows)))


def _grade_orders(rows: list[VendorRow], reference: Rubric,
                  explicit: str | None) -> dict[str, list[str]]:
    """Each rubric's grades, best first, for the rubrics the scored vendors answered."""
    from trustscore.loading.load import load_rubric

    orders = {f"{reference.id}@{reference.version}": reference.grade_order()}
    if explicit is None:
        for label in {row.rubric for row in rows} - set(orders):
            orders[label] = load_rubric(label.split("@", 1)[0]).rubric.grade_order()
    return orders


def _problems_of(error: FileErrorLike) -> list[Problem]:
    return [Problem(p.file, p.line, p.column, p.message, p.hint) for p in error.problems]


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for a large batch on a terminal; otherwise nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("scoring", total=total)
        yield lambda: bar.advance(task)


def _score_file(file: Path, rubric: str | None, profile: str | None,
                day: dt.date | None, label: str | None = None) -> tuple[Report, Rubric]:
    """Load and fully score one file (``day`` None: as of its own assessment date)."""
    from trustscore.engine.score import Fingerprints
    from trustscore.engine.score import score as score_assessment
    from trustscore.loading.load import load_for_scoring

    assessment, loaded = load_for_scoring(file, rubric, label=label or input_label(file, None))
    report = score_assessment(loaded.rubric, assessment.assessment,
                              as_of=day or assessment.assessment.assessed_on, profile=profile,
                              fingerprints=Fingerprints(loaded.sha256, assessment.sha256))
    return report, loaded.rubric


def _score_files(files: list[tuple[Path, dt.date | None]], rubric: str | None,
                 profile: str | None) -> list[tuple[Report, Rubric]]:
    """Score every file, or report the problems of all the bad ones at once."""
    problems: list[Problem] = []
    scored = []
    for file, day in files:
        try:
            scored.append(_score_file(file, rubric, profile, day))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scored


@app.command(cls=Command)
def compare(
    files: list[Path] = typer.Argument(..., metavar="FILE...", show_default=False,
                                       help="Two or more self-assessments to compare."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: CompareFormat = typer.Option(
        CompareFormat.TEXT, "--format", "-f", metavar=_choices(CompareFormat),
        help="Output format."),
    output: OutputOpt = None,
) -> None:
    """Vendors side by side: headline, domains (best marked), and where they differ most."""
    with reporting_errors():
        from trustscore.engine.comparison import compare as compare_reports
        from trustscore.render import comparison as view

        if len(files) < 2:
            raise UsageError("compare needs at least two files")
        day = parse_as_of(as_of)
        scored = _score_files([(file, day) for file in files], rubric, profile)
        result = compare_reports([report for report, _ in scored],
                                 [input_label(f, None) for f in files])
        if fmt is CompareFormat.HTML:
            from trustscore.render.html import comparison_html

            text = comparison_html(result)
        else:
            text = {CompareFormat.JSON: lambda: view.compare_json(result),
                    CompareFormat.MARKDOWN: lambda: view.compare_markdown(result),
                    CompareFormat.TEXT: lambda: view.compare_text(
                        result, render_options(to_terminal(output)))}[fmt]()
        write_output(text, output, [*files, *rubric_inputs(rubric)])


@app.command(cls=Command)
def diff(
    old: Path = typer.Argument(..., metavar="OLD", show_default=False,
                               help="The earlier self-assessment."),
    new: Path = typer.Argument(..., metavar="NEW", show_default=False,
                               help="The later self-assessment."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="YYYY-MM-DD", show_default=False,
        help="Judge the new file's evidence on this date. Default: today. The old file is "
        "judged on its own assessment date."),
    fmt: ChangeFormat = typer.Option(
        ChangeFormat.TEXT, "--format", "-f", metavar=_choices(ChangeFormat),
        help="Output format."),
    output: OutputOpt = None,
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression",
        help="Exit 1 if the trust score or the grade went down, or a knockout newly failed."),
) -> None:
    """What changed for one vendor between two self-assessments."""
    with reporting_errors():
        from trustscore.engine.comparison import diff as diff_reports
        from trustscore.render import comparison as view

        (old_report, old_rubric), (new_report, new_rubric) = _score_files(
            [(old, None), (new, parse_as_of(as_of))], rubric, profile)
        result = diff_reports(old_report, new_report, old_rubric, new_rubric,
                              input_label(old, None), input_label(new, None),
                              new_rubric.evidence.expiry_warning_days)
        text = {ChangeFormat.JSON: lambda: view.diff_json(result),
                ChangeFormat.MARKDOWN: lambda: view.diff_markdown(result),
                ChangeFormat.TEXT: lambda: view.diff_text(
                    result, render_options(to_terminal(output)))}[fmt]()
        write_output(text, output, [old, new, *rubric_inputs(rubric)])
        from trustscore.render.safe_text import safe_text

        for warning in result.warnings:
            sys.stderr.write(f"trustscore: warning: {safe_text(warning)}\n")
    if fail_on_regression and result.regression:
        sys.stderr.write("trustscore: regression: the trust score or the grade went down, or "
                         "a knockout newly failed\n")
        raise typer.Exit(ExitCode.GATE_FAILED)


@app.command(cls=Command)
def plan(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment to improve."),
    target: str | None = typer.Option(None, "--target", "-t", metavar="GRADE",
                                      show_default=False, help="The grade to reach."),
    target_score: float | None = typer.Option(
        None, "--target-score", min=0, max=100, metavar="SCORE", show_default=False,
        help="The trust score to reach (instead of --target)."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: ChangeFormat = typer.Option(
        ChangeFormat.TEXT, "--format", "-f", metavar=_choices(ChangeFormat),
        help="Output format."),
    output: OutputOpt = None,
) -> None:
    """The cheapest steps from the current grade to a target.

    Failed knockouts come first; then the best trust points per unit of effort, where
    attaching independent evidence to a claim that is already true counts as a step. Each
    step shows the score and grade after it. Exit 1 if the target cannot be reached.
    """
    with reporting_errors():
        from trustscore.engine.gates import normalise_grade
        from trustscore.engine.plan import make_plan
        from trustscore.engine.score import Fingerprints
        from trustscore.loading.load import load_for_scoring
        from trustscore.render import plan as view

        if (target is None) == (target_score is None):
            raise UsageError("give exactly one of --target GRADE or --target-score SCORE")
        day = parse_as_of(as_of)
        assessment, loaded = load_for_scoring(file, rubric, label=input_label(file, None))
        grade = normalise_grade(loaded.rubric, target) if target is not None else None
        result = make_plan(loaded.rubric, assessment.assessment, as_of=day, profile=profile,
                           fingerprints=Fingerprints(loaded.sha256, assessment.sha256),
                           target_score=target_score, target_grade=grade)
        text = {ChangeFormat.JSON: view.plan_json, ChangeFormat.MARKDOWN: view.plan_markdown,
                ChangeFormat.TEXT: view.plan_text}[fmt](result)
        write_output(text, output, [file, *rubric_inputs(rubric)])
    raise typer.Exit(exit_code_for(invalid_input=False, gates_failed=not result.reachable))


@app.command(cls=Command)
def badge(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment to score."),
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """A small SVG badge with the grade, trust score and as-of date, for a website."""
    with reporting_errors():
        from trustscore.render.badge import badge_svg

        report, _ = _score_file(file, rubric, profile, parse_as_of(as_of))
        write_output(badge_svg(report), output, [file, *rubric_inputs(rubric)])


@rubric_app.command("list", cls=Command)
def rubric_list() -> None:
    """List the built-in rubrics."""
    with reporting_errors():
        from trustscore.loading.builtin import builtin_rubrics
        from trustscore.loading.load import load_rubric
        from trustscore.render.rubric_view import rubric_list_text

        write_output(rubric_list_text([load_rubric(r).rubric for r in builtin_rubrics()]), None)


@rubric_app.command("show", cls=Command)
def rubric_show(
    rubric: str = typer.Argument(..., metavar="ID|PATH",
                                 help="Built-in rubric id or path to a rubric file.",
                                 show_default=False),
    fmt: RubricFormat = typer.Option(
        RubricFormat.TEXT, "--format", "-f", metavar=_choices(RubricFormat),
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


@rubric_app.command("lint", cls=Command)
def rubric_lint(
    paths: list[Path] = typer.Argument(..., metavar="FILE...", help="Rubric files to check.",
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
