"""The terminal report (rich): headline first, then what a buyer must see, then detail.

Every string that came from an input file goes through :func:`safe_text` and into a
``Text`` object, so it is never parsed as rich markup and never emits escape sequences.
Readable at 80 columns; with ``color=False`` (pipes, ``NO_COLOR``) it is plain text.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from trustscore.models.flags import Severity
from trustscore.models.report import Report, ScoreBand
from trustscore.render import wording
from trustscore.render.escaping import safe_text
from trustscore.render.options import RenderOptions
from trustscore.render.terminal import render_to_string

_GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}
_SEVERITY_STYLE = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow",
                   Severity.INFO: "cyan"}
_BAND_STYLE = {ScoreBand.STRONG: "green", ScoreBand.FAIR: "yellow", ScoreBand.WEAK: "red"}
_BAR = 10


def _t(text: str, style: str = "") -> Text:
    return Text(safe_text(text), style=style)


def render_text(report: Report, options: RenderOptions) -> str:
    """The full terminal report as a string (with ANSI styles only if ``options.color``)."""
    return render_to_string(_parts(report), options)


def _parts(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [_headline(report)]
    if report.review is not None:
        parts += _review(report)
    failed = report.failed_knockouts
    if failed:
        parts.append(_section("Failed critical controls (knockouts)", "bold red"))
        grid = Table.grid(padding=(0, 1), pad_edge=False)
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for k in failed:
            grid.add_row(Text("✗", "bold red"), Group(
                _t(f"{k.control} {k.title}: {k.detail}", "bold red"), _t(k.reason)))
        parts.append(Padding(grid, (0, 0, 0, 2)))
    elif report.knockouts:
        parts.append(_t(f"All {len(report.knockouts)} critical controls passed.", "green"))
    parts.append(_section("Domains"))
    parts.append(_domains(report))
    if report.flags:
        parts.append(_section("Flags"))
        for severity, flags in wording.flags_by_severity(report):
            parts.append(Padding(Text(wording.SEVERITY_HEADINGS[severity],
                                      style=_SEVERITY_STYLE[severity]), (0, 0, 0, 2)))
            for flag in flags:
                line = Text.assemble(_t(f"[{flag.code}] ", "dim"), _t(flag.message))
                effect = wording.flag_effect(flag)
                if effect:
                    line.append(f" ({effect})", style="bold")
                parts.append(Padding(line, (0, 0, 0, 4)))
    if report.strengths:
        parts.append(_section("Top strengths"))
        for c in report.strength_controls[:wording.TOP_N]:
            parts.append(Padding(_t(f"✓ {c.id} {c.title}: {wording.answer(c)} "
                                    f"({wording.pts(c.contribution)} pts, {c.tier})"),
                                 (0, 0, 0, 2)))
    if report.gaps:
        parts.append(_section("Top gaps (points recoverable)"))
        parts.append(_gaps(report))
    if report.missing:
        parts.append(_section("Unanswered"))
        parts.append(Padding(_t(", ".join(report.missing)), (0, 0, 0, 2)))
    if report.scope is not None:
        parts.append(_section("Scope, as the vendor declared it"))
        parts.append(Padding(_t(wording.scope_line(report.scope)), (0, 0, 0, 2)))
    if report.set_aside:
        parts.append(_section("Set aside (not applicable or out of scope)"))
        for c in report.set_aside:
            parts.append(Padding(_t(wording.set_aside_line(c)), (0, 0, 0, 2)))
    parts.append(_provenance(report))
    return parts


def _review(report: Report) -> list[RenderableType]:
    assert report.review is not None
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("Buyer's review")
    table.add_column("Vendor-declared", justify="right")
    table.add_column("Reviewed", justify="right", style="bold")
    for label, declared, reviewed in wording.review_rows(report):
        table.add_row(label, declared, reviewed)
    parts: list[RenderableType] = [_section("Buyer's review"),
                                   Padding(_t(wording.review_line(report) + "."), (0, 0, 0, 2)),
                                   Padding(table, (0, 0, 0, 2))]
    for item in report.review.items:
        if item.verdict == "rejected":
            parts.append(Padding(_t(f"✗ rejected: {item.kind} '{item.title}' by {item.by} on "
                                    f"{item.on}" + (f": {item.note}" if item.note else ""),
                                    "bold red"), (0, 0, 0, 2)))
    if report.review.accepted_risks:
        parts.append(_section("Accepted risks (listed apart, never in the score)"))
        parts += [Padding(_t("• " + wording.accepted_risk_line(report, i)), (0, 0, 0, 2))
                  for i in range(len(report.review.accepted_risks))]
    return parts


def _section(title: str, style: str = "bold") -> Text:
    return Text(f"\n{title}", style=style)


def _headline(report: Report) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grade_style = _GRADE_STYLE.get(report.grade[0], "bold")
    grade = Text.assemble((f"{report.grade}", grade_style), "  ", _t(report.grade_label))
    note = wording.grade_note(report)
    if note:
        grade.append(f"\n({note})", style="red")
    grid.add_row("Trust score", Text(f"{wording.pts(report.trust_score)} / 100", "bold"))
    grid.add_row("Grade", grade)
    grid.add_row("Claimed score", Text(
        f"{wording.pts(report.claimed_score)} / 100  (gap {wording.pts(report.gap)}: "
        "claimed but not proven by evidence)"))
    grid.add_row("Confidence", Text(
        f"{report.confidence.value}  ({wording.share(report.verified_share)} of the weight "
        "backed by system or independent evidence)"))
    grid.add_row("Unbacked", Text(wording.unbacked_line(report)))
    if report.needs_verification:
        grid.add_row(Text("Verify", style="bold yellow"), Text(
            f"NEEDS VERIFICATION: {wording.VERIFY_LINE}", style="bold yellow"))
    for warning in report.warnings:
        grid.add_row(Text("Warning", style="bold yellow"), _t(warning, "bold yellow"))
    grid.add_row("Profile", Text(f"{report.provenance.profile}   as of "
                                 f"{report.provenance.as_of}"))
    return Panel(grid, title=_t(wording.headline_vendor(report), "bold"), title_align="left",
                 box=box.ROUNDED, expand=True)


def _domains(report: Report) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
    table.add_column("Domain", overflow="fold", ratio=3)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Claimed", justify="right", no_wrap=True)
    table.add_column("Points", justify="right", no_wrap=True)
    for d in report.domains:
        if d.trust_score is None:
            bar = Text("not scored", style="dim")
        else:
            filled = round(d.trust_score / 100 * _BAR)
            bar = Text("█" * filled, style=_BAND_STYLE[d.band or ScoreBand.WEAK])
            bar.append("░" * (_BAR - filled), style="dim")
        table.add_row(_t(d.name), wording.pts(d.trust_score), bar,
                      wording.pts(d.claimed_score),
                      f"{wording.pts(d.contribution)}/{wording.pts(d.max_points)}")
    return table


def _gaps(report: Report) -> Table:
    table = Table.grid(padding=(0, 1), pad_edge=False)
    table.add_column(justify="right", no_wrap=True, min_width=7)
    table.add_column(overflow="fold")
    for gap in report.gaps[:wording.TOP_N]:
        why = []
        if gap.by_answer:
            why.append(f"answer {wording.pts(gap.by_answer)}")
        if gap.by_evidence:
            why.append(f"evidence {wording.pts(gap.by_evidence)}")
        title = Text.assemble(_t(f"{gap.control} {gap.title}", "bold"),
                              (f"  lost to {' + '.join(why)}", "dim"))
        table.add_row(Text(wording.pts(gap.recoverable), "bold"), title)
        table.add_row("", _t(f"{gap.remediation} (effort: {gap.effort})"))
    return table


def _provenance(report: Report) -> Text:
    p = report.provenance
    return Text(f"\n{p.tool} {p.tool_version} · rubric {safe_text(p.rubric)} "
                f"sha256:{p.rubric_sha256[:12]} · input sha256:{p.input_sha256[:12]} · "
                f"profile {p.profile} · as of {p.as_of} · assessed {p.assessed_on}"
                + (f" · review sha256:{p.review_sha256[:12]}" if p.review_sha256 else ""),
                style="dim")
