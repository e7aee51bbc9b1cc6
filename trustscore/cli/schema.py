"""``trustscore schema KIND``: a JSON Schema for editors and tools."""

from __future__ import annotations

import typer

from trustscore.cli.options import OutputOpt
from trustscore.services.schema import SchemaKind


def schema(
    kind: SchemaKind = typer.Argument(..., metavar="KIND", show_default=False,
                                      help="Which schema to write: assessment, rubric, "
                                      "report or review (a buyer's review file)."),
    rubric: str = typer.Option(
        "it-services", "--rubric", "-r", metavar="ID|PATH",
        help="For 'assessment': the rubric whose controls the answers follow; for "
        "'report': the rubric whose rule codes flags may carry; for 'review': the rubric "
        "whose evidence kinds and controls it names."),
    output: OutputOpt = None,
) -> int:
    """Print a JSON Schema: of a self-assessment (for editors), a rubric, the JSON report, or
    a buyer's review file."""
    from trustscore.cli.options import rubric_inputs
    from trustscore.cli.output import write_output
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.schema import schema_document

    write_output(render(schema_document(kind, rubric), Format.JSON), output,
                 rubric_inputs(rubric))
    return 0
