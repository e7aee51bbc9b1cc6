"""``trustscore score FILE``: one self-assessment, an explained trust report."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import (
    AsOfOpt,
    FailUnderOpt,
    MinGradeOpt,
    OutputOpt,
    ProfileOpt,
    ReviewOpt,
    RubricOpt,
    StdinFilenameOpt,
    format_option,
)
from trustscore.render.options import Format
from trustscore.render.registry import Kind


def score(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment YAML file to score ('-' reads "
                                "standard input)."),
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: str = format_option(Kind.REPORT, without=[Format.SVG]),
    output: OutputOpt = None,
    fail_under: FailUnderOpt = None,
    min_grade: MinGradeOpt = None,
    review: ReviewOpt = None,
    stdin_filename: StdinFilenameOpt = None,
) -> int:
    """Score one self-assessment and print an explained trust report."""
    from trustscore.cli.messages import exit_code_for, say
    from trustscore.cli.options import parse_as_of, render_options, rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.render.registry import render
    from trustscore.services.scoring import input_label, score_gated

    gated = score_gated(file, rubric, profile, parse_as_of(as_of),
                        input_label(file, stdin_filename), fail_under, min_grade, review)
    write_output(render(gated.report, Format(fmt), render_options(is_stdout(output))), output,
                 [file, *rubric_inputs(rubric), *([review] if review else [])])
    say("gate failed", gated.failed_gates)
    return exit_code_for(invalid_input=False, gates_failed=bool(gated.failed_gates))
