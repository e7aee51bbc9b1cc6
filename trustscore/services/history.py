"""``history`` and ``due``: the portfolio store read back, and ``batch --alert``'s alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from trustscore.engine.history import alerts, due, vendor_history
from trustscore.errors import UsageError
from trustscore.loading.builtin import builtin_rubrics
from trustscore.loading.discover import shown
from trustscore.loading.load import load_rubric
from trustscore.loading.policy import load_policy
from trustscore.models.history import Alerts, DueList, History, HistoryPoint
from trustscore.store.portfolio import PortfolioStore


def _rubric_facts(labels: Iterable[str]) -> tuple[dict[str, list[str]], dict[str, int | None]]:
    """Grade order and maximum assessment age of each rubric named (id@version), from the
    built-in rubric of that id; a rubric trustscore does not ship gives neither."""
    orders: dict[str, list[str]] = {}
    ages: dict[str, int | None] = {}
    shipped = builtin_rubrics()
    for label in set(labels):
        rubric_id = label.split("@", 1)[0]
        if rubric_id in shipped:
            rubric = load_rubric(rubric_id).rubric
            orders[label] = rubric.grade_order()
            ages[label] = rubric.max_assessment_age_days
    return orders, ages


def _open(path: Path) -> PortfolioStore:
    return PortfolioStore.open(path, shown(str(path)), create=False)


def history(path: Path, vendor: str | None, profile: str) -> History:
    """Each vendor ``vendor`` names (every vendor without it) over time."""
    with _open(path) as store:
        vendors = store.vendors(vendor)
        if vendor is not None and not vendors:
            known = ", ".join(v[1] for v in store.vendors(None)[:10])
            raise UsageError(f"no vendor '{vendor}' in {shown(str(path))}; give a key, an "
                             f"alias or part of a name (vendors: {known or 'none yet'})")
        points = store.points([v[0] for v in vendors] if vendor is not None else None,
                              profile)
    orders, _ = _rubric_facts(p.rubric for ps in points.values() for p in ps)
    return History(shown(str(path)), profile, [
        vendor_history(key, name, points[vid], orders)
        for vid, key, name in vendors if vid in points])


def due_list(path: Path, today: dt.date, within_days: int, profile: str,
             policy: Path | None = None) -> DueList:
    """What falls due within ``within_days`` of ``today``, from each vendor's latest record
    (with ``policy``, also each tier's re-review)."""
    review_every = None
    if policy is not None:
        loaded = load_policy(policy, shown(str(policy)), load_rubric(None).rubric)
        review_every = {t.id: t.review_every_days for t in loaded.tiers}
    with _open(path) as store:
        latest = store.latest(profile)
    _, ages = _rubric_facts(p.rubric for _, p in latest)
    return due(shown(str(path)), latest, today, today + dt.timedelta(days=within_days), ages,
               review_every)


def alerts_of(followed: Sequence[tuple[str, HistoryPoint, HistoryPoint]]) -> Alerts:
    """The alerts a batch's new records raise against the records before them."""
    orders, _ = _rubric_facts(p.rubric for _, _, p in followed)
    return alerts(followed, orders)
