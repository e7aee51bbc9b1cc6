"""``history`` and ``due``: the portfolio store read back, and ``batch --alert``'s alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from trustscore.engine.history import alerts, due, vendor_history
from trustscore.errors import UsageError
from trustscore.loading.names import shown
from trustscore.models.history import Alerts, DueList, History, HistoryPoint
from trustscore.store.portfolio import PortfolioStore

VENDORS_AT_ONCE = 200
"""Vendors whose records (with their control lines) are read at once: memory stays
bounded by this, not by the store."""


def _open(path: Path) -> PortfolioStore:
    return PortfolioStore.open(path, shown(str(path)), create=False)


def history(path: Path, vendor: str | None, profile: str | None) -> History:
    """Each vendor ``vendor`` names (every vendor without it) over time."""
    with _open(path) as store:
        vendors = store.vendors(vendor)
        if vendor is not None and not vendors:
            known = ", ".join(v[1] for v in store.vendors(None)[:10])
            raise UsageError(f"no vendor '{vendor}' in {shown(str(path))}; give a key, an "
                             f"alias or part of a name (vendors: {known or 'none yet'})")
        found = []
        for start in range(0, len(vendors), VENDORS_AT_ONCE):
            chunk = vendors[start:start + VENDORS_AT_ONCE]
            points = store.points([v[0] for v in chunk], profile)
            found += [vendor_history(key, name, points[vid])
                      for vid, key, name in chunk if vid in points]
    return History(shown(str(path)), profile, found)


def due_list(path: Path, today: dt.date, within_days: int, profile: str | None,
             policy: Path | None = None) -> DueList:
    """What falls due within ``within_days`` of ``today``, from each vendor's latest record
    (with ``policy``, also each tier's re-review)."""
    review_every = None
    if policy is not None:
        from trustscore.loading.load import load_rubric
        from trustscore.loading.policy import load_policy

        loaded = load_policy(policy, shown(str(policy)), load_rubric(None).rubric)
        review_every = {t.id: t.review_every_days for t in loaded.tiers}
    with _open(path) as store:
        latest = store.latest(profile)
    return due(shown(str(path)), latest, today, today + dt.timedelta(days=within_days),
               review_every)


def alerts_of(followed: Sequence[tuple[str, HistoryPoint, HistoryPoint]]) -> Alerts:
    """The alerts a batch's new records raise against the records before them."""
    return alerts(followed)
