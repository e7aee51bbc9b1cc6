"""Credibility: which evidence counts on the as-of date, how far it can be trusted, and
what about it a buyer should double-check."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from trustscore.models.assessment import Evidence, Vendor
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import (
    BundledFile,
    EvidenceResult,
    EvidenceStatus,
    Flag,
    ItemVerdict,
)
from trustscore.models.review import Review, ReviewedItem, Verdict, review_key
from trustscore.models.rubric import EvidenceKind, EvidencePolicy, EvidenceTier

REVIEWED = EvidenceTier(id="reviewed", factor=1.0, verified=True,
                        label="Verified by the buyer's review")
"""The tier of an item a buyer's reviewer checked and found genuine: full credit."""


@dataclass(frozen=True)
class Judged:
    """One evidence item, its tier, whether it counts and, if not, what it lacks."""

    item: Evidence
    tier: EvidenceTier
    status: EvidenceStatus
    lacks: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()
    review: ReviewedItem | None = None
    """The buyer's verdict on the item, when a review applies and names it."""

    def result(self) -> EvidenceResult:
        """The item as the report shows it."""
        item, seen = self.item, self.review
        verdict = None if seen is None else ItemVerdict(
            verdict=seen.verdict.value, by=seen.by, on=seen.on, method=seen.method,
            note=seen.note)
        return EvidenceResult(kind=item.kind, title=item.title, reference=item.reference,
                              issuer=item.issuer, issued=item.issued, expires=item.expires,
                              tier=self.tier.id, factor=self.tier.factor, status=self.status,
                              lacks=list(self.lacks), doubts=list(self.doubts),
                              file=item.file, sha256=item.sha256, review=verdict)


@dataclass(frozen=True)
class Credibility:
    """The tier that counts for an answer and every evidence item as judged."""

    tier: EvidenceTier
    items: list[Judged]


@dataclass(frozen=True)
class Checkable:
    """What an item is checked against besides its own fields: the policy, the date, the
    vendor's own domains (no independent locator lives there) and the bundled files."""

    policy: EvidencePolicy
    as_of: dt.date
    own_domains: frozenset[str] = frozenset()
    files: Mapping[str, BundledFile] = field(default_factory=dict)
    shared_numbers: frozenset[str] = frozenset()
    """Reference numbers that appear on items of different kinds: one number on several
    certificates."""
    review: Mapping[tuple[str, str], ReviewedItem] | None = None
    """The buyer's verdicts by item key; None when no review applies."""

    @classmethod
    def of(cls, policy: EvidencePolicy, as_of: dt.date, vendor: Vendor,
           files: Sequence[BundledFile], evidence: Iterable[Evidence] = (),
           review: Review | None = None) -> Checkable:
        """The context of one assessment (and of the buyer's review of it, if any)."""
        verdicts = None if review is None else {
            review_key(i.kind, i.reference, i.title): i for i in review.items}
        return cls(policy, as_of, own_domains(vendor), {f.file: f for f in files},
                   shared_numbers(evidence, policy), verdicts)

    def declared(self, tier: EvidenceTier) -> EvidenceTier:
        """The tier an unchecked item counts at: under a review, an independent item
        nobody asked its issuer about keeps only the rubric's declared credit."""
        rule = self.policy.review
        if self.review is None or tier.id not in rule.declared_tiers or (
                tier.factor <= rule.declared_factor):
            return tier
        return tier.model_copy(update={
            "factor": rule.declared_factor,
            "label": f"{tier.label}, declared but not checked by the review"})


def shared_numbers(evidence: Iterable[Evidence], policy: EvidencePolicy) -> frozenset[str]:
    """Numbers of certificates (kinds that must carry a number and an expiry) found on a
    certificate of another kind too: an insurance policy number on an ISO certificate.
    Reports are left out (an audit report rightly quotes its certificate's number), and
    issuers are not compared (the same body is often written two ways)."""
    holders: dict[str, set[str]] = {}
    for item in evidence:
        spec = policy.kinds.get(item.kind)
        if item.reference and spec is not None and {"reference", "expires"} <= set(
                spec.requires):
            holders.setdefault(_plain(item.reference), set()).add(item.kind)
    return frozenset(number for number, seen in holders.items() if len(seen) > 1)


def _plain(reference: str) -> str:
    return "".join(ch for ch in reference.lower() if ch.isalnum())


def doubts(item: Evidence, spec: EvidenceKind, context: Checkable) -> tuple[str, ...]:
    """Why an item that shows every required field still does not look like a real one."""
    found = []
    if (spec.max_validity_days is not None and item.issued is not None
            and item.expires is not None
            and (item.expires - item.issued).days > spec.max_validity_days):
        found.append(f"valid for {(item.expires - item.issued).days} days, longer than the "
                     f"{spec.max_validity_days} a {item.kind} runs")
    if item.period_start is not None and item.period_end is not None:
        days = (item.period_end - item.period_start).days
        if days < 0:
            found.append("its period ends before it starts")
        elif spec.min_period_days is not None and 0 < days < spec.min_period_days:
            found.append(f"a period of {days} days, shorter than the {spec.min_period_days} "
                         "such a report covers")
        elif spec.max_period_days is not None and days > spec.max_period_days:
            found.append(f"a period of {days} days, longer than the {spec.max_period_days} "
                         "such a report covers")
        if item.issued is not None and item.issued < item.period_end:
            found.append("issued before the end of the period it reports on")
    if item.reference and "reference" in spec.requires:
        number = _plain(item.reference)
        shared = number in context.shared_numbers and "expires" in spec.requires
        if implausible_number(number):
            found.append(f"the number '{item.reference}' looks made up (too short, "
                         "repeated or sequential)")
        elif shared:
            found.append(f"the number '{item.reference}' is also on a certificate of "
                         "another kind")
    if item.issuer and any(re.match(rf"\W*{re.escape(word)}\b", item.issuer, re.IGNORECASE)
                           for word in context.policy.implausible_issuers):
        found.append(f"the issuer '{item.issuer}' names a standard, not a body that issues "
                     "certificates")
    return tuple(found)


def implausible_number(number: str) -> bool:
    """Fewer than four letters or digits, one character repeated, or a run like 12345."""
    if len(number) < 4 or len(set(number)) == 1:
        return True
    digits = "".join(ch for ch in number if ch.isdigit())
    return len(digits) >= 5 and len(digits) >= len(number) - 1 and (
        digits in "01234567890123456789" or digits in "98765432109876543210")


def own_domains(vendor: Vendor) -> frozenset[str]:
    """The vendor's website host and e-mail domain, without a leading ``www.``."""
    hosts = set()
    if vendor.website:
        hosts.add(host_of(vendor.website))
    if vendor.contact is not None:
        hosts.add(vendor.contact.email.rpartition("@")[2].lower())
    return frozenset(h.removeprefix("www.") for h in hosts if h)


def host_of(url: str) -> str:
    """The host a url points to, lower-cased, without a trailing dot ('' if none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.rstrip(".").lower()


def on_own_domain(url: str, domains: frozenset[str]) -> bool:
    """True when ``url`` is on one of ``domains`` or a subdomain of one."""
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)


_LACKS = {"issuer": "no issuer", "reference": "no reference number",
          "issued": "no issue date", "expires": "no expiry date",
          "period": "no report period", "link": "no url", "url": "no url",
          "file": "no bundled file"}


def lacks(item: Evidence, spec: EvidenceKind, context: Checkable) -> tuple[str, ...]:
    """What ``item`` lacks of what its kind requires, in the rubric's order."""
    missing = []
    for need in spec.requires:
        if need == "period":
            present = item.period_start is not None and item.period_end is not None
        elif need == "url" and item.url is not None and on_own_domain(item.url,
                                                                     context.own_domains):
            missing.append("an independent url (this one is on the vendor's own domain)")
            continue
        elif need == "file":
            bundled = context.files.get(item.file) if item.file else None
            present = bundled is not None and bundled.sha256 == item.sha256
        elif need == "link":
            present = item.url is not None
        else:
            present = bool(getattr(item, need))
        if not present:
            missing.append(_LACKS[need])
    return tuple(missing)


def within_reach(spec: EvidenceKind, control_id: str, domain_id: str) -> bool:
    """Whether a kind can attest this control at all."""
    return spec.attests is None or control_id in spec.attests or domain_id in spec.attests


def status_on(item: Evidence, as_of: dt.date) -> EvidenceStatus:
    """Whether ``item``'s dates let it prove anything on the as-of date, and if not, why."""
    if item.issued is not None and item.expires is not None and item.expires < item.issued:
        return EvidenceStatus.DATES_REVERSED
    if item.expires is not None and item.expires < as_of:
        return EvidenceStatus.EXPIRED
    if item.issued is not None and item.issued > as_of:
        return EvidenceStatus.NOT_YET_VALID
    return EvidenceStatus.VALID


def judge_item(item: Evidence, control_id: str, domain_id: str,
               context: Checkable) -> Judged:
    """One item: its dates, its bundled file, what its kind requires, and its reach."""
    policy = context.policy
    spec = policy.kinds[item.kind]
    tier = policy.tier_of(item.kind)
    status = status_on(item, context.as_of)
    if status is not EvidenceStatus.VALID:
        return Judged(item, tier, status)
    # the file is checked before any verdict: its bytes may have changed since the review
    if item.file is not None:
        bundled = context.files.get(item.file)
        if bundled is None or bundled.sha256 is None:
            return Judged(item, tier, EvidenceStatus.FILE_MISSING)
        if bundled.sha256 != item.sha256:
            return Judged(item, tier, EvidenceStatus.FILE_MISMATCH)
    seen = None if context.review is None else context.review.get(item_key(item))
    if seen is not None and seen.verdict is Verdict.REJECTED:
        return Judged(item, tier, EvidenceStatus.REJECTED, review=seen)
    if seen is not None and seen.verdict is Verdict.VERIFIED:
        # a reviewer vouches for the item, not for a reach its kind does not have
        reached = within_reach(spec, control_id, domain_id)
        return Judged(item, REVIEWED if reached else tier,
                      EvidenceStatus.VERIFIED if reached else EvidenceStatus.OUT_OF_REACH,
                      review=seen)
    judged = _judge_unreviewed(item, spec, tier, control_id, domain_id, context)
    if judged.status is EvidenceStatus.VALID:
        judged = replace(judged, tier=context.declared(tier))
    return replace(judged, review=seen)


def _judge_unreviewed(item: Evidence, spec: EvidenceKind, tier: EvidenceTier,
                      control_id: str, domain_id: str, context: Checkable) -> Judged:
    """The checks of an item nobody has vouched for: its fields, its look and its reach."""
    missing = lacks(item, spec, context)
    if missing:
        return Judged(item, tier, EvidenceStatus.UNIDENTIFIED, missing)
    doubted = doubts(item, spec, context)
    if doubted:
        return Judged(item, tier, EvidenceStatus.IMPLAUSIBLE, doubts=doubted)
    if not within_reach(spec, control_id, domain_id):
        return Judged(item, tier, EvidenceStatus.OUT_OF_REACH)
    return Judged(item, tier, EvidenceStatus.VALID)


def judge(evidence: list[Evidence], control_id: str, domain_id: str,
          context: Checkable) -> Credibility:
    """The best tier among the items that pass every check; with none, the rubric's tier
    for no evidence."""
    policy = context.policy
    unsupported = next(t for t in policy.tiers if t.id == policy.unsupported_tier)
    items = [judge_item(item, control_id, domain_id, context) for item in evidence]
    return Credibility(best_tier(items, unsupported), items)


def item_key(item: Evidence) -> tuple[str, str]:
    """One artefact however often it is cited: its kind and its number (or title)."""
    return review_key(item.kind, item.reference, item.title)


_FORGERY = (EvidenceStatus.IMPLAUSIBLE, EvidenceStatus.FILE_MISMATCH)


def settle(by_control: Sequence[tuple[str, Credibility]], policy: EvidencePolicy,
           stakes: Mapping[str, tuple[float, float]]) -> list[Credibility]:
    """The checks only the whole assessment can make, applied to each control's items.

    An artefact cited within its reach for more controls than its kind's reuse limit
    cannot back them all: it backs the ``limit`` controls where it is worth most and
    counts as a claim on the others. ``stakes`` gives each control's points and answer
    level, which say what the item is worth there. Only what it is worth decides: raising
    an answer can only move the item to where it is worth more, and an answer worth
    nothing (0, or a control that earns nothing) never takes it from another, so a better
    answer never lowers the score and answering never scores below skipping. An item
    cited out of its reach more often than its limit is padding (:func:`padding`): it
    backs nothing.

    One item that looks forged, or a file that does not match its hash, means nothing
    unreviewed is taken at face value: every other item counts as a claim too. Without
    both, an assessment could lift its score with one borrowed report, or hide a fake
    among real records. Items a buyer's review verified are exempt from both: someone has
    checked them.
    """
    unsupported = next(t for t in policy.tiers if t.id == policy.unsupported_tier)
    worth: dict[tuple[str, str], list[tuple[float, str]]] = {}
    astray: dict[tuple[str, str], set[str]] = {}
    forged = False
    for control_id, credibility in by_control:
        points, level = stakes.get(control_id, (0.0, 0.0))
        for judged in credibility.items:
            key = item_key(judged.item)
            forged = forged or judged.status in _FORGERY
            if judged.status is EvidenceStatus.OUT_OF_REACH:
                astray.setdefault(key, set()).add(control_id)
            value = _worth(judged.tier, unsupported, points, level)
            if judged.status is EvidenceStatus.VALID and value > 0:
                worth.setdefault(key, []).append((value, control_id))
    padded = padding(astray, policy)
    beyond: set[tuple[tuple[str, str], str]] = set()
    for key, places in worth.items():
        limit = 0 if key in padded else policy.reuse_limit_of(key[0])
        ranked = sorted(set(places), key=lambda place: (-place[0], place[1]))
        beyond.update((key, control_id) for _, control_id in ranked[limit:])
    if not beyond and not forged:
        return [credibility for _, credibility in by_control]
    settled = []
    for control_id, credibility in by_control:
        items = [replace(j, status=EvidenceStatus.OVERUSED) if j.status is EvidenceStatus.VALID
                 and (item_key(j.item), control_id) in beyond else
                 replace(j, status=EvidenceStatus.DISCREDITED)
                 if forged and j.status is EvidenceStatus.VALID else j
                 for j in credibility.items]
        settled.append(Credibility(best_tier(items, unsupported), items))
    return settled


def padding(astray: Mapping[tuple[str, str], set[str]],
            policy: EvidencePolicy) -> frozenset[tuple[str, str]]:
    """Items cited where their kind cannot attest on more controls than their reuse limit:
    cited for everything, they back nothing in particular, so they count as a claim even
    where they could attest. Whatever the answers, so a better answer never changes it."""
    return frozenset(key for key, controls in astray.items()
                     if len(controls) > policy.reuse_limit_of(key[0]))


def _worth(tier: EvidenceTier, unsupported: EvidenceTier, points: float, level: float) -> float:
    """What an item of ``tier`` adds over a bare claim to an answer of ``level`` (of 4) on
    a control worth ``points``."""
    def counted(t: EvidenceTier) -> float:
        return (level if t.max_level is None else min(level, t.max_level)) * t.factor

    return points / 4 * (counted(tier) - counted(unsupported))


def best_tier(items: Sequence[Judged], unsupported: EvidenceTier) -> EvidenceTier:
    """The best tier among the items that count; with none, the tier of no evidence."""
    best = unsupported
    for judged in items:
        tier = judged.tier
        if judged.status.counts and (tier.factor, tier.verified) > (
                best.factor, best.verified):
            best = tier
    return best


_NOT_COUNTED = {
    EvidenceStatus.EXPIRED: (FlagCode.EVIDENCE_EXPIRED,
                             "expired on {expires} and does not count",
                             "attach the current certificate or report"),
    EvidenceStatus.NOT_YET_VALID: (FlagCode.EVIDENCE_NOT_YET_VALID,
                                   "is dated {issued}, after the as-of date, and does not count",
                                   "check the issue date"),
    EvidenceStatus.DATES_REVERSED: (FlagCode.EVIDENCE_DATES_REVERSED,
                                    "expires ({expires}) before it was issued ({issued}) and "
                                    "does not count", "correct the dates"),
    EvidenceStatus.UNIDENTIFIED: (FlagCode.EVIDENCE_UNIDENTIFIED,
                                  "counts as a claim: {lacks}",
                                  "add what is missing so a buyer can verify it"),
    EvidenceStatus.IMPLAUSIBLE: (FlagCode.EVIDENCE_IMPLAUSIBLE,
                                 "does not look genuine ({doubts}), so it counts as a claim",
                                 "a buyer should verify it with its issuer before relying on "
                                 "it"),
    EvidenceStatus.FILE_MISSING: (FlagCode.EVIDENCE_FILE_MISSING,
                                  "names the file {file}, which cannot be checked "
                                  "({problem}), so it counts as a claim",
                                  "bundle the file beside the assessment"),
    EvidenceStatus.FILE_MISMATCH: (FlagCode.EVIDENCE_FILE_MISMATCH,
                                   "names the file {file}, whose bytes do not match the "
                                   "SHA-256 given: the item counts for nothing",
                                   "a buyer should ask why the file changed; send the file "
                                   "the assessment was written against"),
    EvidenceStatus.REJECTED: (FlagCode.EVIDENCE_REJECTED,
                              "was rejected by the buyer's review ({verdict}): it counts for "
                              "nothing", "ask the vendor for the genuine artefact; until "
                              "then the control is unproven"),
}


def _verdict_words(seen: ReviewedItem | None) -> str:
    """Who rejected an item, when, and why, for the flag that says so."""
    if seen is None:
        return ""
    said = f"by {seen.by} on {seen.on}"
    return f"{said}: {seen.note}" if seen.note else said


_SEVERITY = {EvidenceStatus.FILE_MISMATCH: Severity.CRITICAL,
             EvidenceStatus.REJECTED: Severity.CRITICAL,
             EvidenceStatus.UNIDENTIFIED: Severity.INFO}
"""Not the default warning: a mismatched file is critical; an item that merely lacks a
field is a reason points were not earned, not a doubt about the vendor."""


def evidence_flags(by_control: Sequence[tuple[str, Credibility]], context: Checkable,
                   assessed_on: dt.date) -> list[Flag]:
    """Flags about the evidence itself: what did not count, what will soon expire, what
    post-dates the assessment, and one item cited for many unrelated controls."""
    policy, as_of = context.policy, context.as_of
    flags: list[Flag] = []
    overused: dict[tuple[str, str], list[str]] = {}
    beyond: dict[tuple[str, str], tuple[str, list[str]]] = {}
    discredited: list[str] = []
    said: dict[tuple[FlagCode, Severity, FlagEffect, str, str, str], list[str]] = {}
    """One flag per item and finding, naming every control it is cited for."""
    for control_id, credibility in by_control:
        for judged in credibility.items:
            item = judged.item
            key = item_key(item)
            if judged.status is EvidenceStatus.DISCREDITED:
                discredited.append(control_id)
            if judged.status is EvidenceStatus.OUT_OF_REACH:
                beyond.setdefault(key, (item.title, []))[1].append(control_id)
                continue
            if judged.status in _NOT_COUNTED:
                code, text, hint = _NOT_COUNTED[judged.status]
                bundled = context.files.get(item.file) if item.file else None
                problem = (bundled.problem if bundled is not None and bundled.problem
                           else "it was not looked for")
                message = text.format(verdict=_verdict_words(judged.review),
                                      expires=item.expires, issued=item.issued,
                                      lacks=", ".join(judged.lacks),
                                      doubts="; ".join(judged.doubts), kind=item.kind,
                                      file=item.file, problem=problem)
                severity = _SEVERITY.get(judged.status, Severity.WARNING)
                effect = (FlagEffect.NEEDS_VERIFICATION
                          if judged.status is EvidenceStatus.IMPLAUSIBLE
                          else FlagEffect.NOT_COUNTED)
                said.setdefault((code, severity, effect, hint, item.title, message),
                                []).append(control_id)
                continue
            if item.expires is not None and (item.expires - as_of).days <= (
                    policy.expiry_warning_days):
                said.setdefault((FlagCode.EVIDENCE_EXPIRING_SOON, Severity.INFO,
                                 FlagEffect.NONE, "plan the renewal before it lapses",
                                 item.title, f"expires on {item.expires}, within "
                                 f"{policy.expiry_warning_days} days"), []).append(control_id)
            if item.issued is not None and item.issued > assessed_on:
                said.setdefault((FlagCode.EVIDENCE_AFTER_ASSESSMENT, Severity.WARNING,
                                 FlagEffect.NONE,
                                 "re-date the assessment or check the evidence date",
                                 item.title, f"is dated {item.issued}, after the assessment "
                                 f"date {assessed_on}"), []).append(control_id)
            if judged.status is EvidenceStatus.OVERUSED:
                overused.setdefault(key, []).append(control_id)
    for (code, severity, effect, hint, title, message), controls in said.items():
        distinct = sorted(set(controls))
        where = (f"{distinct[0]}: evidence '{title}'" if len(distinct) == 1 else
                 f"Evidence '{title}', cited for {', '.join(distinct)},")
        flags.append(Flag(code=code, severity=severity, message=f"{where} {message}.",
                          controls=distinct, effect=effect, hint=hint))
    for (kind, _), (title, controls) in sorted(beyond.items()):
        distinct = sorted(set(controls))
        flags.append(Flag(code=FlagCode.EVIDENCE_OUT_OF_REACH, severity=Severity.WARNING,
                          message=f"Evidence '{title}' is a {kind}, which cannot attest "
                                  f"{', '.join(distinct)}: cited there, it counts as a claim.",
                          controls=distinct, effect=FlagEffect.NOT_COUNTED,
                          hint="attach evidence of those controls themselves"))
    padded = padding({key: set(controls) for key, (_, controls) in beyond.items()}, policy)
    for key, controls in sorted(overused.items()):
        kind = key[0]
        distinct = sorted(set(controls))
        limit = policy.reuse_limit_of(kind)
        message = (f"The same {kind} is cited where it cannot attest on more than the "
                   f"{limit} controls one can back at all: it backs nothing in particular "
                   f"and counts as a claim on {', '.join(distinct)} too."
                   if key in padded else
                   f"The same {kind} is cited for more controls than the {limit} one can "
                   f"back: it backs the {limit} where it is worth most and counts as a "
                   f"claim on {', '.join(distinct)}.")
        flags.append(Flag(code=FlagCode.EVIDENCE_REUSED, severity=Severity.WARNING,
                          message=message,
                          controls=distinct, effect=FlagEffect.NOT_COUNTED,
                          hint="attach the specific artefact for each control"))
    if discredited:
        flags.append(Flag(code=FlagCode.EVIDENCE_DISCREDITED, severity=Severity.CRITICAL,
                          message="Evidence in this assessment does not look genuine or does "
                                  "not match its file, so no other evidence is taken at face "
                                  f"value: the items cited for {len(set(discredited))} "
                                  "controls count as claims until a buyer's review verifies "
                                  "them.", controls=sorted(set(discredited)),
                          effect=FlagEffect.NEEDS_VERIFICATION,
                          hint="verify each item with its issuer and record it in a review"))
    return flags
