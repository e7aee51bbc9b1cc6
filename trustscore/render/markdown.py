"""Markdown: the same content as the terminal, for a pitch document or an email.

Input text is escaped so that a vendor name cannot inject links, HTML or table breaks.
"""

from __future__ import annotations

import re

from trustscore.models.report import Report
from trustscore.render import figures
from trustscore.render.safe_text import safe_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
"""An ``&`` that would start a character reference (``&#x202E;``, ``&amp;``)."""
_SCHEME = re.compile(r"(?i)(?<=[a-z0-9])://")
_WWW = re.compile(r"(?i)\bwww\.")


def md(text: str) -> str:
    """Escape input text for inline Markdown (tables included).

    Escaping brackets rules out links and images, angle brackets rule out HTML, escaping
    the ``&`` of a character reference rules out entities (``&#x202E;`` would render as a
    real bidi override), ``#`` rules out headings, ``\\://``, ``www\\.`` and ``\\@``
    rule out autolinks, and pipes keep table rows intact; other punctuation stays.
    """
    text = _ENTITY.sub("&amp;", safe_text(text)).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\\://", text)
    text = _WWW.sub(lambda m: m.group()[:-1] + "\\.", text)
    return text.replace("@", "\\@")


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    out: list[str] = []
    add = out.append
    p = report.provenance
    add(f"# Trust report: {md(report.vendor.name)}")
    add("")
    add(f"{md(report.vendor.country)}, {report.vendor.headcount} people"
        + (f", {md(report.vendor.website)}" if report.vendor.website else ""))
    add("")
    add("| | |")
    add("|---|---|")
    add(f"| **Trust score** | **{figures.pts(report.trust_score)} / 100** |")
    note = figures.grade_note(report)
    add(f"| **Grade** | **{report.grade}** {md(report.grade_label)}"
        + (f" ({note})" if note else "") + " |")
    add(f"| Claimed score | {figures.pts(report.claimed_score)} / 100 "
        f"(gap {figures.pts(report.gap)}: claimed but not proven by evidence) |")
    add(f"| Confidence | {report.confidence.value} ({figures.share(report.verified_share)} "
        "of the weight backed by system or independent evidence) |")
    if report.needs_verification:
        add("| **Needs verification** | claims look too good to be true: confidence lowered, "
            "points unchanged (see flags) |")
    add(f"| Profile | {p.profile} |")
    add(f"| As of | {p.as_of} |")
    add("")
    failed = [k for k in report.knockouts if not k.passed]
    add("## Critical controls (knockouts)")
    add("")
    if failed:
        for k in failed:
            add(f"- **FAILED {k.control} {md(k.title)}**: {md(k.detail)}. {md(k.reason)}")
    elif report.knockouts:
        add(f"All {len(report.knockouts)} critical controls passed.")
    else:
        add("No critical controls apply.")
    add("")
    add("## Domains")
    add("")
    add("| Domain | Score | Claimed | Points | Answered | Unanswered |")
    add("|---|--:|--:|--:|--:|--:|")
    for d in report.domains:
        add(f"| {md(d.name)} | {figures.pts(d.trust_score)} | {figures.pts(d.claimed_score)} "
            f"| {figures.pts(d.contribution)} / {figures.pts(d.max_points)} "
            f"| {d.controls_scored} | {d.controls_missing} |")
    add("")
    if report.flags:
        add("## Flags")
        for severity, flags in figures.flags_by_severity(report):
            add("")
            add(f"### {figures.SEVERITY_HEADINGS[severity]}")
            add("")
            for flag in flags:
                effect = figures.flag_effect(flag)
                add(f"- `{flag.code}`: {md(flag.message)}" + (f" **({effect})**" if effect
                                                             else "")
                    + (f" *{md(flag.hint)}*" if flag.hint else ""))
        add("")
    by_id = {c.id: c for c in report.controls}
    if report.strengths:
        add("## Top strengths")
        add("")
        for cid in report.strengths[:figures.TOP_N]:
            c = by_id[cid]
            add(f"- {c.id} {md(c.title)}: {md(figures.answer(c))} "
                f"({figures.pts(c.contribution)} points, {c.tier})")
        add("")
    if report.gaps:
        add("## Top gaps")
        add("")
        add("| Control | Recoverable | Lost to answer | Lost to evidence | What to do | Effort |")
        add("|---|--:|--:|--:|---|---|")
        for gap in report.gaps[:figures.TOP_N]:
            add(f"| {gap.control} {md(gap.title)} | {figures.pts(gap.recoverable)} "
                f"| {figures.pts(gap.by_answer)} | {figures.pts(gap.by_evidence)} "
                f"| {md(gap.remediation)} | {gap.effort} |")
        add("")
    add("## Every control")
    add("")
    add("| Control | Answer | Evidence tier | Credibility | Points | Max |")
    add("|---|---|---|--:|--:|--:|")
    for c in report.controls:
        cred = "" if c.credibility is None else f"{c.credibility:.2f}"
        add(f"| {c.id} {md(c.title)}{' (knockout)' if c.knockout else ''}"
            f"{' (rules: ' + ', '.join(c.rules) + ')' if c.rules else ''} "
            f"| {md(figures.answer(c))} | {c.tier or ''} | {cred} "
            f"| {figures.pts(c.contribution)} | {figures.pts(c.max_points)} |")
    add("")
    evidenced = [c for c in report.controls if c.evidence]
    if evidenced:
        add("## Evidence")
        add("")
        for c in evidenced:
            add(f"- **{c.id}**")
            for item in c.evidence:
                add(f"  - {md(figures.evidence_line(item))}")
        add("")
    add("---")
    add("")
    add(f"{p.tool} {p.tool_version} · rubric `{md(p.rubric)}` (sha256 `{p.rubric_sha256}`) · "
        f"input sha256 `{p.input_sha256}` · profile {p.profile} · as of {p.as_of} · "
        f"assessed {p.assessed_on}")
    return "\n".join(out) + "\n"
