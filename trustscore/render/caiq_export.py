"""``export caiq``: CAIQ v4 answers as CSV or as an ``.xlsx`` workbook, in the CAIQ v4
column layout, so ``import caiq`` (and a client's tooling) reads them back.

Text from the assessment cannot act in a spreadsheet: CSV cells that start like a formula
are quoted (:func:`csv_cell`), and workbook cells are written as text, never as formulas.
"""

from __future__ import annotations

import csv
import io

from trustscore.models.caiq import CAIQ_HEADER, CaiqExport, CaiqRow
from trustscore.render.escaping import csv_cell, safe_text
from trustscore.render.options import RenderOptions

SHEET = "CAIQv4.0.3"
QUESTION_TEXT = "(question text: see the CAIQ v4.0.3)"
"""CSA's question texts are theirs and are not reproduced."""


def _title(export: CaiqExport) -> str:
    return (f"CAIQ v4 answers of {export.vendor}, written by trustscore from "
            f"{export.assessment} ({export.rubric} crosswalk): one row per CCM control it "
            "reaches, as the control's first question")


def _cells(row: CaiqRow) -> list[str]:
    return [row.question, QUESTION_TEXT, row.answer.value, row.ownership, row.description,
            ""]


def caiq_csv(export: CaiqExport, options: RenderOptions) -> str:
    """The answers as CSV UTF-8: a title row, the header row, one row per question."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(_title(export))])
    writer.writerow(CAIQ_HEADER)
    for row in export.rows:
        writer.writerow([csv_cell(c) for c in _cells(row)])
    return out.getvalue()


def caiq_xlsx(export: CaiqExport, options: RenderOptions) -> bytes:
    """The answers as a workbook with one sheet named like the CAIQ's."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = SHEET
    rows = [[_title(export)], list(CAIQ_HEADER), *(_cells(r) for r in export.rows)]
    for r, values in enumerate(rows, 1):
        for c, value in enumerate(values, 1):
            cell = sheet.cell(row=r, column=c, value=safe_text(value))
            cell.data_type = "s"  # text, even when it starts with '=': never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
