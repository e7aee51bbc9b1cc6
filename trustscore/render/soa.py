"""``export soa``: the Statement of Applicability as CSV and as Markdown."""

from __future__ import annotations

import csv
import io

from trustscore.models.soa import SoaControl, SoaRow, StatementOfApplicability
from trustscore.render.escaping import csv_cell, md
from trustscore.render.options import RenderOptions

_HEADER = ["control", "title", "theme", "applicability", "implementation",
           "trustscore_controls", "evidence", "justification"]


def _control(c: SoaControl) -> str:
    answer = f"'{c.answer}'" if c.answer is not None else "not answered"
    return (f"{c.id} {answer} ({c.contribution:g} of {c.max_points:g} points"
            f"{', satisfied' if c.satisfied else ''})")


def _controls(row: SoaRow) -> str:
    """Each control behind the row with its answer and what it earned."""
    return "; ".join(_control(c) for c in row.controls)


def soa_csv(soa: StatementOfApplicability, options: RenderOptions) -> str:
    """One row per Annex A control, every column text a spreadsheet will not run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADER)
    for row in soa.rows:
        writer.writerow([row.control, row.title, row.theme, row.applicability.value,
                         row.implementation.value, csv_cell(_controls(row)),
                         csv_cell("; ".join(row.evidence)), csv_cell(row.justification)])
    return out.getvalue()


def soa_markdown(soa: StatementOfApplicability, options: RenderOptions) -> str:
    """The statement as a Markdown document: a summary, then one table row per control."""
    out = [
        f"# Statement of Applicability: {md(soa.vendor)}",
        "",
        f"ISO/IEC 27001:2022 Annex A, as the answers to {md(soa.rubric)} support it, as of "
        f"{soa.as_of} (assessment sha256 `{soa.input_sha256}`). "
        "*Implemented* means every applicable trustscore control behind it earns at least "
        "three quarters of its points once the evidence is weighed; a bare claim never does.",
        "",
        " · ".join(f"{n} {k}" for k, n in soa.counts.items()),
        "",
        "| Control | Title | Applicability | Implementation | trustscore controls and answers | "
        "Evidence | Justification |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in soa.rows:
        out.append(f"| {row.control} | {md(row.title)} | {row.applicability.value} | "
                   f"{row.implementation.value or '-'} | {md(_controls(row)) or '-'} | "
                   f"{md('; '.join(row.evidence)) or '-'} | {md(row.justification) or '-'} |")
    return "\n".join(out) + "\n"
