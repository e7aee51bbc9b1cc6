"""``trustscore rubric list|show|lint``: what the rubrics ask, and checking custom ones."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import format_option
from trustscore.render.registry import Kind


def rubric_list() -> int:
    """List the built-in rubrics."""
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.rubrics import catalogue

    write_output(render(catalogue(), Format.TEXT), None)
    return 0


def rubric_show(
    rubric: str = typer.Argument(..., metavar="ID|PATH",
                                 help="Built-in rubric id or path to a rubric file.",
                                 show_default=False),
    fmt: str = format_option(Kind.RUBRIC),
    profiles: bool = typer.Option(False, "--profiles",
                                  help="Also show the weight profiles (text format)."),
) -> int:
    """Show every domain and control of a rubric: question, answer, weight, knockout."""
    from trustscore.cli.options import render_options
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services import rubrics

    write_output(render(rubrics.rubric(rubric), Format(fmt),
                        render_options(to_terminal=True, profiles=profiles)), None)
    return 0


def rubric_lint(
    paths: list[Path] = typer.Argument(..., metavar="FILE...", help="Rubric files to check.",
                                       show_default=False),
) -> int:
    """Check custom rubric files: structure, ordered bands, references; exit 2 on a problem."""
    from trustscore.cli.messages import exit_code_for, print_problems
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.rubrics import lint

    result = lint(paths)
    write_output(render(result, Format.TEXT), None)
    if result.problems:
        print_problems(result.problems)
    return exit_code_for(invalid_input=bool(result.problems), gates_failed=False)
