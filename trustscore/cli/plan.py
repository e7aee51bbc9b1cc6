"""``trustscore plan FILE``: the cheapest steps to a target grade or score."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import AsOfOpt, OutputOpt, ProfileOpt, RubricOpt, format_option
from trustscore.render.registry import Kind


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
    fmt: str = format_option(Kind.PLAN),
    output: OutputOpt = None,
) -> int:
    """The cheapest steps from the current grade to a target.

    Failed knockouts come first; then the best trust points per unit of effort, where
    attaching independent evidence to a claim that is already true counts as a step. Each
    step shows the score and grade after it. Exit 1 if the target cannot be reached.
    """
    from trustscore.cli.messages import exit_code_for
    from trustscore.cli.options import parse_as_of, rubric_inputs
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.planning import plan_file

    result = plan_file(file, rubric, profile, parse_as_of(as_of), target, target_score)
    write_output(render(result, Format(fmt)), output, [file, *rubric_inputs(rubric)])
    return exit_code_for(invalid_input=False, gates_failed=not result.reachable)
