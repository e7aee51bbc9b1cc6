"""Rounding that keeps sums exact: contributions in the report add up to the total."""

from __future__ import annotations

import math
from collections.abc import Sequence


def to_cents(value: float) -> int:
    """Round half away from zero to hundredths, as a whole number of cents."""
    return math.floor(abs(value) * 100 + 0.5) * (1 if value >= 0 else -1)


def apportion(values: Sequence[float], caps: Sequence[int] | None = None,
              target: int | None = None) -> list[int]:
    """Round non-negative ``values`` to cents so that they sum to ``target`` cents.

    ``target`` defaults to the rounded exact total. Largest-remainder method, ties broken by
    position, so the result is deterministic and each part stays within a cent or so of its
    exact value. ``caps`` keeps each part at or under a bound already rounded (a control's
    points never exceed its maximum after rounding).
    """
    scaled = [v * 100 for v in values]
    parts = [math.floor(s) for s in scaled]
    if caps is not None:
        parts = [min(f, c) for f, c in zip(parts, caps, strict=True)]
    remainder = (to_cents(math.fsum(values)) if target is None else target) - sum(parts)
    order = sorted(range(len(values)), key=lambda i: (-(scaled[i] - parts[i]), i))
    while remainder > 0:
        grown = False
        for i in order:
            if remainder <= 0:
                break
            if caps is None or parts[i] < caps[i]:
                parts[i] += 1
                remainder -= 1
                grown = True
        if not grown:
            break
    return parts


def apportion_groups(groups: Sequence[Sequence[float]],
                     caps: Sequence[Sequence[int]] | None = None) -> list[list[int]]:
    """Round group totals first, then the parts within each group to their group's total.

    Why: a domain worth 25 points must read 25.00, not 25.02, and its controls must add
    up to it exactly, as must the domains to the overall score.
    """
    totals = [math.fsum(g) for g in groups]
    group_caps = [sum(c) for c in caps] if caps is not None else None
    group_cents = apportion(totals, caps=group_caps)
    return [apportion(g, caps=caps[i] if caps is not None else None, target=group_cents[i])
            for i, g in enumerate(groups)]


def cents(value: int) -> float:
    """Cents back to a two-decimal float."""
    return value / 100
