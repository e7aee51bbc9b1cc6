"""Faithful display and text that cannot change meaning (items 20 and 21 of issue 10).

Answers are shown as the vendor wrote them; vendor text reaches no format able to turn
into a heading, a link, an entity, a formula, an invisible character or a region that
silently takes controls out of scope. Real subprocesses under the corpus' limits.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import SAMPLES, check, run_limited

SAMPLE = SAMPLES / "northwind-certified.yaml"
AS_OF = ("--as-of", "2026-11-01")


def with_answer(tmp_path: Path, control: str, value: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index(f"  {control}:")
    line_end = text.index("\n", start)
    rest = text[line_end + 1:]
    if rest.startswith("    value:"):
        value_end = rest.index("\n")
        text = text[:line_end + 1] + f"    value: {value}" + rest[value_end:]
    else:
        text = text[:start] + f"  {control}: {value}" + text[line_end:]
    path = tmp_path / "vendor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("control", "written", "shown"), [
    ("SEC-03", "99.99999", "99.99999"),        # was "answered 100 %"
    ("SEC-03", "-0.0", "-0.0"),
    ("GOV-07", "2500000.5", "2500000.5"),      # was "2.5e+06 USD"
])
def test_answers_are_shown_as_written(tmp_path: Path, control: str, written: str,
                                      shown: str) -> None:
    path = with_answer(tmp_path, control, written)
    proc = run_limited("score", str(path), *AS_OF, "-f", "json", cwd=tmp_path)
    if proc.returncode == 2:  # out of the control's range: the message quotes it exactly
        assert f"got {shown}" in proc.stderr, proc.stderr
        return
    check(proc, "", 0, "", None)
    report = json.loads(proc.stdout)
    answer = next(c for c in report["controls"] if c["id"] == control)["answer"]
    assert answer == shown
    for fmt in ("text", "markdown", "html"):
        shown_in = run_limited("score", str(path), *AS_OF, "-f", fmt, cwd=tmp_path).stdout
        assert "e+06" not in shown_in and "answered 100 %" not in shown_in


@pytest.mark.parametrize(("written", "message"), [
    ("100.0000001", "got 100.0000001"),
    ("1" * 400 + ".5", "cannot be kept exactly"),
    ("1e999", "cannot be kept exactly"),
    ("99.9999999999999999999", "cannot be kept exactly"),
])
def test_out_of_range_or_unkeepable_numbers_are_quoted_exactly(tmp_path: Path, written: str,
                                                               message: str) -> None:
    """'100.0000001' was reported as 'got 100', a 400-digit decimal as 'got inf'."""
    path = with_answer(tmp_path, "SEC-03", written)
    proc = run_limited("validate", str(path), cwd=tmp_path)
    check(proc, "vendor.yaml", 2, message, None)
    assert "got inf" not in proc.stderr and "got 100\n" not in proc.stderr


def _vendor_named(tmp_path: Path, name: str) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "name: Northwind Systems (Pvt) Ltd", f"name: {json.dumps(name, ensure_ascii=False)}", 1)
    path = tmp_path / "vendor.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HOSTILE_NAMES = {
    "entity": "Acme &#x202E;gnp.exe Ltd",
    "heading": "# Acme Ltd",
    "autolink": "Acme https://evil.example www.evil.example x@evil.example",
    "tags": "Acme\U000e0041\U000e0042 Ltd",
    "hangul-filler": "Acme\u3164\u115f Ltd",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_NAMES))
def test_markdown_leaves_no_live_markup(tmp_path: Path, case: str) -> None:
    path = _vendor_named(tmp_path, HOSTILE_NAMES[case])
    proc = run_limited("score", str(path), *AS_OF, "-f", "markdown", cwd=tmp_path)
    check(proc, "", 0, "", None)
    out = proc.stdout
    assert "&#x202E;" not in out and "&#x202e;" not in out
    assert "\n# Acme" not in out and "# # Acme" not in out
    assert "https://evil" not in out and "www.evil" not in out and "x@evil" not in out
    for raw in ("\U000e0041", "\u3164", "\u115f"):
        assert raw not in out


@pytest.mark.parametrize("fmt", ["text", "html", "json"])
@pytest.mark.parametrize("case", ["tags", "hangul-filler"])
def test_invisible_characters_are_shown_in_every_format(tmp_path: Path, fmt: str,
                                                        case: str) -> None:
    path = _vendor_named(tmp_path, HOSTILE_NAMES[case])
    proc = run_limited("score", str(path), *AS_OF, "-f", fmt, cwd=tmp_path)
    check(proc, "", 0, "", None)
    for raw in ("\U000e0041", "\u3164", "\u115f"):
        assert raw not in proc.stdout
    if fmt == "json":
        assert json.loads(proc.stdout)["vendor"]["name"] == HOSTILE_NAMES[case]


@pytest.mark.parametrize("name", [" =1+1", "  \uff0bcmd", "\uff1dHYPERLINK(1)", "\u3000@x",
                                  "-2+3"])
def test_csv_neutralises_formulas_behind_spaces_and_full_width_signs(tmp_path: Path,
                                                                     name: str) -> None:
    folder = tmp_path / "v"
    folder.mkdir()
    _vendor_named(folder, name)
    proc = run_limited("batch", str(folder), *AS_OF, "-f", "csv", cwd=tmp_path)
    check(proc, "", 0, "", None)
    row = next(csv.DictReader(io.StringIO(proc.stdout)))
    assert row["vendor"].startswith("'"), row["vendor"]


def test_a_region_in_look_alike_letters_is_refused(tmp_path: Path) -> None:
    """'\u0415U' (a Cyrillic E) validated and took the EU controls out of scope."""
    source = (SAMPLES / "danube-eu-personal-data.yaml").read_text(encoding="utf-8")
    path = tmp_path / "danube.yaml"
    path.write_text(source.replace("client_regions: [EU,", "client_regions: [\u0415U,", 1),
                    encoding="utf-8")
    proc = run_limited("validate", str(path), cwd=tmp_path)
    check(proc, "danube.yaml", 2, "U+0415 CYRILLIC CAPITAL LETTER IE", None)


@pytest.mark.parametrize("date", ["2026-W40-4", "20261001", "2026-1-01",
                                  "\uff12\uff10\uff12\uff16-10-01"])
def test_only_yyyy_mm_dd_dates(tmp_path: Path, date: str) -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "vendor.yaml"
    path.write_text(source.replace("assessed_on: 2026-10-01", f"assessed_on: '{date}'", 1),
                    encoding="utf-8")
    check(run_limited("validate", str(path), cwd=tmp_path), "vendor.yaml", 2,
          "must be a real date written as YYYY-MM-DD", None)
    proc = run_limited("score", str(SAMPLE), "--as-of", date, cwd=tmp_path)
    check(proc, "", 2, "--as-of must be a date written as YYYY-MM-DD", None)
