"""Read a CAIQ answer sheet (``.xlsx`` or ``.csv``) into its questions and answers.

A spreadsheet from a stranger is hostile input like any other, so this reader refuses
rather than guesses: a formula is never evaluated (its cached value may say anything),
a merged cell or a hidden row or sheet could show a reader other answers than the ones
imported, and a workbook is checked as a zip (size, entries) before it is parsed. Every
refusal names the sheet and cell (``CAIQv4.0.3!C14``) or, for CSV, the line and field.
openpyxl is imported here only, so no other command pays for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trustscore.errors import InputError, Problem, UsageError
from trustscore.loading.yaml_source import read_bytes
from trustscore.models.caiq import QUESTION_ID, AnswerSheet, CaiqAnswer, Role, SheetQuestion

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 32 * 1024 * 1024
"""A workbook's parts, unpacked: a CAIQ of a few hundred rows is well under 1 MiB, so a
bigger total is a zip bomb, not a questionnaire."""
MAX_ZIP_ENTRIES = 1000
MAX_ROWS = 5000
"""CAIQ v4 has 261 questions, SIG Core a few thousand: more rows is not an answer sheet."""
HEADER_SEARCH_ROWS = 20
MAX_PROBLEMS = 20
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"

_HEADERS: dict[Role, frozenset[str]] = {
    Role.ID: frozenset({"question id", "ccm question id", "caiq question id",
                        "question identifier"}),
    Role.QUESTION: frozenset({"question", "question text", "caiq question"}),
    Role.ANSWER: frozenset({"csp caiq answer", "caiq answer", "csp answer", "answer"}),
    Role.OWNERSHIP: frozenset({"ssrm control ownership", "control ownership", "ownership"}),
    Role.DESCRIPTION: frozenset({"csp implementation description",
                                 "implementation description", "description"}),
}
"""The headers of the CAIQ v4 layouts, normalised (lower case, one space, no
parenthesised remark such as "(Optional/Recommended)")."""

_ANSWERS = {"yes": CaiqAnswer.YES, "no": CaiqAnswer.NO, "na": CaiqAnswer.NA,
            "n/a": CaiqAnswer.NA, "not applicable": CaiqAnswer.NA, "": CaiqAnswer.BLANK}
_LETTERS = re.compile(r"[A-Z]{1,3}\Z")
_USAGE = ("--column takes role=column pairs separated by commas, each column a letter "
          "or its header: --column id=A,answer=C,ownership=D,description=E")


def column_letter(index: int) -> str:
    """``0`` -> ``A``, ``26`` -> ``AA``: a column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def parse_columns(spec: str | None) -> dict[Role, str] | None:
    """``--column id=A,answer=Answer`` as roles and columns (a letter or a header)."""
    if spec is None:
        return None
    found: dict[Role, str] = {}
    for part in spec.split(","):
        role, equals, column = (s.strip() for s in part.partition("="))
        if not equals or not column:
            raise UsageError(f"cannot read '{part.strip()}': {_USAGE}")
        try:
            found[Role(role.lower())] = column
        except ValueError:
            names = ", ".join(r.value for r in Role)
            raise UsageError(f"'{role}' is not a column role (one of {names}); "
                             f"{_USAGE}") from None
    missing = [r.value for r in (Role.ID, Role.ANSWER) if r not in found]
    if missing:
        raise UsageError(f"--column must name the {' and '.join(missing)} column(s); {_USAGE}")
    return found


def _normalised(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9&/]+", " ", text).split())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


@dataclass(frozen=True)
class _Grid:
    """A sheet's rows as text, and how to name one of its cells in a message."""

    file: str
    sheet: str | None
    """None for CSV (a cell is then a line and a field)."""
    rows: Sequence[tuple[int, Sequence[str]]]

    def cell(self, column: int, row: int) -> str:
        """``C14``, with the sheet for a workbook (``'My answers'!C14``)."""
        name = f"{column_letter(column)}{row}"
        if self.sheet is None:
            return name
        sheet = self.sheet if re.fullmatch(r"[A-Za-z0-9_.]+", self.sheet) else (
            "'" + self.sheet.replace("'", "''") + "'")
        return f"{sheet}!{name}"

    def problem(self, column: int, row: int, message: str, hint: str = "") -> Problem:
        """A problem at one cell: ``file:Sheet!C14`` or, for CSV, ``file:14:3``."""
        if self.sheet is None:
            return Problem(self.file, row, column + 1, message, hint)
        return Problem(f"{self.file}:{self.cell(column, row)}", 0, 0, message, hint)


def read_answer_sheet(path: Path, label: str,
                      columns: dict[Role, str] | None = None) -> tuple[AnswerSheet, bytes]:
    """The questions of the CAIQ sheet at ``path`` and the file's bytes (for its hash)."""
    raw = read_bytes(path, label, MAX_BYTES)
    if raw.startswith(_OLE_SIGNATURE):
        raise InputError([Problem(label, 0, 0,
                                  "is a password-protected workbook or an old .xls file: it "
                                  "cannot be read without running Excel",
                                  "remove the password (or Save As .xlsx), or export the "
                                  "answer sheet as CSV UTF-8")])
    if path.suffix.lower() == ".csv" or not raw.startswith(_ZIP_SIGNATURE):
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            raise InputError([Problem(label, 0, 0, "is not an .xlsx workbook (corrupt, "
                                      "truncated or another format)",
                                      "open it in a spreadsheet program and save it again "
                                      "as .xlsx, or export the answer sheet as CSV UTF-8")])
        grid = _csv_grid(raw, label)
        return _questions(grid, columns, skipped_sheets=[], notes=[]), raw
    grids, skipped, notes = _workbook_grids(raw, label, columns)
    return _questions(grids, columns, skipped, notes), raw


def _csv_grid(raw: bytes, label: str) -> _Grid:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError([Problem(label, line, 0,
                                  f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line "
                                  f"{line})",
                                  "save the sheet as 'CSV UTF-8' (Excel: File > Save As > "
                                  "CSV UTF-8)")]) from None
    if "\0" in text:
        line = text[:text.index("\0")].count("\n") + 1
        raise InputError([Problem(label, line, 0, "holds a NUL character: not a CSV text file",
                                  "export the answer sheet as CSV UTF-8")])
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError([_too_many_rows(label, None)])
            rows.append((reader.line_num, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise InputError([Problem(label, reader.line_num, 0, f"is not valid CSV: {exc}",
                                  "export the answer sheet again as CSV UTF-8")]) from None
    return _Grid(label, None, rows)


def _too_many_rows(label: str, sheet: str | None) -> Problem:
    grid = _Grid(label, sheet, [])
    return grid.problem(0, MAX_ROWS + 1, f"has more than {MAX_ROWS:,} rows: a CAIQ "
                   "answer sheet has a few hundred",
                   "keep only the answer sheet's rows, or split the file")


def _open_workbook(raw: bytes, label: str) -> Any:
    corrupt = Problem(label, 0, 0, "is not a readable .xlsx workbook (corrupt or truncated)",
                      "open it in a spreadsheet program and save it again, or export the "
                      "answer sheet as CSV UTF-8")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError([corrupt]) from None
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED:
        raise InputError([Problem(label, 0, 0, f"unpacks to more than {MAX_UNZIPPED >> 20} MiB "
                                  f"or {MAX_ZIP_ENTRIES} parts: not a questionnaire",
                                  "export the answer sheet as CSV UTF-8")])
    if "xl/workbook.xml" not in names:
        raise InputError([corrupt])
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (data validation...)
            _count_rows(openpyxl.load_workbook(io.BytesIO(raw), read_only=True,
                                               data_only=False, keep_links=False), label)
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=False,
                                              data_only=False, keep_vba=False,
                                              keep_links=False, rich_text=False)
    except InputError:
        raise
    except Exception:  # openpyxl raises whatever its XML parser met: all mean "corrupt"
        raise InputError([corrupt]) from None
    return workbook, "xl/vbaProject.bin" in names


def _count_rows(workbook: Any, label: str) -> None:
    """Refuse a sheet of too many rows while streaming it, before the full parse (which
    holds every cell in memory) begins."""
    try:
        for sheet in workbook.worksheets:
            for rows, _ in enumerate(sheet.iter_rows(values_only=True), 1):
                if rows > MAX_ROWS:
                    raise InputError([_too_many_rows(label, sheet.title)])
    finally:
        workbook.close()


def _workbook_grids(raw: bytes, label: str, columns: dict[Role, str] | None
                    ) -> tuple[list[_Grid], list[str], list[str]]:
    workbook, macros = _open_workbook(raw, label)
    notes = ["the workbook holds macros: they were not run"] if macros else []
    problems: list[Problem] = []
    grids: list[_Grid] = []
    skipped: list[str] = []
    for sheet in workbook.worksheets:
        grid = _Grid(label, sheet.title, list(_sheet_rows(sheet)))
        header = _find_header(grid, columns)
        if header is None:
            skipped.append(sheet.title + ("" if sheet.sheet_state == "visible" else " (hidden)"))
            continue
        if sheet.sheet_state != "visible":
            problems.append(Problem(f"{label}:{grid.cell(0, header[0])}", 0, 0,
                                    f"the answer sheet '{sheet.title}' is hidden: a reader of "
                                    "the workbook would not see the answers imported",
                                    "unhide the sheet (or delete it) and save the workbook"))
            continue
        problems += _hidden_or_computed(sheet, grid, header[0])
        grids.append(grid)
    workbook.close()
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return grids, skipped, notes


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
    for cells in sheet.iter_rows():
        if cells:
            yield cells[0].row, [_cell_text(c.value) for c in cells]


def _hidden_or_computed(sheet: Any, grid: _Grid, header_row: int) -> list[Problem]:
    """Merged cells, hidden rows and columns, and formulas at or below the header."""
    problems = []
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row >= header_row:
            problems.append(grid.problem(
                merged.min_col - 1, merged.min_row,
                f"merged cells ({merged.coord}) in the answer table: which question a merged "
                "answer belongs to cannot be told", "unmerge the cells and give every "
                "question its own answer"))
    for row, _ in grid.rows:
        if row >= header_row and sheet.row_dimensions[row].hidden:
            problems.append(grid.problem(0, row, f"row {row} is hidden: a reader of the "
                                         "workbook would not see what it answers",
                                         "unhide the row (or delete it) and save"))
    for letters, dimension in sorted(sheet.column_dimensions.items()):
        if dimension.hidden:
            problems.append(grid.problem(_column_index(letters), header_row,
                                         f"column {letters} is hidden: a reader of the "
                                         "workbook would not see what it holds",
                                         "unhide the column (or delete it) and save"))
    for cells in sheet.iter_rows(min_row=header_row):
        for cell in cells:
            if cell.data_type == "f" or type(cell.value).__name__ in (
                    "ArrayFormula", "DataTableFormula"):
                problems.append(grid.problem(
                    cell.column - 1, cell.row, "holds a formula: formulas are never "
                    "evaluated, and the value a spreadsheet last showed may not be its answer",
                    "replace formulas with their values (copy, then Paste Special > Values)"))
    return problems


def _find_header(grid: _Grid, columns: dict[Role, str] | None
                 ) -> tuple[int, dict[Role, int]] | None:
    """The header row and each role's column, found by the headers (or ``--column``)."""
    for row, cells in grid.rows[:HEADER_SEARCH_ROWS]:
        texts = [_normalised(c) for c in cells]
        if columns is None:
            found: dict[Role, int] = {}
            for index, text in enumerate(texts):
                for role, names in _HEADERS.items():
                    if text in names and role not in found:
                        found[role] = index
            if Role.ID in found and Role.ANSWER in found:
                return row, found
            continue
        placed = _placed(columns, texts)
        if placed is not None:
            return row, placed
    if columns is not None and all(_LETTERS.match(c) for c in columns.values()):
        return 0, {role: _column_index(c) for role, c in columns.items()}
    return None


def _placed(columns: dict[Role, str], texts: list[str]) -> dict[Role, int] | None:
    """``--column`` on this row: every header named is here, and the answer column (given by
    letter) holds a header rather than an answer."""
    placed: dict[Role, int] = {}
    for role, column in columns.items():
        if _LETTERS.match(column):
            placed[role] = _column_index(column)
        elif _normalised(column) in texts:
            placed[role] = texts.index(_normalised(column))
        else:
            return None
    if all(_LETTERS.match(c) for c in columns.values()):
        answer = texts[placed[Role.ANSWER]] if placed[Role.ANSWER] < len(texts) else ""
        ident = texts[placed[Role.ID]] if placed[Role.ID] < len(texts) else ""
        if not answer or not ident or answer in _ANSWERS:
            return None
    return placed


def _questions(grids: _Grid | list[_Grid], columns: dict[Role, str] | None,
               skipped_sheets: list[str], notes: list[str]) -> AnswerSheet:
    found = [grids] if isinstance(grids, _Grid) else grids
    located = [(g, _find_header(g, columns)) for g in found]
    answer_sheets = [(g, h) for g, h in located if h is not None]
    file = found[0].file if found else ""
    if not answer_sheets:
        where = "any sheet" if not found or found[0].sheet is not None else "the file"
        raise InputError([Problem(file, 0, 0, f"no CAIQ answer table found in {where}: no "
                                  "row among the first 20 has a 'Question ID' and a 'CSP "
                                  "CAIQ Answer' header",
                                  "name the columns: --column id=A,answer=C (letters or "
                                  "header texts)")])
    if len(answer_sheets) > 1:
        names = ", ".join(f"'{g.sheet}'" for g, _ in answer_sheets)
        raise InputError([Problem(file, 0, 0, f"several sheets hold CAIQ answers ({names}): "
                                  "which one to import cannot be told",
                                  "keep one answer sheet in the workbook")])
    grid, header = answer_sheets[0]
    assert header is not None
    header_row, roles = header
    problems: list[Problem] = []
    questions: list[SheetQuestion] = []
    skipped_rows: list[int] = []
    first_seen: dict[str, int] = {}

    def at(cells: Sequence[str], role: Role) -> str:
        index = roles.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    for row, cells in grid.rows:
        if row <= header_row:
            continue
        question = at(cells, Role.ID)
        if not question:
            if any(cells):
                skipped_rows.append(row)
            continue
        answer_text = at(cells, Role.ANSWER)
        if not QUESTION_ID.match(question) and not answer_text and not at(cells, Role.QUESTION):
            skipped_rows.append(row)  # a section heading of another questionnaire
            continue
        answer = _ANSWERS.get(" ".join(answer_text.lower().split()))
        if answer is None:
            problems.append(grid.problem(
                roles[Role.ANSWER], row, f"'{answer_text[:60]}' is not a CAIQ answer "
                f"(question {question[:40]})", "write Yes, No or NA, or leave it blank"))
            continue
        if question in first_seen:
            problems.append(grid.problem(roles[Role.ID], row, f"question {question[:40]} is "
                                         f"answered again (first on row {first_seen[question]})",
                                         "keep one row per question"))
            continue
        first_seen[question] = row
        questions.append(SheetQuestion(
            question=question[:64], answer=answer, row=row,
            cell=grid.cell(roles[Role.ANSWER], row), ownership=at(cells, Role.OWNERSHIP),
            description=at(cells, Role.DESCRIPTION)))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise InputError(problems)
    if not questions:
        raise InputError([grid.problem(roles[Role.ID], header_row + 1,
                                       "the answer table has no question rows",
                                       "fill in the sheet below its header row")])
    return AnswerSheet(
        file=grid.file, sheet=grid.sheet or Path(grid.file).stem, header_row=header_row,
        columns={role: column_letter(index) for role, index in roles.items()},
        questions=questions, skipped_rows=skipped_rows, skipped_sheets=skipped_sheets,
        notes=notes)

