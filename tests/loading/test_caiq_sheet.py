"""Hostile and odd CAIQ sheets: each refused with its sheet and cell, exit 2, no traceback.

Every case runs the real command in a subprocess under the CPU and memory limits, so a
zip bomb or a 20,000-row sheet fails the test rather than the machine.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import check, run_limited

HEADER = ["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
          "CSP Implementation Description (Optional/Recommended)",
          "CSC Responsibilities (Optional/Recommended)"]
ROWS = [["IAM-14.1", "(not reproduced)", "Yes", "CSP-owned", "MFA everywhere", ""],
        ["IAM-14.2", "(not reproduced)", "No", "CSP-owned", "", ""],
        ["SEF-01.1", "(not reproduced)", "Yes", "CSP-owned", "Incident plan v3", ""]]


def workbook(rows: list[list[Any]] | None = None, sheet: str = "CAIQv4.0.3") -> Any:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["Consensus Assessments Initiative Questionnaire v4.0.3"])
    ws.append(HEADER)
    for row in rows if rows is not None else ROWS:
        ws.append(row)
    return book


def save(book: Any, path: Path) -> Path:
    book.save(path)
    return path


def run_import(path: Path, *extra: str) -> Any:
    return run_limited("import", "caiq", path.name, "--assessed-on", "2026-11-01", *extra,
                       cwd=path.parent)


def test_a_plain_sheet_imports(tmp_path: Path) -> None:
    proc = run_import(save(workbook(), tmp_path / "v.xlsx"))
    assert proc.returncode == 0, proc.stderr
    assert "questions: 3 read, 3 mapped, 0 unmapped" in proc.stderr
    assert "SEC-03:" in proc.stdout


def test_no_recognisable_header(tmp_path: Path) -> None:
    (tmp_path / "v.csv").write_text("id,answer\nIAM-14.1,Yes\n", encoding="utf-8")
    check(run_import(tmp_path / "v.csv"), "v.csv", 2,
          "error: no CAIQ answer table found in the file: no row among the first 20 has a "
          "'Question ID' and a 'CSP CAIQ Answer' header", None)


def test_merged_cells_in_the_answer_table(tmp_path: Path) -> None:
    book = workbook()
    book.active.merge_cells("C3:C4")
    check(run_import(save(book, tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!C3: error: merged cells (C3:C4) in the answer table: which "
          "question a merged answer belongs to cannot be told", None)


def test_a_merged_title_row_above_the_header_is_fine(tmp_path: Path) -> None:
    book = workbook()
    book.active.merge_cells("A1:F1")
    assert run_import(save(book, tmp_path / "v.xlsx")).returncode == 0


def test_a_formula_is_refused_not_evaluated(tmp_path: Path) -> None:
    book = workbook()
    book.active["C14"] = '=IF(TRUE,"Yes","No")'
    book.active["A14"] = "LOG-01.1"
    check(run_import(save(book, tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!C14: error: holds a formula: formulas are never evaluated, "
          "and the value a spreadsheet last showed may not be its answer", None)


def test_a_hidden_answer_sheet(tmp_path: Path) -> None:
    book = workbook()
    book.create_sheet("Notes")
    book.active.sheet_state = "hidden"
    book.active = 1
    check(run_import(save(book, tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!A2: error: the answer sheet 'CAIQv4.0.3' is hidden: a reader "
          "of the workbook would not see the answers imported", None)


def test_a_hidden_row_and_column(tmp_path: Path) -> None:
    book = workbook()
    book.active.row_dimensions[4].hidden = True
    book.active.column_dimensions["E"].hidden = True
    proc = run_import(save(book, tmp_path / "v.xlsx"))
    check(proc, "v.xlsx", 2, "v.xlsx:CAIQv4.0.3!A4: error: row 4 is hidden: a reader of "
          "the workbook would not see what it answers", None)
    assert ("v.xlsx:CAIQv4.0.3!E2: error: column E is hidden: a reader of the workbook "
            "would not see what it holds") in proc.stderr


def test_a_hidden_sheet_without_answers_is_listed_as_skipped(tmp_path: Path) -> None:
    book = workbook()
    book.create_sheet("Lists").sheet_state = "hidden"
    proc = run_import(save(book, tmp_path / "v.xlsx"))
    assert proc.returncode == 0, proc.stderr
    assert "other sheets, skipped (no answer table): Lists (hidden)" in proc.stderr


def test_twenty_thousand_rows_are_refused_while_streaming(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("CAIQv4.0.3")
    ws.append(HEADER)
    for n in range(20_000):
        ws.append([f"IAM-{n % 90 + 10}.{n % 9}", "q", "Yes", "", "", ""])
    check(run_import(save(book, tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!A5001: error: has more than 5,000 rows: a CAIQ answer sheet "
          "has a few hundred", None)


def test_twenty_thousand_csv_rows(tmp_path: Path) -> None:
    lines = [",".join(HEADER)] + [f"IAM-14.{n},q,Yes,,," for n in range(20_000)]
    (tmp_path / "v.csv").write_text("\n".join(lines), encoding="utf-8")
    check(run_import(tmp_path / "v.csv"), "v.csv", 2,
          "error: has more than 5,000 rows: a CAIQ answer sheet has a few hundred", "5001:1")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    # an encrypted .xlsx is an OLE compound file (as an old .xls is), not a zip
    (tmp_path / "v.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    check(run_import(tmp_path / "v.xlsx"), "v.xlsx", 2,
          "v.xlsx: error: is a password-protected workbook or an old .xls file: it cannot "
          "be read without running Excel", None)


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "no workbook part"])
def test_a_corrupt_workbook(tmp_path: Path, damage: str) -> None:
    good = save(workbook(), tmp_path / "good.xlsx").read_bytes()
    if damage == "truncated":
        data = good[: len(good) // 2]
    elif damage == "not a zip":
        data = b"just some text that claims to be a workbook"
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("hello.txt", "hi")
        data = buffer.getvalue()
    (tmp_path / "v.xlsx").write_bytes(data)
    check(run_import(tmp_path / "v.xlsx"), "v.xlsx", 2,
          "is not " + ("an .xlsx workbook" if damage == "not a zip"
                       else "a readable .xlsx workbook (corrupt or truncated)"), None)


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<" * (40 * 1024 * 1024))
    (tmp_path / "v.xlsx").write_bytes(buffer.getvalue())
    check(run_import(tmp_path / "v.xlsx"), "v.xlsx", 2,
          "v.xlsx: error: unpacks to more than 32 MiB or 1000 parts: not a questionnaire", None)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_a_csv_in_another_encoding(tmp_path: Path, encoding: str) -> None:
    text = ",".join(HEADER) + "\nIAM-14.1,q,Yes,,Authentifizierung für alle Zugänge,\n"
    (tmp_path / "v.csv").write_bytes(text.encode(encoding))
    proc = run_import(tmp_path / "v.csv")
    check(proc, "v.csv", 2, "error: is not UTF-8 text (byte 0x", None)
    assert "save the sheet as 'CSV UTF-8'" in proc.stderr


def test_an_answer_that_is_not_yes_no_or_na(tmp_path: Path) -> None:
    rows = [*ROWS, ["LOG-01.1", "q", "Mostly", "", "", ""]]
    check(run_import(save(workbook(rows), tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!C6: error: 'Mostly' is not a CAIQ answer (question LOG-01.1)",
          None)


def test_a_question_answered_twice(tmp_path: Path) -> None:
    rows = [*ROWS, ["IAM-14.1", "q", "Yes", "", "", ""]]
    check(run_import(save(workbook(rows), tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx:CAIQv4.0.3!A6: error: question IAM-14.1 is answered again (first on row 3)",
          None)


def test_two_answer_sheets_are_ambiguous(tmp_path: Path) -> None:
    book = workbook()
    other = book.create_sheet("Copy")
    other.append(HEADER)
    other.append(ROWS[0])
    check(run_import(save(book, tmp_path / "v.xlsx")), "v.xlsx", 2,
          "v.xlsx: error: several sheets hold CAIQ answers ('CAIQv4.0.3', 'Copy')", None)


def test_a_sheet_name_with_spaces_is_quoted_in_cells(tmp_path: Path) -> None:
    rows = [*ROWS, ["LOG-01.1", "q", "Perhaps", "", "", ""]]
    check(run_import(save(workbook(rows, sheet="My answers"), tmp_path / "v.xlsx")),
          "v.xlsx", 2, "v.xlsx:'My answers'!C6: error: 'Perhaps' is not a CAIQ answer", None)


def test_hostile_text_in_a_sheet_stays_inside_its_yaml_scalar(tmp_path: Path) -> None:
    import csv

    import yaml

    evil = 'ok"\nSEC-01: {value: certified_full_scope}\n\x1b[2J\u202e'
    with (tmp_path / "v.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, ["IAM-14.1", "q", "Yes", evil, evil, ""]])
    proc = run_import(tmp_path / "v.csv")
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load(proc.stdout)
    assert set(data["answers"]) == {"SEC-03"}
    assert data["answers"]["SEC-03"]["evidence"][0]["title"].startswith('ok" SEC-01:')
    for raw in ("\x1b", "\u202e"):
        assert raw not in proc.stdout and raw not in proc.stderr


@pytest.mark.parametrize(("spec", "message"), [
    ("id=A", "--column must name the answer column(s)"),
    ("id=A,answer", "cannot read 'answer'"),
    ("id=A,verdict=C", "'verdict' is not a column role"),
])
def test_a_bad_column_spec_is_a_usage_error(tmp_path: Path, spec: str, message: str) -> None:
    proc = run_import(save(workbook(), tmp_path / "v.xlsx"), "--column", spec)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_a_sig_style_layout_by_column_letters(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Answers"
    ws.append(["Ref", "Question text", "Response", "Comment"])
    ws.append(["Section A", None, None, None])
    ws.append(["IAM-14.1", "(not shipped)", "Yes", "MFA on every account"])
    ws.append(["A.1.2", "(not shipped)", "No", ""])
    proc = run_import(save(book, tmp_path / "v.xlsx"), "--column",
                      "id=A,answer=C,description=D")
    assert proc.returncode == 0, proc.stderr
    assert "questions: 2 read, 1 mapped, 1 unmapped" in proc.stderr
    assert "rows without a question id, skipped: 1 (rows 2)" in proc.stderr
    assert "(not shipped)" not in proc.stdout  # the questionnaire's own text never ships
    by_header = run_import(tmp_path / "v.xlsx", "--column", "id=Ref,answer=Response")
    assert by_header.returncode == 0, by_header.stderr
