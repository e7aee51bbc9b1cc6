"""``batch --format html``: the portfolio on one self-contained page.

The ranked table (click a heading to sort, type to filter), the grade distribution, a
heatmap of every vendor's domain scores, the tiers and their gates, each vendor's next
evidence expiry, and with ``--record`` its trust score over the store's records. No
external script, font or image: the little script that sorts and filters is inline and
reads nothing but the page (``#filter=text`` in the address pre-fills the filter, so a
link can share a view). Every string from a vendor file is escaped.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from trustscore.models.batch import BatchResult, BatchStream, RubricGroup, VendorRow
from trustscore.models.report import ScoreBand
from trustscore.render.escaping import html_text as _e
from trustscore.render.history import sparkline
from trustscore.render.options import RenderOptions

_HEAT = {ScoreBand.STRONG: "#d8f3dc", ScoreBand.FAIR: "#fff3bf", ScoreBand.WEAK: "#ffd6d6"}

_STYLE = """
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328;
       margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0; } h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.muted { color: #59636e; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { padding: .3rem .5rem; border-bottom: 1px solid #eaeef2; text-align: left; }
th { background: #f6f8fa; cursor: pointer; user-select: none; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.heat { text-align: center; min-width: 3.2rem; }
.gate { color: #c62828; } .bar { fill: #476582; }
input { font: inherit; padding: .3rem .5rem; width: 20rem; }
@media print { input { display: none; } }
"""

_SCRIPT = """
(function () {
  var table = document.getElementById('ranking');
  var body = table.tBodies[0];
  var filter = document.getElementById('filter');
  function apply() {
    var needle = filter.value.toLowerCase();
    Array.prototype.forEach.call(body.rows, function (row) {
      row.hidden = needle !== '' && row.textContent.toLowerCase().indexOf(needle) < 0;
    });
  }
  filter.addEventListener('input', apply);
  var hash = decodeURIComponent(location.hash.replace(/^#filter=/, ''));
  if (location.hash.indexOf('#filter=') === 0) { filter.value = hash; apply(); }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    cell.addEventListener('click', function () {
      var down = cell.getAttribute('data-down') !== 'true';
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column].getAttribute('data-sort');
        var y = b.cells[column].getAttribute('data-sort');
        var nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return down ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
      cell.setAttribute('data-down', down ? 'true' : 'false');
    });
  });
})();
"""


def _cell(text: str, sort: str | float | None = None, cls: str = "") -> str:
    key = text if sort is None else str(sort)
    attr = f' class="{cls}"' if cls else ""
    return f'<td{attr} data-sort="{_e(key)}">{_e(text)}</td>'


def _row(position: int, row: VendorRow, trends: dict[str, tuple[float, ...]] | None,
         link_base: str) -> str:
    gates = "; ".join(row.gates_failed)
    trend = ""
    if trends is not None:
        scores = trends.get(row.file, ())
        trend = _cell(sparkline(list(scores)) if scores else "-",
                      round(scores[-1] - scores[0], 2) if len(scores) > 1 else 0)
    vendor = _cell(row.vendor)
    if row.report:
        href = quote(Path(os.path.relpath(row.report, link_base)).as_posix())
        vendor = f'<td data-sort="{_e(row.vendor)}"><a href="{href}">{_e(row.vendor)}</a></td>'

    return ("<tr>" + _cell(str(position), position, "num") + vendor
            + _cell(row.file) + _cell(row.tier or "-") + _cell(f"{row.trust_score:.2f}",
                                                               row.trust_score, "num")
            + trend + _cell(f"{row.claimed_score:.2f}", row.claimed_score, "num")
            + _cell(row.grade, row.grade_rank) + _cell(row.confidence.value)
            + _cell(", ".join(row.failed_knockouts) or "-")
            + _cell(row.next_expiry or "-", row.next_expiry or "9999")
            + (f'<td class="gate" data-sort="{_e(gates)}">{_e(gates)}</td>' if gates
               else '<td data-sort="">-</td>') + "</tr>")


def _grades(group: RubricGroup) -> str:
    grades = group.summary.grades
    most = max(grades.values(), default=0) or 1
    bars = "".join(
        f'<g transform="translate({i * 56},0)"><rect class="bar" x="8" '
        f'y="{110 - 90 * n / most:.1f}" width="40" height="{90 * n / most:.1f}"/>'
        f'<text x="28" y="126" text-anchor="middle">{_e(grade)}</text>'
        f'<text x="28" y="{105 - 90 * n / most:.1f}" text-anchor="middle">{n}</text></g>'
        for i, (grade, n) in enumerate(grades.items()))
    return (f'<svg viewBox="0 0 {56 * len(grades)} 132" width="{56 * len(grades)}" '
            f'height="132" role="img" aria-label="vendors per grade">{bars}</svg>')


def _heatmap(group: RubricGroup) -> str:
    rows = group.ranking
    if not rows:
        return ""
    head = "".join(f"<th>{_e(name)}</th>" for name in rows[0].domain_names)
    body = []
    for row in rows:
        cells = "".join(
            '<td class="heat">-</td>' if score is None else
            f'<td class="heat" style="background:{_HEAT[ScoreBand.of(score)]}">{score:.0f}</td>'
            for score in row.domain_scores)
        body.append(f"<tr><td>{_e(row.vendor)}</td>{cells}</tr>")
    return f"<table><tr><th>Vendor</th>{head}</tr>{''.join(body)}</table>"


def _tiers(result: BatchResult) -> str:
    tiers: dict[str, list[VendorRow]] = {}
    for row in result.ranking:
        if row.tier is not None:
            tiers.setdefault(row.tier, []).append(row)
    if not tiers:
        return ""
    lines = "".join(f"<tr><td>{_e(t)}</td><td class=\"num\">{len(rs)}</td>"
                    f"<td class=\"num\">{sum(1 for r in rs if r.gates_failed)}</td></tr>"
                    for t, rs in sorted(tiers.items()))
    return ("<h2>Tiers</h2><table><tr><th>Tier</th><th>Vendors</th><th>Failing their "
            f"tier's gate</th></tr>{lines}</table>")


def batch_html(batch: BatchStream, options: RenderOptions) -> str:
    """The portfolio dashboard: one file that works offline."""
    result = batch.finish()
    s = result.summary
    parts = [f"<h1>Vendor portfolio</h1><p class=\"muted\">{s.scored} of {s.files} files "
             f"scored, as of {_e(result.as_of)}, profile {_e(result.profile)}; "
             f"{s.gates_failed} failing a gate; trustscore {_e(result.tool_version)}.</p>"]
    for group in result.groups:
        title = _e(group.rubric)
        spread = group.summary.scores
        median = f", median {spread.median:.2f}" if spread else ""
        parts.append(f"<h2>Grades: {title}</h2><p class=\"muted\">{len(group.ranking)} "
                     f"vendor(s){median}</p>{_grades(group)}")
    parts.append('<h2>Ranking</h2><p><input id="filter" type="search" placeholder="Filter '
                 'vendors, files, tiers, grades…" aria-label="filter"></p>'
                 '<table id="ranking"><thead><tr><th>#</th><th>Vendor</th><th>File</th>'
                 "<th>Tier</th><th>Trust</th>"
                 + ("<th>Trend (store)</th>" if result.trends is not None else "")
                 + "<th>Claimed</th><th>Grade</th>"
                 "<th>Confidence</th><th>Failed knockouts</th><th>Next expiry</th>"
                 "<th>Gates failed</th></tr></thead><tbody>"
                 + "".join(_row(n, r, result.trends, options.link_base) for g in result.groups
                           for n, r in enumerate(g.ranking, 1))
                 + "</tbody></table>")
    parts.append(_tiers(result))
    for group in result.groups:
        parts.append(f"<h2>Domains: {_e(group.rubric)}</h2>{_heatmap(group)}")
    if result.errors:
        parts.append("<h2>Not scored</h2><ul>" + "".join(
            f"<li>{_e(e.file)}: {_e(e.problems[0].message) if e.problems else ''}</li>"
            for e in result.errors) + "</ul>")
    if result.skipped:
        parts.append("<h2>Skipped</h2><ul>" + "".join(
            f"<li>{_e(k.path)}: {_e(k.reason)}</li>" for k in result.skipped) + "</ul>")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Vendor portfolio, {_e(result.as_of)}</title>\n<style>{_STYLE}</style>\n"
            f"</head>\n<body>\n{''.join(parts)}\n<script>{_SCRIPT}</script>\n</body>\n"
            "</html>\n")
