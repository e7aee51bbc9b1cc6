"""Over-claiming: what of a self-assessment a careful buyer verifies first.

The unbacked share (the part of the claimed score no checkable evidence backs) and figures
real measurements rarely show each raise a flag that marks the assessment as needing
verification; none changes points on its own, but the report's confidence drops a level
so the buyer knows to check before relying on the score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from trustscore.models.assessment import AnswerValue
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import Flag, Unbacked
from trustscore.models.rubric import OverclaimPolicy


def unbacked_flag(policy: OverclaimPolicy, unbacked: Unbacked,
                  bare: Sequence[str]) -> list[Flag]:
    """"Needs verification" when much of the claimed score, and much in points, rests on
    bare claims. A share, not a count of top answers: staying just under a threshold of
    best answers gains nothing, since every unproven point adds to it."""
    above = policy.unbacked_share_above
    if above is None or unbacked.share <= above or unbacked.points <= (
            policy.unbacked_points_above):
        return []
    return [Flag(
        code=FlagCode.CLAIMS_UNBACKED, severity=Severity.WARNING,
        message=f"{unbacked.share:.0%} of the claimed score ({unbacked.points:g} points, "
                f"{unbacked.controls} answers) rests on claims no checkable evidence backs; "
                f"above {above:.0%} and {policy.unbacked_points_above:g} points, the "
                "assessment needs verification.",
        controls=list(bare), effect=FlagEffect.NEEDS_VERIFICATION,
        hint="attach exports, certificates or reports a buyer can check for the strongest "
             "claims")]


def overclaim_flags(policy: OverclaimPolicy,
                    answers: Mapping[str, AnswerValue]) -> list[Flag]:
    """Flags for figures that real measurements rarely show: perfect or round numbers."""
    flags = []
    perfect = sorted(cid for cid, value in policy.perfect_values.items()
                     if _number(answers.get(cid)) == value)
    if len(perfect) >= policy.perfect_min:
        flags.append(Flag(
            code=FlagCode.PERFECT_NUMBERS, severity=Severity.WARNING,
            message=f"{len(perfect)} measurements are perfect ({', '.join(perfect)}); real "
                    "metrics rarely are.",
            controls=perfect, effect=FlagEffect.NEEDS_VERIFICATION,
            hint="attach the metrics exports these figures come from"))
    measured = {cid: _number(answers.get(cid)) for cid in policy.measured_controls}
    numbers = {cid: v for cid, v in measured.items() if v is not None}
    if len(numbers) >= policy.round_min_answers:
        rounded = sorted(cid for cid, v in numbers.items()
                         if math.isclose(v % policy.round_multiple, 0, abs_tol=1e-9))
        if len(rounded) / len(numbers) >= policy.round_share:
            flags.append(Flag(
                code=FlagCode.ROUND_NUMBERS, severity=Severity.INFO,
                message=f"{len(rounded)} of {len(numbers)} measured figures are multiples of "
                        f"{policy.round_multiple:g}; exported metrics rarely are.",
                controls=rounded, effect=FlagEffect.NEEDS_VERIFICATION,
                hint="report the measured values, not estimates"))
    return flags


def _number(value: AnswerValue | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
