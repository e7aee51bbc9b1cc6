"""``trustscore history STORE [VENDOR]`` and ``trustscore due STORE``: the portfolio store
read back."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import AsOfOpt, OutputOpt, format_option
from trustscore.render.registry import Kind

StoreArg = typer.Argument(..., metavar="STORE.db", show_default=False,
                          help="A portfolio store written by 'batch --record'.")
StoreProfileOpt = typer.Option(None, "--profile", "-p", metavar="NAME", show_default=False,
                               help="Only records scored with this weight profile. Default: "
                               "every record, each naming its profile.")


def history(
    store: Path = StoreArg,
    vendor: str | None = typer.Argument(
        None, metavar="[VENDOR]", show_default=False,
        help="A vendor's key or alias (id:..., web:..., name:...), or part of its name. "
        "Default: every vendor."),
    profile: str | None = StoreProfileOpt,
    fmt: str = format_option(Kind.HISTORY),
    output: OutputOpt = None,
) -> int:
    """Each vendor over time: trust score and grade per recorded assessment (a sparkline
    in text, a line chart in HTML), what moved between consecutive records (scores,
    domains, the controls that regressed or improved, knockouts, critical flags, lapsed
    evidence), and the method of each point."""
    from trustscore.cli.options import render_options
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.history import history as run_history

    result = run_history(store, vendor, profile)
    write_output(render(result, Format(fmt), render_options(is_stdout(output))), output,
                 [store])
    return 0


def due(
    store: Path = StoreArg,
    within: str = typer.Option("90d", "--within", metavar="DAYS", show_default=True,
                               help="The window: a number of days (90 or 90d)."),
    as_of: AsOfOpt = None,
    profile: str | None = StoreProfileOpt,
    policy: Path | None = typer.Option(
        None, "--policy", metavar="PORTFOLIO.yaml", show_default=False,
        help="Also list the re-reviews each vendor's tier requires (its tier as recorded "
        "by 'batch --policy')."),
    fmt: str = format_option(Kind.DUE),
    output: OutputOpt = None,
) -> int:
    """What falls due for each vendor's latest record, the earliest first: assessments
    passing the rubric's maximum age, and evidence expiring in the window (or already
    expired: overdue)."""
    from trustscore.cli.options import parse_as_of, render_options
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.errors import UsageError
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.history import due_list

    days = within.strip().lower().removesuffix("d")
    if not days.isdigit() or not 0 <= int(days) <= 36_600:
        raise UsageError(f"--within takes a number of days (90 or 90d), not '{within}'")
    result = due_list(store, parse_as_of(as_of), int(days), profile, policy)
    write_output(render(result, Format(fmt), render_options(is_stdout(output))), output,
                 [store, *([policy] if policy else [])])
    return 0
