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


def cents(value: int) -> float:
    """Cents back to a two-decimal float."""
    return value / 100
