"""``trustscore export FILE --format caiq|oscal|soa``: answers out to other tools."""

from __future__ import annotations

from pathlib import Path

import typer

from trustscore.cli.options import AsOfOpt, OutputOpt, ProfileOpt, ReviewOpt, RubricOpt

_FILE_FORMATS = {"caiq": ("csv", ["csv", "xlsx"]), "oscal": ("json", ["json"]),
                 "soa": ("markdown", ["markdown", "csv"])}
"""Each target's file formats, the first the default; the --output suffix picks one."""
_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".md": "markdown",
             ".markdown": "markdown"}


def export(
    file: Path = typer.Argument(..., metavar="FILE", show_default=False,
                                help="The self-assessment to export ('-' reads standard "
                                "input)."),
    target: str = typer.Option(..., "--format", "-f", metavar="[caiq|oscal|soa]",
                               show_default=False,
                               help="caiq: CAIQ v4 answers (CSV, or .xlsx by --output) for "
                               "the questions the crosswalk covers; oscal: an OSCAL "
                               "assessment-results JSON document; soa: an ISO/IEC 27001:2022 "
                               "Statement of Applicability (Markdown, or CSV by --output)."),
    output: OutputOpt = None,
    rubric: RubricOpt = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    review: ReviewOpt = None,
) -> int:
    """Write the assessment in a format other tools read: CAIQ answers a client's
    questionnaire from the trustscore file; OSCAL findings (satisfied when a control earns
    three quarters of its points once evidence is weighed) for GRC tools; a Statement of
    Applicability listing all 93 Annex A controls. The same input and --as-of give the
    same output (OSCAL UUIDs are derived from the input)."""
    from trustscore.cli.options import parse_as_of, rubric_inputs
    from trustscore.cli.output import write_output
    from trustscore.errors import UsageError
    from trustscore.render.options import Format
    from trustscore.render.registry import render
    from trustscore.services.exporting import Target
    from trustscore.services.exporting import export as run_export

    if target not in _FILE_FORMATS:
        raise UsageError(f"--format must be one of caiq, oscal, soa, not '{target}'")
    default, allowed = _FILE_FORMATS[target]
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    fmt = _SUFFIXES.get(suffix, default)
    if fmt not in allowed:
        raise UsageError(f"--format {target} writes {' or '.join(allowed)}, not a "
                         f"'{suffix}' file")
    result = run_export(file, Target(target), rubric, profile, parse_as_of(as_of), review)
    write_output(render(result, Format(fmt)), output,
                 [file, *rubric_inputs(rubric), *([review] if review else [])])
    return 0
