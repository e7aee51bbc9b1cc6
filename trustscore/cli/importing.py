"""``trustscore import caiq FILE``: a CAIQ answer sheet as a self-assessment to score."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import OutputOpt


def import_caiq(
    file: Path = typer.Argument(..., metavar="FILE.xlsx|FILE.csv", show_default=False,
                                help="The vendor's CAIQ v4 answer sheet."),
    rubric: str | None = typer.Option(
        None, "--rubric", "-r", metavar="ID|PATH", show_default=False,
        help="The rubric whose CCM v4 crosswalk maps the questions (a built-in id or a "
        "rubric file). Default: it-services."),
    output: OutputOpt = None,
    column: str | None = typer.Option(
        None, "--column", metavar="ROLE=COL,...", show_default=False,
        help="Name the columns of another layout (a SIG-style sheet): roles id, answer, "
        "ownership, description, question; each a letter or its header text, e.g. "
        "id=A,answer=C,description=E. Default: found by the CAIQ v4 headers."),
    vendor: str | None = typer.Option(None, "--vendor", metavar="NAME", show_default=False,
                                      help="The vendor's name (a sheet does not say it)."),
    country: str | None = typer.Option(None, "--country", metavar="COUNTRY",
                                       show_default=False, help="The vendor's country."),
    headcount: int | None = typer.Option(None, "--headcount", min=1, max=10_000_000,
                                         metavar="N", show_default=False,
                                         help="The vendor's headcount."),
    assessed_on: str | None = typer.Option(
        None, "--assessed-on", metavar="YYYY-MM-DD", show_default=False,
        help="The date the sheet was answered. Default: today."),
) -> int:
    """Turn a vendor's CAIQ v4 answers (.xlsx or .csv) into a self-assessment that
    'validate' accepts and 'score' scores, through the rubric's CCM v4 crosswalk.

    A Yes stands for the level the rubric declares (never its top level); the questions
    feeding a control combine as the rubric says (every one Yes, by default); NA counts
    only where the rubric allows it and the sheet gives a reason; a control no question
    covers stays unanswered. Every answer notes its sheet, rows and question ids. A
    coverage summary goes to stderr. Formulas are never evaluated, macros never run;
    merged cells, hidden rows or sheets and formulas in the answer table are refused.
    """
    from trustscore.cli.messages import note
    from trustscore.cli.options import parse_as_of, rubric_inputs
    from trustscore.cli.output import is_stdout, write_output
    from trustscore.models.caiq import VendorFacts
    from trustscore.render.caiq_import import coverage_summary
    from trustscore.render.escaping import safe_text
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.importing import import_caiq as run_import
    from trustscore.services.scoring import input_label

    facts = VendorFacts(assessed_on=parse_as_of(assessed_on, "--assessed-on"), name=vendor,
                        country=country, headcount=headcount)
    result = run_import(file, input_label(file), rubric, facts, column)
    write_output(render(result, Format.YAML), output, [file, *rubric_inputs(rubric)])
    note(coverage_summary(result))
    if output is not None and not is_stdout(output):
        shown = safe_text(str(output))
        note(f"wrote {shown}: check the placeholders, then 'trustscore score {shown}'.\n")
    return 0
