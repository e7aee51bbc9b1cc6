"""The portfolio dashboard (``batch --format html``): self-contained, escaped, and its
filter works in a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, browser, run_limited

POLICY = ROOT / "docs" / "portfolio.yaml"


def dashboard(tmp_path: Path, *extra: str) -> Path:
    folder = tmp_path / "vendors"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        if "freelancer" not in path.name:
            shutil.copy(path, folder)
    page = tmp_path / "portfolio.html"
    proc = run_limited("batch", "vendors", "--as-of", "2026-11-01", "-f", "html", "-o",
                       str(page), *extra, cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    return page


def test_the_dashboard_is_self_contained_and_complete(tmp_path: Path) -> None:
    html = dashboard(tmp_path, "--policy", str(POLICY)).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert html.count("<tr><td class=\"num\"") == 7  # one ranking row per vendor
    assert "Trend (store)" not in html  # no store, no trend column
    for part in ("Grades: it-services@3.2.0", "<h2>Tiers</h2>", "Domains: it-services@3.2.0",
                 "grade D is below tier critical&#x27;s minimum B", 'id="filter"'):
        assert part in html


def test_hostile_vendor_names_are_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "vendors"
    folder.mkdir()
    text = (SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8")
    evil = text.replace("name: Lotus Code Works",
                        'name: "<script>alert(1)</script><img src=x onerror=alert(2)>"')
    (folder / "evil.yaml").write_text(evil, encoding="utf-8")
    run_limited("batch", "vendors", "-f", "html", "-o", "p.html", cwd=tmp_path)
    html = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.skipif(browser() is None, reason="no Chromium installed (apt-get install "
                    "chromium) to render the dashboard headless")
def test_the_filter_runs_in_a_real_browser(tmp_path: Path) -> None:
    page = dashboard(tmp_path)
    command = [str(browser()), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
               "--dump-dom", page.as_uri() + "#filter=lotus"]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120,
                         check=False).stdout
    rows = re.findall(r"<tr( hidden=\"\")?><td class=\"num\"[^>]*>\d+</td><td[^>]*>([^<]+)<",
                      dom)
    assert len(rows) == 7, dom[:2000]
    shown = [name for hidden, name in rows if not hidden]
    assert shown == ["Lotus Code Works"]


def test_with_a_store_the_dashboard_shows_each_vendors_trend(tmp_path: Path) -> None:
    dashboard(tmp_path, "--record", "p.db")
    page = tmp_path / "q2.html"
    proc = run_limited("batch", "vendors", "--as-of", "2027-02-01", "-f", "html", "-o",
                       str(page), "--record", "p.db", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    html = page.read_text(encoding="utf-8")
    assert "<th>Trend (store)</th>" in html
    # two records per vendor now: a two-character sparkline in each row
    assert len(re.findall(r'<td data-sort="[-0-9.]+">[▁▂▃▄▅▆▇█]{2}</td>', html)) == 7


def test_reports_dir_writes_each_report_and_the_dashboard_links_it(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    folder = tmp_path / "vendors"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        if "freelancer" not in path.name:
            shutil.copy(path, folder)
    proc = run_limited("batch", "vendors", "--as-of", "2026-11-01", "-f", "html", "-o",
                       "out/portfolio.html", "--reports-dir", "reports", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    reports = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert len(reports) == 7 and all(r.endswith(".html") for r in reports)
    html = (tmp_path / "out" / "portfolio.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', html)
    assert sorted(links) == sorted(f"../reports/{r}" for r in reports)
    for link in links:  # every link resolves from the dashboard's folder
        page = (tmp_path / "out" / link).resolve()
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list((tmp_path / "reports").glob(".*.tmp"))


def test_reports_dir_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "reports").write_text("x", encoding="utf-8")
    proc = run_limited("batch", str(SAMPLES / "lotus-honest-weak.yaml"), "--reports-dir",
                       "reports", cwd=tmp_path)
    assert proc.returncode == 2 and "--reports-dir reports is not a folder" in proc.stderr
