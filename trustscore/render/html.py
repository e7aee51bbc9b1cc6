"""A self-contained HTML report: one file, no fonts, scripts or images fetched from anywhere.

It works offline and as an email attachment, prints cleanly ("Print to PDF"), and every
string from an input file is HTML-escaped after its invisible characters are made visible.
The domain chart is inline SVG.
"""

from __future__ import annotations

from trustscore.models.comparison import Comparison
from trustscore.models.report import DomainResult, Report, ScoreBand
from trustscore.render import wording
from trustscore.render.escaping import html_text as _e
from trustscore.render.options import RenderOptions

_GRADE_COLOURS = {"A": "#1a7f37", "B": "#4c9a2a", "C": "#b08800", "D": "#cf6a00",
                  "F": "#c62828"}
_BAND_COLOURS = {ScoreBand.STRONG: "#1a7f37", ScoreBand.FAIR: "#b08800",
                 ScoreBand.WEAK: "#c62828"}
_SEVERITY_COLOURS = {"critical": "#c62828", "warning": "#b08800", "info": "#476582"}

_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid #d0d7de;
     padding-bottom: .3rem; }
.muted { color: #59636e; }
.headline { display: flex; gap: 1.5rem; flex-wrap: wrap; align-items: stretch;
            margin: 1.2rem 0; }
.card { border: 1px solid #d0d7de; border-radius: 8px; padding: .8rem 1.1rem;
        min-width: 9rem; }
.card .big { font-size: 1.9rem; font-weight: 700; line-height: 1.1; }
.grade { color: #fff; border-radius: 8px; padding: .8rem 1.3rem; min-width: 7rem; }
.grade .big { font-size: 2.4rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eaeef2;
         vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.flag { border-left: 4px solid; padding: .3rem .7rem; margin: .4rem 0;
        background: #f6f8fa; }
.knockout { border: 2px solid #c62828; border-radius: 8px; padding: .6rem 1rem;
            margin: .6rem 0; background: #fff5f5; }
.verify { border: 2px solid #b08800; border-radius: 8px; padding: .6rem 1rem;
          background: #fffbea; }
code { font-size: .9em; }
footer { margin-top: 2.5rem; font-size: .85rem; color: #59636e; word-break: break-all; }
.best { font-weight: 700; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr, .flag, .knockout, .card { break-inside: avoid; }
  .headline { gap: .8rem; }
}
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            f"{body}</body>\n</html>\n")


def _chart(domains: list[DomainResult]) -> str:
    """Horizontal bars of domain scores (0-100) as inline SVG."""
    label_w, bar_w, row_h = 330, 360, 28
    height = row_h * len(domains) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
             f'viewBox="0 0 {label_w + bar_w + 70} {height}" '
             f'aria-label="Trust score by domain">']
    for i, domain in enumerate(domains):
        name, score = domain.name, domain.trust_score
        y = i * row_h + 5
        parts.append(f'<text x="0" y="{y + 17}" font-size="13" fill="#1f2328">{_e(name)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="16" rx="3" '
                     f'fill="#eaeef2"/>')
        if score is not None:
            width = round(bar_w * score / 100, 1)
            colour = _BAND_COLOURS[domain.band or ScoreBand.WEAK]
            parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{width}" height="16" rx="3" '
                         f'fill="{colour}"/>')
        text = "not scored" if score is None else f"{score:.2f}"
        parts.append(f'<text x="{label_w + bar_w + 8}" y="{y + 17}" font-size="13" '
                     f'fill="#1f2328">{text}</text>')
    parts.append("</svg>")
    return "".join(parts)


def report_html(report: Report, options: RenderOptions) -> str:
    """The full report as one self-contained HTML page."""
    p = report.provenance
    colour = _GRADE_COLOURS.get(report.grade[:1], "#476582")
    note = wording.grade_note(report)
    out = [f"<header><h1>Trust report: {_e(report.vendor.name)}</h1>",
           f'<div class="muted">{_e(report.vendor.country)}, {report.vendor.people}'
           + (f" · {_e(report.vendor.website)}" if report.vendor.website else "")
           + f" · rubric {_e(p.rubric)} · profile {_e(p.profile)} · as of {p.as_of}</div>"
           "</header>",
           '<section class="headline">',
           f'<div class="grade" style="background:{colour}"><div>Grade</div>'
           f'<div class="big">{_e(report.grade)}</div></div>',
           f'<div class="card"><div>Trust score</div><div class="big">'
           f"{wording.pts(report.trust_score)}</div><div class=\"muted\">of 100</div></div>",
           f'<div class="card"><div>Claimed score</div><div class="big">'
           f"{wording.pts(report.claimed_score)}</div><div class=\"muted\">gap "
           f"{wording.pts(report.gap)} unproven</div></div>",
           f'<div class="card"><div>Confidence</div><div class="big">'
           f"{_e(report.confidence.value)}</div><div class=\"muted\">"
           f"{wording.share(report.verified_share)} verified</div></div>",
           "</section>",
           f"<p><strong>{_e(report.grade_label)}</strong>"
           + (f" ({_e(note)})" if note else "") + "</p>"]
    out.append(f"<p><strong>Unbacked:</strong> {_e(wording.unbacked_line(report))}.</p>")
    if report.needs_verification:
        out.append('<p class="verify"><strong>Needs verification:</strong> '
                   f"{_e(wording.VERIFY_LINE)}.</p>")
    out += [f'<p class="verify"><strong>Warning:</strong> {_e(w)}</p>' for w in report.warnings]
    if report.review is not None:
        out.append(f"<h2>Buyer's review</h2><p>{_e(wording.review_line(report))}.</p>")
        out.append('<table><thead><tr><th></th><th class="num">Vendor-declared</th>'
                   '<th class="num">Reviewed</th></tr></thead><tbody>')
        out += [f'<tr><td>{_e(label)}</td><td class="num">{_e(declared)}</td>'
                f'<td class="num"><strong>{_e(reviewed)}</strong></td></tr>'
                for label, declared, reviewed in wording.review_rows(report)]
        out.append("</tbody></table>")
        out += [f'<div class="knockout"><strong>Rejected:</strong> {_e(item.kind)} '
                f"'{_e(item.title)}' by {_e(item.by or '')} on {item.on}"
                + (f": {_e(item.note)}" if item.note else "") + "</div>"
                for item in report.review.items if item.verdict == "rejected"]
        if report.review.accepted_risks:
            out.append("<p><strong>Accepted risks (listed apart, never in the score):</strong>"
                       "</p><ul>")
            out += [f"<li>{_e(wording.accepted_risk_line(report, i))}</li>"
                    for i in range(len(report.review.accepted_risks))]
            out.append("</ul>")
    if report.scope is not None:
        out.append(f"<p><strong>Scope, as the vendor declared it:</strong> "
                   f"{_e(wording.scope_line(report.scope))}</p>")
    if report.set_aside:
        out.append("<p><strong>Set aside (not applicable or out of scope):</strong></p><ul>")
        out += [f"<li>{_e(wording.set_aside_line(c))}</li>" for c in report.set_aside]
        out.append("</ul>")
    failed = report.failed_knockouts
    out.append("<h2>Critical controls (knockouts)</h2>")
    if failed:
        for k in failed:
            out.append(f'<div class="knockout"><strong>{_e(k.control)} {_e(k.title)}</strong>: '
                       f"{_e(k.detail)}<br>{_e(k.reason)}</div>")
    else:
        out.append(f"<p>All {len(report.knockouts)} critical controls passed.</p>")
    out.append("<h2>Domains</h2>")
    out.append(_chart(report.domains))
    out.append('<table><thead><tr><th>Domain</th><th class="num">Score</th>'
               '<th class="num">Claimed</th><th class="num">Points</th></tr></thead><tbody>')
    for d in report.domains:
        out.append(f"<tr><td>{_e(d.name)}</td><td class=\"num\">{wording.pts(d.trust_score)}</td>"
                   f"<td class=\"num\">{wording.pts(d.claimed_score)}</td><td class=\"num\">"
                   f"{wording.pts(d.contribution)} / {wording.pts(d.max_points)}</td></tr>")
    out.append("</tbody></table>")
    if report.flags:
        out.append("<h2>Flags</h2>")
        for severity, flags in wording.flags_by_severity(report):
            for flag in flags:
                effect = wording.flag_effect(flag)
                out.append(f'<div class="flag" style="border-color:'
                           f'{_SEVERITY_COLOURS[severity.value]}"><strong>{severity.value}'
                           f"</strong> <code>{_e(flag.code)}</code> {_e(flag.message)}"
                           + (f" <em>({_e(effect)})</em>" if effect else "")
                           + (f'<br><span class="muted">{_e(flag.hint)}</span>'
                              if flag.hint else "") + "</div>")
    if report.gaps:
        out.append("<h2>Top gaps</h2><table><thead><tr><th>Control</th>"
                   '<th class="num">Recoverable</th><th>What to do</th><th>Effort</th>'
                   "</tr></thead><tbody>")
        for gap in report.gaps[:wording.TOP_N * 2]:
            out.append(f"<tr><td>{_e(gap.control)} {_e(gap.title)}</td><td class=\"num\">"
                       f"{wording.pts(gap.recoverable)}</td><td>{_e(gap.remediation)}</td>"
                       f"<td>{_e(gap.effort)}</td></tr>")
        out.append("</tbody></table>")
    if report.strengths:
        out.append("<h2>Strengths</h2><ul>")
        for c in report.strength_controls[:wording.TOP_N * 2]:
            out.append(f"<li>{_e(c.id)} {_e(c.title)}: {_e(wording.answer(c))} "
                       f"({wording.pts(c.contribution)} points, {_e(c.tier)})</li>")
        out.append("</ul>")
    out.append(f"<footer>{_e(p.tool)} {_e(p.tool_version)} · rubric {_e(p.rubric)} sha256 "
               f"{_e(p.rubric_sha256)} · input sha256 {_e(p.input_sha256)} · profile "
               f"{_e(p.profile)} · as of {p.as_of} · assessed {p.assessed_on}"
               + (f" · review sha256 {_e(p.review_sha256)}" if p.review_sha256 else "")
               + "</footer>")
    return _page(f"Trust report: {report.vendor.name}", "\n".join(out) + "\n")


def comparison_html(c: Comparison, options: RenderOptions) -> str:
    """Vendors side by side as one self-contained HTML page."""
    head = "".join(f'<th class="num">{_e(v.vendor)}</th>' for v in c.vendors)
    out = [f"<h1>Comparison under {_e(c.rubric)}</h1>",
           f'<p class="muted">Profile {_e(c.profile)}, as of {_e(c.as_of)}. Bold marks the '
           "best in a row.</p>",
           f"<table><thead><tr><th></th>{head}</tr></thead><tbody>"]

    def row(label: str, cells: list[str], best: list[int]) -> str:
        tds = "".join(f'<td class="num{" best" if i in best else ""}">{_e(x)}</td>'
                      for i, x in enumerate(cells))
        return f"<tr><th>{_e(label)}</th>{tds}</tr>"

    for label, cells in wording.compare_headline_rows(c) + wording.compare_domain_rows(c):
        best = [i for i, x in enumerate(cells) if x.endswith(" *")]
        out.append(row(label, [x.removesuffix(" *") for x in cells], best))
    out.append("</tbody></table>")
    if c.differences:
        out.append(f"<h2>Where they differ most</h2><table><thead><tr><th>Control</th>{head}"
                   "</tr></thead><tbody>")
        for diff in c.differences:
            tds = "".join(f'<td class="num">{wording.pts(p)}<br><span class="muted">'
                          f"{_e(a or 'not answered')}</span></td>"
                          for p, a in zip(diff.points, diff.answers, strict=True))
            out.append(f"<tr><td>{_e(diff.id)} {_e(diff.title)}</td>{tds}</tr>")
        out.append("</tbody></table>")
    files = "; ".join(f"{_e(v.vendor)}: {_e(v.file)}" for v in c.vendors)
    out.append(f"<footer>Files: {files}<br>{_e(wording.compare_provenance(c))}</footer>")
    return _page(f"Comparison under {c.rubric}", "\n".join(out) + "\n")
