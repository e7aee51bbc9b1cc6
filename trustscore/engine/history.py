"""What changed between a vendor's records, what falls due, what is worth an alert. Pure.

Grades are compared by their rank in the rubric that gave them (0 for the best), as
recorded; the rubric's maximum assessment age is the one recorded with the assessment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from trustscore.engine.comparison import moves
from trustscore.models.history import (
    Alert,
    Alerts,
    ControlLine,
    ControlMove,
    DueItem,
    DueList,
    DueReason,
    HistoryPoint,
    PointChange,
    VendorHistory,
)

MOVED = 0.005
"""A domain score that moved less than this (half a hundredth) did not move."""


def change(before: HistoryPoint, after: HistoryPoint) -> PointChange:
    """From ``before`` to ``after`` (the next record of the same vendor)."""
    deltas = []
    for domain, score in after.domains.items():
        old = before.domains.get(domain)
        if score is not None and old is not None and abs(score - old) >= MOVED:
            deltas.append((domain, round(score - old, 2)))
    deltas.sort(key=lambda d: (-abs(d[1]), d[0]))
    had = {(i.control, i.kind, i.title) for i in before.expiring if i.status == "valid"}
    lapsed = [i for i in after.expiring
              if i.status == "expired" and (i.control, i.kind, i.title) in had]
    worse, better = after.grade_rank > before.grade_rank, after.grade_rank < before.grade_rank
    improved: list[ControlMove] = []
    regressed: list[ControlMove] = []
    if before.controls is not None and after.controls is not None:
        improved, regressed = _control_moves(before.controls, after.controls)
    return PointChange(
        before=before, after=after, trust_delta=round(after.trust_score - before.trust_score, 2),
        grade_dropped=worse, grade_rose=better, domain_deltas=deltas,
        knockouts_failed=[k for k in after.failed_knockouts if k not in before.failed_knockouts],
        knockouts_fixed=[k for k in before.failed_knockouts if k not in after.failed_knockouts],
        critical_flags_new=sorted(set(after.critical_flag_codes) - set(before.critical_flag_codes)),
        critical_flags_gone=sorted(set(before.critical_flag_codes)
                                   - set(after.critical_flag_codes)),
        lapsed=lapsed,
        method_changed=(before.rubric, before.rubric_sha256, before.tool_version,
                        before.profile)
        != (after.rubric, after.rubric_sha256, after.tool_version, after.profile),
        controls_improved=improved, controls_regressed=regressed,
        controls_recorded=before.controls is not None and after.controls is not None)


def _control_moves(before: tuple[ControlLine, ...], after: tuple[ControlLine, ...]
                   ) -> tuple[list[ControlMove], list[ControlMove]]:
    """The controls of both records that moved, as ``diff`` picks them."""
    old = {c.control: c for c in before}
    return moves(ControlMove(
        id=c.control, old_points=o.points, new_points=c.points,
        change=round(c.points - o.points, 2), old_answer=o.answer, new_answer=c.answer,
        old_tier=o.tier, new_tier=c.tier,
        rules_added=sorted(set(c.rules) - set(o.rules)),
        rules_removed=sorted(set(o.rules) - set(c.rules)))
        for c in after if (o := old.get(c.control)) is not None)


def vendor_history(key: str, name: str, points: Sequence[HistoryPoint]) -> VendorHistory:
    """A vendor's records in date order (as of, then assessed on) and each step between.
    The control lines are dropped once the steps are known: a history keeps the moves, not
    a line per control per record (a whole store's history stays small)."""
    ordered = sorted(points, key=lambda p: (p.as_of, p.assessed_on, p.file))
    light = [replace(p, controls=None) for p in ordered]
    steps = [replace(change(a, b), before=la, after=lb)
             for (a, b), (la, lb) in zip(pairwise(ordered), pairwise(light), strict=True)]
    return VendorHistory(key, name, light, steps)


def alerts(pairs: Sequence[tuple[str, HistoryPoint, HistoryPoint]]) -> Alerts:
    """An alert for each vendor whose new record is worse than its previous one."""
    found = []
    for key, before, after in pairs:
        step = change(before, after)
        if step.alarming:
            found.append(Alert(key, step))
    return Alerts(sorted(found, key=lambda a: (a.change.after.file, a.key)))


def due(store: str, latest: Sequence[tuple[str, HistoryPoint]], today: dt.date,
        until: dt.date, review_every: Mapping[str, int | None] | None = None) -> DueList:
    """What falls due by ``until`` for each vendor's latest record: the assessment passing
    the rubric's maximum age, the re-review its tier requires (``review_every``: days by
    tier id), and each cited item's expiry (already past: overdue)."""
    items = []
    for key, point in latest:
        interval = (review_every or {}).get(point.tier or "")
        if interval is not None:
            review_on = point.as_of + dt.timedelta(days=interval)
            if review_on <= until:
                items.append(DueItem(review_on, key, point.vendor_name, DueReason.REVIEW,
                                     f"tier {point.tier} is re-reviewed every {interval} days "
                                     f"(last scored {point.as_of})", review_on < today))
        age = point.max_age_days
        if age is not None:
            stale_on = point.assessed_on + dt.timedelta(days=age)
            if stale_on <= until:
                items.append(DueItem(stale_on, key, point.vendor_name, DueReason.STALE,
                                     f"assessment of {point.assessed_on} ({point.file}) "
                                     f"passes the rubric's {age} days",
                                     stale_on < today))
        seen = set()
        for item in point.expiring:
            if item.expires <= until and (item.control, item.kind, item.title) not in seen:
                seen.add((item.control, item.kind, item.title))
                items.append(DueItem(item.expires, key, point.vendor_name, DueReason.EVIDENCE,
                                     f"{item.control}: {item.kind} '{item.title}' expires",
                                     item.expires < today))
    items.sort(key=lambda i: (i.due, i.vendor.casefold(), i.key, i.what))
    return DueList(store, today, until, items)
