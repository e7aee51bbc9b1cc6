"""``trustscore review init FILE``: the checklist a buyer's reviewer fills in."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import AsOfOpt, OutputOpt, RubricOpt


def review_init(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment to review."),
    rubric: RubricOpt = None,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
) -> int:
    """Write a review checklist: every evidence item that carries points, the largest stake
    first, with what to check and where (issuer, number, registry, file hash).

    Fill in each verdict (verified, rejected or not_checked) with who checked it, when and
    how, then apply it with 'trustscore score FILE --review REVIEW.yaml'. The review is
    bound to the assessment's SHA-256. Save it as NAME.review.yaml beside NAME.yaml for
    'batch --reviews' to find it.
    """
    from trustscore.cli.messages import note
    from trustscore.cli.options import parse_as_of, rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.errors import UsageError
    from trustscore.render.escaping import safe_text
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.review import review_checklist

    if not is_stdout(output) and Path(output or "").exists() and not force:
        raise UsageError(f"{output} already exists; pass --force to overwrite it (a "
                         "review's verdicts would be lost)")
    checklist = review_checklist(file, rubric, parse_as_of(as_of))
    write_output(render(checklist, Format.YAML), output, [file, *rubric_inputs(rubric)])
    if output is not None and not is_stdout(output):
        note(f"wrote {safe_text(str(output))}: {len(checklist.items)} item(s) to check; "
             f"apply it with 'trustscore score {safe_text(str(file))} --review "
             f"{safe_text(str(output))}'.\n")
    return 0
