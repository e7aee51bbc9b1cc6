"""``trustscore batch PATH...``: many self-assessments, ranked and summarised."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer

from trustscore.cli.options import (
    AsOfOpt,
    FailUnderOpt,
    MinGradeOpt,
    OutputOpt,
    ProfileOpt,
    RubricOpt,
    choices,
    format_option,
)
from trustscore.ranking import SortKey
from trustscore.render.registry import Kind


def batch(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...", show_default=False,
        help="Self-assessment files, folders (searched for *.yaml and *.yml) and glob "
        "patterns."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: str = format_option(Kind.BATCH),
    output: OutputOpt = None,
    sort: SortKey = typer.Option(SortKey.SCORE, "--sort", metavar=choices(SortKey),
                                 help="How to rank vendors."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, metavar="N",
                                    show_default=False,
                                    help="Worker processes. Default: every core."),
    show_all: bool = typer.Option(False, "--all",
                                  help="Text: show every row, not just the top and bottom "
                                  "10."),
    fail_under: FailUnderOpt = None,
    min_grade: MinGradeOpt = None,
    reviews: bool = typer.Option(
        False, "--reviews",
        help="Apply the buyer's review beside each assessment (NAME.review.yaml beside "
        "NAME.yaml): rows show the reviewed figures and the vendor-declared score. A review "
        "of another version of its assessment makes that file an error."),
    record: Path | None = typer.Option(
        None, "--record", metavar="STORE.db", show_default=False,
        help="Record every scored file in this portfolio store (SQLite; created if "
        "missing). Recording the same input, rubric, as-of date and profile again adds "
        "nothing. See docs/store.md for its tables."),
    policy: Path | None = typer.Option(
        None, "--policy", metavar="PORTFOLIO.yaml", show_default=False,
        help="The buyer's portfolio policy: each vendor's criticality tier (from the "
        "policy's vendor list, else its default tier) sets the profile it is scored with "
        "and the minimum grade it must reach (a failed tier gate exits 1). 'trustscore "
        "schema policy' writes its JSON Schema."),
    reports_dir: Path | None = typer.Option(
        None, "--reports-dir", metavar="DIR", show_default=False,
        help="Also write each vendor's HTML report into DIR (created if missing), named "
        "after its file and hash; the HTML dashboard links each vendor to it."),
    alert: bool = typer.Option(
        False, "--alert",
        help="With --record: compare each vendor's new record with its previous one and "
        "report grade drops, newly failed knockouts, new critical flags and lapsed evidence "
        "(stderr; JSON 'alerts'); exit 1 when there is any."),
) -> int:
    """Score many self-assessments: a ranked table and a portfolio summary.

    A file that cannot be scored is reported with its problems and the rest are still
    scored. Exit 2 if any file had errors, else 1 if any vendor failed a gate (or, with
    --alert, any alert), else 0.
    """
    from trustscore.cli.messages import exit_code_for, print_problems
    from trustscore.cli.options import parse_as_of, render_options, rubric_inputs
    from trustscore.cli.output import is_stdout, progress, write_output
    from trustscore.render.batch import problems_shown_in
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.batch import BatchRequest, BatchRun

    chosen = Format(fmt)
    run = BatchRun(BatchRequest(paths, rubric, profile, parse_as_of(as_of), sort, jobs,
                                fail_under, min_grade, full_reports=chosen is Format.JSON,
                                reviews=reviews, record=record, alert=alert,
                                policy=policy, reports_dir=reports_dir,
                                trends=chosen is Format.HTML))
    options = render_options(is_stdout(output), all_rows=show_all)
    if not is_stdout(output):
        options = dataclasses.replace(options, link_base=str(Path(str(output)).parent))
    with progress(len(run.files)) as advance:
        stream = run.stream(advance)
        try:
            write_output(render(stream, chosen, options), output,
                         [*run.inputs, *rubric_inputs(rubric)])
        finally:
            stream.close()  # a signal while writing must not leave a worker behind
    result = run.result
    if run.recorded is not None:
        from trustscore.cli.messages import note, say
        from trustscore.render.escaping import safe_text

        done = run.recorded
        say("warning", done.identity_changes)
        note(f"trustscore: recorded {done.recorded} assessment(s) in {safe_text(done.store)}"
             f" ({done.already} already there, {done.new_vendors} new vendor(s))\n")
    if result.alerts is not None:
        from trustscore.cli.messages import note
        from trustscore.render.history import alerts_text

        note(alerts_text(result.alerts), essential=True)
    if result.errors and not problems_shown_in(chosen):
        print_problems([p.problem() for e in result.errors for p in e.problems])
    alarmed = result.alerts is not None and bool(result.alerts.alerts)
    return exit_code_for(invalid_input=bool(result.errors),
                         gates_failed=alarmed or any(r.gates_failed for r in result.ranking))
