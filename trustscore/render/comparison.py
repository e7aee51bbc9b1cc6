"""``compare`` and ``diff`` as text, Markdown and JSON."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from trustscore.models.comparison import Comparison, ControlChange, Delta, Difference
from trustscore.render.escaping import json_terminal_safe, md, safe_text
from trustscore.render.options import RenderOptions
from trustscore.render.terminal import render_to_string
from trustscore.render.wording import (
    compare_domain_rows,
    compare_headline_rows,
    compare_provenance,
    pts,
)

SHOWN = 10


VENDOR_COLUMN = 10
"""The narrowest a vendor column can be and still show a score and a name's start."""
LABEL_COLUMN = 22


def compare_text(c: Comparison, options: RenderOptions) -> str:
    """Vendors as columns; headline and domains as rows; '*' marks the best in a row.

    When the vendors do not fit side by side at this width (12 at 80 columns printed an
    empty table), the tables are turned: one row per vendor, figures as columns.
    """
    if LABEL_COLUMN + VENDOR_COLUMN * len(c.vendors) > options.width:
        return _compare_text_by_vendor(c, options)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("", overflow="fold", ratio=2)
    for vendor in c.vendors:
        table.add_column(Text(safe_text(vendor.vendor)), justify="right", overflow="fold",
                         ratio=1)
    for label, cells in compare_headline_rows(c):
        table.add_row(Text(label, style="bold"), *(Text(safe_text(x)) for x in cells))
    table.add_section()
    for label, cells in compare_domain_rows(c):
        table.add_row(Text(safe_text(label)), *cells)
    parts: list[RenderableType] = [
        Text(f"Compared under {safe_text(c.rubric)}, profile {c.profile}, as of {c.as_of}. "
             "* marks the best in a row.", style="dim"), table]
    if c.differences:
        diff = Table(title="Where they differ most (points)", title_justify="left",
                     box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        diff.add_column("Control", overflow="fold", ratio=2)
        for vendor in c.vendors:
            diff.add_column(Text(safe_text(vendor.vendor)), justify="right", overflow="fold",
                            ratio=1)
        for d in c.differences:
            diff.add_row(Text(safe_text(f"{d.id} {d.title}")), *(pts(p) for p in d.points))
        parts.append(diff)
    files = "; ".join(f"{safe_text(v.vendor)}: {safe_text(v.file)}" for v in c.vendors)
    parts.append(Text(f"Files: {files}", style="dim"))
    parts.append(Text(safe_text(compare_provenance(c)), style="dim"))
    return render_to_string(parts, options)


def _compare_text_by_vendor(c: Comparison, options: RenderOptions) -> str:
    """The comparison with vendors as rows: it fits any number of vendors."""
    headline = compare_headline_rows(c)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Vendor", overflow="fold", ratio=1)
    short = {"Trust score": "Trust", "Claimed score": "Claimed",
             "Gap (claimed, not proven)": "Gap", "Confidence": "Conf.",
             "Failed knockouts": "KO failed"}
    for label, _ in headline:
        table.add_column(short.get(label, label), justify="right", no_wrap=True)
    for i, vendor in enumerate(c.vendors):
        table.add_row(str(i + 1), Text(safe_text(vendor.vendor)),
                      *(Text(safe_text(cells[i])) for _, cells in headline))
    domains = Table(title="Domains (trust score; * the best; # as above)",
                    title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    domains.add_column("#", justify="right", no_wrap=True)
    rows = compare_domain_rows(c)
    for n, _ in enumerate(c.domains, start=1):
        domains.add_column(f"D{n}", justify="right", no_wrap=True)
    for i in range(len(c.vendors)):
        domains.add_row(str(i + 1), *(cells[i] for _, cells in rows))
    legend = "; ".join(f"D{n} {d.name}" for n, d in enumerate(c.domains, start=1))
    parts: list[RenderableType] = [
        Text(f"Compared under {safe_text(c.rubric)}, profile {c.profile}, as of {c.as_of}: "
             f"{len(c.vendors)} vendors, one per row. * marks the best.", style="dim"),
        table, domains, Text(safe_text(legend), style="dim")]
    if c.differences:
        parts.append(Text("Where they differ most (points of vendors #1, #2, ...)",
                          style="bold"))
        parts += [Text(safe_text(f"{d.id} {d.title}: " + ", ".join(pts(p) for p in d.points)))
                  for d in c.differences]
    files = "; ".join(f"{safe_text(v.vendor)}: {safe_text(v.file)}" for v in c.vendors)
    parts.append(Text(f"Files: {files}", style="dim"))
    parts.append(Text(safe_text(compare_provenance(c)), style="dim"))
    return render_to_string(parts, options)


def compare_markdown(c: Comparison, options: RenderOptions) -> str:
    """The comparison as Markdown; the best in a row in bold."""
    head = "| | " + " | ".join(md(v.vendor) for v in c.vendors) + " |"
    rule = "|---|" + "--:|" * len(c.vendors)
    out = [f"# Comparison under `{md(c.rubric)}`", "",
           f"Profile {c.profile}, as of {c.as_of}. Bold marks the best in a row.", "",
           head, rule]
    for label, cells in compare_headline_rows(c) + compare_domain_rows(c):
        out.append(f"| {md(label)} | " + " | ".join(
            f"**{md(x[:-2])}**" if x.endswith(" *") else md(x) for x in cells) + " |")
    if c.differences:
        out += ["", "## Where they differ most", "", head.replace("| |", "| Control |"),
                rule]
        for d in c.differences:
            cells = [f"{pts(p)} ({md(a or 'not answered')})"
                     for p, a in zip(d.points, d.answers, strict=True)]
            out.append(f"| {d.id} {md(d.title)} | " + " | ".join(cells) + " |")
    out += ["", "Files: " + "; ".join(f"{md(v.vendor)}: `{md(v.file)}`" for v in c.vendors),
            "", md(compare_provenance(c))]
    return "\n".join(out) + "\n"


def compare_json(c: Comparison, options: RenderOptions) -> str:
    """The comparison as JSON."""
    return json_terminal_safe(c.model_dump_json(indent=2)) + "\n"


def _change(delta: Delta) -> str:
    if delta.change is None:
        return f"{pts(delta.old)} -> {pts(delta.new)}"
    return f"{pts(delta.old)} -> {pts(delta.new)} ({delta.change:+.2f})"


def _grade_change(d: Difference) -> str:
    if d.grade_change > 0:
        return f"{d.old_grade} -> {d.new_grade} (up {d.grade_change})"
    if d.grade_change < 0:
        return f"{d.old_grade} -> {d.new_grade} (down {-d.grade_change})"
    return f"{d.new_grade} (unchanged)"


def _moves(changes: Sequence[ControlChange]) -> list[str]:
    return [f"{c.id} {c.title}: {pts(c.old_points)} -> {pts(c.new_points)} "
            f"({c.change:+.2f}); {_why(c)}" for c in changes[:SHOWN]]


def _regression(d: Difference) -> str:
    what = []
    if (d.trust.change or 0) < 0:
        what.append("the trust score went down")
    if d.grade_change < 0:
        what.append("the grade went down")
    if d.knockouts_failed:
        what.append("knockouts newly failed: " + ", ".join(d.knockouts_failed))
    return "; ".join(what)


def _why(c: ControlChange) -> str:
    """Why a control's points moved: its answer, its evidence, the rules, or neither."""
    reasons = []
    if c.old_answer != c.new_answer:
        reasons.append(f"answer {c.old_answer or 'none'} -> {c.new_answer or 'none'}")
    if (c.old_tier, c.old_credibility) != (c.new_tier, c.new_credibility):
        reasons.append(f"evidence {_tier(c.old_tier, c.old_credibility)} -> "
                       f"{_tier(c.new_tier, c.new_credibility)}")
    if c.rules_added:
        reasons.append("now held down by " + ", ".join(c.rules_added))
    if c.rules_removed:
        reasons.append("no longer held down by " + ", ".join(c.rules_removed))
    if not reasons:
        reasons.append(f"answer {c.new_answer or 'none'} and evidence unchanged: weights, "
                       "knockout caps or rounding moved with other controls")
    return "; ".join(reasons)


def _tier(tier: str | None, credibility: float | None) -> str:
    if tier is None:
        return "none"
    return tier if credibility is None else f"{tier} (x{credibility:g})"


def _diff_sections(d: Difference) -> list[tuple[str, list[str]]]:
    sections = [
        ("Knockouts fixed", d.knockouts_fixed),
        ("Knockouts newly failed", d.knockouts_failed),
        (f"Improved ({len(d.improved)})", _moves(d.improved)),
        (f"Regressed ({len(d.regressed)})", _moves(d.regressed)),
        (f"Evidence added ({len(d.evidence_added)})",
         [f"{e.control}: {e.title} ({e.kind})" for e in d.evidence_added[:SHOWN]]),
        (f"Evidence that lapsed ({len(d.evidence_lapsed)})",
         [f"{e.control}: {e.title}, expired {e.expires}" for e in d.evidence_lapsed[:SHOWN]]),
        (f"Evidence expiring soon ({len(d.evidence_expiring)})",
         [f"{e.control}: {e.title}, expires {e.expires}" for e in d.evidence_expiring[:SHOWN]]),
    ]
    return [(title, lines) for title, lines in sections if lines]


def diff_text(d: Difference, options: RenderOptions) -> str:
    """Headline deltas, domains, then what moved and why."""
    parts: list[RenderableType] = [Text(safe_text(
        f"{d.vendor}: {d.old_file} (as of {d.old_as_of}) -> {d.new_file} (as of "
        f"{d.new_as_of})"), style="bold")]
    for warning in d.warnings:
        parts.append(Text(f"WARNING: {safe_text(warning)}", style="bold yellow"))
    if d.regression:
        parts.append(Text(f"REGRESSION: {_regression(d)}", style="bold red"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("Trust score", _change(d.trust))
    grid.add_row("Claimed score", _change(d.claimed))
    grid.add_row("Grade", _grade_change(d))
    grid.add_row("Confidence", f"{d.old_confidence.value} -> {d.new_confidence.value}")
    parts.append(grid)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for header in ("Domain", "Old", "New", "Change"):
        table.add_column(header, justify="left" if header == "Domain" else "right")
    for domain_id, delta in d.domains.items():
        table.add_row(safe_text(d.domain_names.get(domain_id, domain_id)), pts(delta.old),
                      pts(delta.new), "" if delta.change is None else f"{delta.change:+.2f}")
    parts.append(table)
    for title, lines in _diff_sections(d):
        parts.append(Text(title, style="bold"))
        parts += [Text("  " + safe_text(line)) for line in lines]
    return render_to_string(parts, options)


def diff_markdown(d: Difference, options: RenderOptions) -> str:
    """The difference as Markdown."""
    out = [f"# {md(d.vendor)}: what changed", "",
           f"`{md(d.old_file)}` (as of {d.old_as_of}) to `{md(d.new_file)}` "
           f"(as of {d.new_as_of})", ""]
    out += [f"> **Warning:** {md(w)}" for w in d.warnings]
    if d.regression:
        out.append(f"> **Regression:** {md(_regression(d))}")
    out += ["", "| | |", "|---|---|", f"| Trust score | {_change(d.trust)} |",
            f"| Claimed score | {_change(d.claimed)} |", f"| Grade | {_grade_change(d)} |",
            f"| Confidence | {d.old_confidence.value} -> {d.new_confidence.value} |", "",
            "| Domain | Old | New | Change |", "|---|--:|--:|--:|"]
    out += [f"| {md(d.domain_names.get(k, k))} | {pts(v.old)} | {pts(v.new)} | "
            f"{'' if v.change is None else f'{v.change:+.2f}'} |" for k, v in d.domains.items()]
    for title, lines in _diff_sections(d):
        out += ["", f"## {title}", ""] + [f"- {md(line)}" for line in lines]
    return "\n".join(out) + "\n"


def diff_json(d: Difference, options: RenderOptions) -> str:
    """The difference as JSON."""
    return json_terminal_safe(d.model_dump_json(indent=2)) + "\n"
