"""Credibility: which evidence counts on the as-of date, how far it can be trusted, and
what about it a buyer should double-check."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from trustscore.models.assessment import Evidence, Vendor
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import BundledFile, EvidenceResult, EvidenceStatus, Flag
from trustscore.models.rubric import EvidenceKind, EvidencePolicy, EvidenceTier


@dataclass(frozen=True)
class Judged:
    """One evidence item, its tier, whether it counts and, if not, what it lacks."""

    item: Evidence
    tier: EvidenceTier
    status: EvidenceStatus
    lacks: tuple[str, ...] = ()
    doubts: tuple[str, ...] = ()

    def result(self) -> EvidenceResult:
        """The item as the report shows it."""
        item = self.item
        return EvidenceResult(kind=item.kind, title=item.title, reference=item.reference,
                              issuer=item.issuer, issued=item.issued, expires=item.expires,
                              tier=self.tier.id, factor=self.tier.factor, status=self.status,
                              lacks=list(self.lacks), doubts=list(self.doubts),
                              file=item.file, sha256=item.sha256)


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

    @classmethod
    def of(cls, policy: EvidencePolicy, as_of: dt.date, vendor: Vendor,
           files: Sequence[BundledFile], evidence: Iterable[Evidence] = ()) -> Checkable:
        """The context of one assessment."""
        return cls(policy, as_of, own_domains(vendor), {f.file: f for f in files},
                   shared_numbers(evidence, policy))


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
    if item.file is not None:
        bundled = context.files.get(item.file)
        if bundled is None or bundled.sha256 is None:
            return Judged(item, tier, EvidenceStatus.FILE_MISSING)
        if bundled.sha256 != item.sha256:
            return Judged(item, tier, EvidenceStatus.FILE_MISMATCH)
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
    return item.kind, (item.reference or item.title).strip().lower()


_FORGERY = (EvidenceStatus.IMPLAUSIBLE, EvidenceStatus.FILE_MISMATCH)


def settle(by_control: Sequence[tuple[str, Credibility]], policy: EvidencePolicy,
           carrying: Collection[str]) -> list[Credibility]:
    """The checks only the whole assessment can make, applied to each control's items.

    An artefact cited within its reach for more controls than its kind's reuse limit
    proves nothing in particular: it counts as a claim everywhere. Only controls whose
    answer earns points (``carrying``) count towards the limit, so answering a question
    honestly at 0 never costs more than skipping it. One item that looks forged, or a
    file that does not match its hash, means nothing unreviewed is taken at face value:
    every other item counts as a claim too. Without both, an assessment could lift its
    score with one borrowed report, or hide a fake among real records.
    """
    cited: dict[tuple[str, str], set[str]] = {}
    forged = False
    for control_id, credibility in by_control:
        for judged in credibility.items:
            forged = forged or judged.status in _FORGERY
            if judged.status is EvidenceStatus.VALID and control_id in carrying:
                cited.setdefault(item_key(judged.item), set()).add(control_id)
    overused = {key for key, controls in cited.items()
                if len(controls) > policy.reuse_limit_of(key[0])}
    if not overused and not forged:
        return [credibility for _, credibility in by_control]
    unsupported = next(t for t in policy.tiers if t.id == policy.unsupported_tier)
    settled = []
    for _, credibility in by_control:
        items = [replace(j, status=EvidenceStatus.OVERUSED) if j.status is EvidenceStatus.VALID
                 and item_key(j.item) in overused else
                 replace(j, status=EvidenceStatus.DISCREDITED)
                 if forged and j.status is EvidenceStatus.VALID else j
                 for j in credibility.items]
        settled.append(Credibility(best_tier(items, unsupported), items))
    return settled


def best_tier(items: Sequence[Judged], unsupported: EvidenceTier) -> EvidenceTier:
    """The best tier among the items that count; with none, the tier of no evidence."""
    best = unsupported
    for judged in items:
        tier = judged.tier
        if judged.status is EvidenceStatus.VALID and (tier.factor, tier.verified) > (
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
}


_SEVERITY = {EvidenceStatus.FILE_MISMATCH: Severity.CRITICAL,
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
                message = text.format(expires=item.expires, issued=item.issued,
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
    for (kind, _), controls in sorted(overused.items()):
        distinct = sorted(set(controls))
        limit = policy.reuse_limit_of(kind)
        flags.append(Flag(code=FlagCode.EVIDENCE_REUSED, severity=Severity.WARNING,
                          message=f"The same {kind} is cited for {len(distinct)} "
                                  f"controls ({', '.join(distinct)}), more than the "
                                  f"{limit} one can back: it counts as a claim on all "
                                  "of them.",
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
