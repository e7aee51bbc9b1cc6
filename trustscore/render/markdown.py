"""Markdown: the same content as the terminal, for a pitch document or an email.

Input text is escaped so that a vendor name cannot inject links, HTML or table breaks.
"""

from __future__ import annotations

from trustscore.models.report import Report
from trustscore.render import wording
from trustscore.render.escaping import md
from trustscore.render.options import RenderOptions


def render_markdown(report: Report, options: RenderOptions) -> str:
    """The report as GitHub-flavoured Markdown."""
    out: list[str] = []
    add = out.append
    p = report.provenance
    add(f"# Trust report: {md(report.vendor.name)}")
    add("")
    add(f"{md(report.vendor.country)}, {report.vendor.people}"
        + (f", {md(report.vendor.website)}" if report.vendor.website else ""))
    add("")
    add("| | |")
    add("|---|---|")
    add(f"| **Trust score** | **{wording.pts(report.trust_score)} / 100** |")
    note = wording.grade_note(report)
    add(f"| **Grade** | **{report.grade}** {md(report.grade_label)}"
        + (f" ({note})" if note else "") + " |")
    add(f"| Claimed score | {wording.pts(report.claimed_score)} / 100 "
        f"(gap {wording.pts(report.gap)}: claimed but not proven by evidence) |")
    add(f"| Confidence | {report.confidence.value} ({wording.share(report.verified_share)} "
        "of the weight backed by system or independent evidence) |")
    add(f"| Unbacked | {wording.unbacked_line(report)} |")
    if report.needs_verification:
        add(f"| **Needs verification** | {wording.VERIFY_LINE} |")
    for warning in report.warnings:
        add(f"| **Warning** | {md(warning)} |")
    add(f"| Profile | {p.profile} |")
    add(f"| As of | {p.as_of} |")
    add("")
    if report.review is not None:
        add("## Buyer's review")
        add("")
        add(md(wording.review_line(report)) + ".")
        add("")
        add("| | Vendor-declared | Reviewed |")
        add("|---|--:|--:|")
        for label, declared, reviewed in wording.review_rows(report):
            add(f"| {label} | {declared} | **{reviewed}** |")
        add("")
        for seen in report.review.items:
            if seen.verdict == "rejected":
                add(f"- **Rejected:** {md(seen.kind)} '{md(seen.title)}' by {md(seen.by or '')} "
                    f"on {seen.on}" + (f": {md(seen.note)}" if seen.note else ""))
        if report.review.accepted_risks:
            add("")
            add("**Accepted risks (listed apart, never in the score):**")
            add("")
            for i in range(len(report.review.accepted_risks)):
                add(f"- {md(wording.accepted_risk_line(report, i))}")
        add("")
    if report.scope is not None:
        add(f"**Scope, as the vendor declared it:** {md(wording.scope_line(report.scope))}")
        add("")
    if report.set_aside:
        add("**Set aside (not applicable or out of scope):**")
        add("")
        for c in report.set_aside:
            add(f"- {md(wording.set_aside_line(c))}")
        add("")
    failed = report.failed_knockouts
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
        add(f"| {md(d.name)} | {wording.pts(d.trust_score)} | {wording.pts(d.claimed_score)} "
            f"| {wording.pts(d.contribution)} / {wording.pts(d.max_points)} "
            f"| {d.controls_scored} | {d.controls_missing} |")
    add("")
    if report.flags:
        add("## Flags")
        for severity, flags in wording.flags_by_severity(report):
            add("")
            add(f"### {wording.SEVERITY_HEADINGS[severity]}")
            add("")
            for flag in flags:
                effect = wording.flag_effect(flag)
                add(f"- `{flag.code}`: {md(flag.message)}" + (f" **({effect})**" if effect
                                                             else "")
                    + (f" *{md(flag.hint)}*" if flag.hint else ""))
        add("")
    if report.strengths:
        add("## Top strengths")
        add("")
        for c in report.strength_controls[:wording.TOP_N]:
            add(f"- {c.id} {md(c.title)}: {md(wording.answer(c))} "
                f"({wording.pts(c.contribution)} points, {c.tier})")
        add("")
    if report.gaps:
        add("## Top gaps")
        add("")
        add("| Control | Recoverable | Lost to answer | Lost to evidence | What to do | Effort |")
        add("|---|--:|--:|--:|---|---|")
        for gap in report.gaps[:wording.TOP_N]:
            add(f"| {gap.control} {md(gap.title)} | {wording.pts(gap.recoverable)} "
                f"| {wording.pts(gap.by_answer)} | {wording.pts(gap.by_evidence)} "
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
            f"| {md(wording.answer(c))} | {c.tier or ''} | {cred} "
            f"| {wording.pts(c.contribution)} | {wording.pts(c.max_points)} |")
    add("")
    evidenced = [c for c in report.controls if c.evidence]
    if evidenced:
        add("## Evidence")
        add("")
        for c in evidenced:
            add(f"- **{c.id}**")
            for item in c.evidence:
                add(f"  - {md(wording.evidence_line(item))}")
        add("")
    add("---")
    add("")
    add(f"{p.tool} {p.tool_version} · rubric `{md(p.rubric)}` (sha256 `{p.rubric_sha256}`) · "
        f"input sha256 `{p.input_sha256}` · profile {p.profile} · as of {p.as_of} · "
        f"assessed {p.assessed_on}"
        + (f" · review sha256 `{p.review_sha256}`" if p.review_sha256 else ""))
    return "\n".join(out) + "\n"
