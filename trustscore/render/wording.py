"""Wording shared by every human-readable format: how a figure, an answer, a flag's
effect or a vendor is written in words.

One place, so the terminal, Markdown and HTML print the same number the same way.
"""

from __future__ import annotations

from trustscore.models.comparison import Comparison
from trustscore.models.flags import FlagEffect, Severity
from trustscore.models.report import (
    ControlResult,
    ControlStatus,
    EvidenceResult,
    EvidenceStatus,
    Flag,
    Report,
    ScopeInfo,
)

TOP_N = 5
"""Strengths and gaps shown in human formats; JSON carries the full, ordered lists."""


def pts(value: float | None) -> str:
    """A score or points figure, exactly as in the JSON report (two decimals)."""
    return "n/a" if value is None else f"{value:.2f}"


def share(value: float) -> str:
    """A 0-1 share as a whole percentage."""
    return f"{value * 100:.0f} %"


def answer(control: ControlResult) -> str:
    """The answer as a reader wants it: the value, its unit and the rubric's words for it."""
    if control.status is ControlStatus.MISSING:
        return "not answered"
    if control.status is ControlStatus.OUT_OF_SCOPE:
        return "out of scope"
    if control.status is ControlStatus.NOT_APPLICABLE:
        return "not applicable"
    text = control.answer or ""
    if control.unit:
        text = f"{text} {control.unit}"
    if control.answer_label:
        text = f"{text}: {control.answer_label}"
    return text


def evidence_line(item: EvidenceResult) -> str:
    """One evidence item in a line: title, reference, issuer, validity."""
    parts = [item.title]
    if item.reference:
        parts.append(item.reference)
    if item.issuer:
        parts.append(item.issuer)
    if item.expires:
        parts.append(f"expires {item.expires}")
    if item.file:
        parts.append(f"file {item.file} sha256:{(item.sha256 or '')[:12]}")
    status = _EVIDENCE_STATUS.get(item.status)
    seen = item.review
    if seen is not None and item.status in (EvidenceStatus.VERIFIED, EvidenceStatus.REJECTED):
        status = f"{seen.verdict} by {seen.by} on {seen.on}" + (
            f": {seen.note}" if seen.note and item.status is EvidenceStatus.REJECTED else "")
    elif seen is not None and item.status is EvidenceStatus.VALID:
        status = "not checked by the review"
    if item.status is EvidenceStatus.UNIDENTIFIED and item.lacks:
        status = "counts as a claim: " + ", ".join(item.lacks)
    if item.status is EvidenceStatus.IMPLAUSIBLE and item.doubts:
        status = "counts as a claim: " + "; ".join(item.doubts)
    shown = "" if status is None else f" [{status}]"
    return ", ".join(parts) + f" ({item.tier}){shown}"


_EVIDENCE_STATUS = {
    EvidenceStatus.EXPIRED: "expired",
    EvidenceStatus.NOT_YET_VALID: "not yet valid",
    EvidenceStatus.DATES_REVERSED: "dates reversed",
    EvidenceStatus.UNIDENTIFIED: "counts as a claim",
    EvidenceStatus.OUT_OF_REACH: "counts as a claim: its kind cannot attest this control",
    EvidenceStatus.IMPLAUSIBLE: "counts as a claim: it does not look genuine",
    EvidenceStatus.FILE_MISSING: "counts as a claim: its file is not beside the assessment",
    EvidenceStatus.FILE_MISMATCH: "counts for nothing: its file does not match its SHA-256",
}


def review_rows(report: Report) -> list[tuple[str, str, str]]:
    """The vendor-declared and the reviewed headline, side by side (label, declared,
    reviewed); empty when no review applied."""
    if report.review is None:
        return []
    d, r = report.review.declared, report.review.reviewed

    def yes(value: bool) -> str:
        return "yes" if value else "no"

    return [("Trust score", pts(d.trust_score), pts(r.trust_score)),
            ("Grade", d.grade, r.grade),
            ("Confidence", d.confidence.value, r.confidence.value),
            ("Verified share", share(d.verified_share), share(r.verified_share)),
            ("Needs verification", yes(d.needs_verification), yes(r.needs_verification))]


def review_line(report: Report) -> str:
    """Who reviewed what and when, in one sentence ('' without a review)."""
    review = report.review
    if review is None:
        return ""
    who = ", ".join(review.reviewers) or "nobody yet"
    when = ("" if review.first_checked is None else f" on {review.first_checked}"
            if review.first_checked == review.last_checked
            else f" from {review.first_checked} to {review.last_checked}")
    lead = f"Review for {review.reviewer}: " if review.reviewer else ""
    return (f"{lead}checked by {who}{when}: {review.verified} verified, {review.rejected} "
            f"rejected, {review.not_checked} not checked, {review.unlisted} not listed; an "
            f"unchecked independent item counts at {review.declared_factor:.0%}")


def accepted_risk_line(report: Report, index: int) -> str:
    """One accepted risk: what, why, who approved it until when, and its points unchanged."""
    assert report.review is not None
    r = report.review.accepted_risks[index]
    lapsed = " (LAPSED before the as-of date)" if r.lapsed else ""
    return (f"{r.control} {r.title}: {r.justification}; approved by {r.approver} until "
            f"{r.expires}{lapsed}; it still scores {pts(r.contribution)} of "
            f"{pts(r.max_points)} points")


VERIFY_LINE = ("some claims or evidence need checking before the score is relied on; "
               "confidence lowered (see flags)")
"""What "needs verification" means, the same in every format's headline."""


def unbacked_line(report: Report) -> str:
    """How much of the claimed score rests on bare claims, for every headline."""
    u = report.unbacked
    line = (f"{share(u.share)} of the claimed score ({pts(u.points)} points, "
            f"{u.controls} {'answer' if u.controls == 1 else 'answers'}) has no checkable "
            "evidence")
    return line + (f"; above {share(u.above)} and {u.above_points:g} points it needs "
                   "verification" if u.above is not None else "")


def headline_vendor(report: Report) -> str:
    """``Name (country, N people)``."""
    v = report.vendor
    return f"{v.name} ({v.country}, {v.people})"


def grade_note(report: Report) -> str:
    """Why the grade is what it is when knockouts capped it."""
    if not report.capped_by_knockouts:
        return ""
    failed = len(report.failed_knockouts)
    return (f"capped from {report.score_grade} by {failed} failed critical "
            f"control{'s' if failed > 1 else ''}")


EFFECT_WORDS = {
    FlagEffect.GRADE_CAPPED: "grade capped",
    FlagEffect.NOT_COUNTED: "not counted",
    FlagEffect.DOWNGRADED: "counted as a claim",
    FlagEffect.CAPPED: "points capped",
    FlagEffect.NEEDS_VERIFICATION: "needs verification",
}
SEVERITY_HEADINGS = {Severity.CRITICAL: "Critical", Severity.WARNING: "Warnings",
                     Severity.INFO: "Information"}


def flags_by_severity(report: Report) -> list[tuple[Severity, list[Flag]]]:
    """The report's flags in severity groups, critical first (the report keeps them sorted)."""
    groups: dict[Severity, list[Flag]] = {}
    for flag in report.flags:
        groups.setdefault(flag.severity, []).append(flag)
    return [(severity, groups[severity]) for severity in Severity if severity in groups]


def flag_effect(flag: Flag) -> str:
    """The flag's effect on the score in words, or ``""`` when it had none."""
    return EFFECT_WORDS.get(flag.effect, "")


def _mark(value: str, best: bool) -> str:
    return f"{value} *" if best else value


def compare_headline_rows(c: Comparison) -> list[tuple[str, list[str]]]:
    """The headline rows of a comparison, the same in every format ('*': best in a row)."""
    v = c.vendors
    reviewed = [("Buyer's review", ["none" if x.declared_score is None else
                                    f"applied (declared {pts(x.declared_score)})"
                                    for x in v])] if any(
        x.declared_score is not None for x in v) else []
    return [
        ("Trust score", [_mark(pts(x.trust_score), i in c.best_overall)
                         for i, x in enumerate(v)]),
        *reviewed,
        ("Claimed score", [pts(x.claimed_score) for x in v]),
        ("Gap (claimed, not proven)", [pts(x.gap) for x in v]),
        ("Grade", [x.grade for x in v]),
        ("Confidence", [x.confidence.value + (" (verify)" if x.needs_verification else "")
                        for x in v]),
        ("Failed knockouts", [", ".join(x.failed_knockouts) or "none" for x in v]),
    ]


def compare_domain_rows(c: Comparison) -> list[tuple[str, list[str]]]:
    """One row per domain, its best score marked."""
    return [(d.name, [_mark(pts(s), i in d.best) for i, s in enumerate(d.scores)])
            for d in c.domains]


def compare_provenance(c: Comparison) -> str:
    """Where a comparison came from: tool, rubric and its hash, each input's hash."""
    inputs = "; ".join(f"{v.file} sha256 {v.input_sha256}" for v in c.vendors)
    return (f"trustscore {c.tool_version} · rubric {c.rubric} sha256 {c.rubric_sha256} · "
            f"profile {c.profile} · as of {c.as_of} · inputs: {inputs}")


def scope_line(scope: ScopeInfo) -> str:
    """The declared engagement scope in one line."""
    def yn(value: bool) -> str:
        return "yes" if value else "no"
    regions = ", ".join(scope.client_regions) or "none given"
    return (f"client personal data: {yn(scope.processes_client_personal_data)} · hosts "
            f"client systems: {yn(scope.hosts_client_systems)} · card data: "
            f"{yn(scope.handles_card_data)} · client regions: {regions}")


def set_aside_line(control: ControlResult) -> str:
    """Why a control does not count: the vendor's N/A justification, or the scope."""
    if control.status is ControlStatus.NOT_APPLICABLE:
        why = f"not applicable: {control.justification or 'no justification given'}"
    else:
        why = f"out of scope: applies only when {control.applies_only_when or 'in scope'}"
    return f"{control.id} {control.title}{' (knockout)' if control.knockout else ''} — {why}"
