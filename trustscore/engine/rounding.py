"""Rounding that keeps sums exact: contributions in the report add up to the total."""

from __future__ import annotations

import math
from collections.abc import Sequence


def to_cents(value: float) -> int:
    """Round half away from zero to hundredths, as a whole number of cents."""
    return math.floor(abs(value) * 100 + 0.5) * (1 if value >= 0 else -1)


def apportion(values: Sequence[float], caps: Sequence[int] | None = None) -> list[int]:
    """Round non-negative ``values`` to cents so that they sum to the rounded total.

    Largest-remainder method, ties broken by position, so the result is deterministic and
    every part is within one cent of its exact value. ``caps`` keeps each part at or under
    a bound already rounded (a control's points never exceed its maximum after rounding).
    """
    scaled = [v * 100 for v in values]
    floors = [math.floor(s) for s in scaled]
    if caps is not None:
        floors = [min(f, c) for f, c in zip(floors, caps, strict=True)]
    remainder = to_cents(math.fsum(values)) - sum(floors)
    order = sorted(range(len(values)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in order:
        if remainder <= 0:
            break
        if caps is None or floors[i] < caps[i]:
            floors[i] += 1
            remainder -= 1
    return floors


def cents(value: int) -> float:
    """Cents back to a two-decimal float."""
    return value / 100
