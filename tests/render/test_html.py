"""The HTML report and comparison: well formed, self-contained, escaped, and rendered by
a real browser."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, browser
from trustscore.cli.app import app

runner = CliRunner()
AS_OF = "2026-11-01"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


VOID = {"meta", "br", "hr", "img", "input", "link", "rect", "stop"}


class StrictChecker(HTMLParser):
    """Every element closed in order; records tags and attributes for the checks below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += attrs

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with {self.stack[-3:]} open")
        else:
            self.stack.pop()


def check_html(document: str) -> StrictChecker:
    checker = StrictChecker()
    checker.feed(document)
    checker.close()
    assert document.startswith("<!DOCTYPE html>")
    assert checker.errors == [] and checker.stack == []
    # self-contained: nothing is fetched, nothing runs
    assert not {"script", "link", "img", "iframe", "object"} & checker.tags
    assert not [name for name, _ in checker.attributes if name in ("src", "href")]
    assert "url(" not in document and "@import" not in document
    return checker


@pytest.mark.parametrize("name", ["harbor-expired-knockout", "apex-overclaims"])
def test_html_report_is_well_formed_and_self_contained(name: str) -> None:
    code, out, _ = invoke("score", str(SAMPLES / f"{name}.yaml"), "--as-of", AS_OF,
                          "--format", "html")
    assert code == 0
    checker = check_html(out)
    assert "svg" in checker.tags and "@media print" in out
    assert "Trust score" in out and "Critical controls" in out and "sha256" in out


def test_html_escapes_hostile_vendor_text(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text((SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8").replace(
        "name: Lotus Code Works",
        'name: "<script>alert(1)</script><img src=x onerror=alert(2)> \\e[31m\\u202e"'),
        encoding="utf-8")
    code, out, _ = invoke("score", str(hostile), "--format", "html")
    assert code == 0
    check_html(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in out
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b[31m" in out


def test_compare_html() -> None:
    code, out, _ = invoke("compare", *(str(SAMPLES / f"{n}.yaml") for n in (
        "northwind-certified", "meridian-midsize-gaps", "lotus-honest-weak")), "--as-of",
        AS_OF, "--format", "html")
    assert code == 0
    check_html(out)
    assert 'class="num best">80.76<' in out


@pytest.mark.skipif(browser() is None, reason="no Chromium installed (apt-get install "
                    "chromium) to render the HTML report headless")
def test_html_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, _, _ = invoke("score", str(SAMPLES / "harbor-expired-knockout.yaml"), "--as-of",
                        AS_OF, "--format", "html", "--output", str(page))
    assert code == 0
    shot = tmp_path / "report.png"
    command = [str(browser()), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
               "--hide-scrollbars", "--window-size=1000,1400", f"--screenshot={shot}",
               page.as_uri()]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400)
    assert len(data) > 30_000                  # a rendered page, not a blank one


# --------------------------------------------------------------------------- badge


