"""``trustscore init``: a commented self-assessment template, ready to fill in."""

from __future__ import annotations

import typer

from trustscore.cli.options import OutputOpt


def init(
    rubric: str = typer.Option("it-services", "--rubric", "-r", metavar="ID|PATH",
                               help="Built-in rubric id or rubric file to answer."),
    output: OutputOpt = None,
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> int:
    """Write a commented self-assessment template listing every control, ready to fill in."""
    import datetime as dt
    from pathlib import Path

    from trustscore.cli.messages import note
    from trustscore.cli.options import rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.errors import UsageError
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.render.template import next_steps
    from trustscore.services.rubrics import template

    document = template(rubric, dt.date.today())
    if not is_stdout(output) and Path(output or "").exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it")
    write_output(render(document, Format.YAML), output, rubric_inputs(rubric))
    if output is not None:
        note(next_steps(document, str(output)))
    return 0
