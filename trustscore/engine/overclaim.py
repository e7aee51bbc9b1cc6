"""Too good to be true: patterns of a self-assessment that a careful buyer verifies first.

Each pattern raises a flag that marks the assessment as needing verification; none changes
points on its own (an honest, excellent firm can trip one), but the report's confidence
drops a level so the buyer knows to check before relying on the score.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from trustscore.models.assessment import AnswerValue
from trustscore.models.flags import FlagCode, FlagEffect, Severity
from trustscore.models.report import Flag
from trustscore.models.rubric import MAX_POINTS, OverclaimPolicy


def overclaim_flags(policy: OverclaimPolicy, answers: Mapping[str, AnswerValue],
                    levels: Mapping[str, float], verified: Sequence[str]) -> list[Flag]:
    """Flags for each over-claiming pattern found among the answered, in-scope controls."""
    flags = []
    top = sorted(cid for cid, level in levels.items() if level >= MAX_POINTS)
    if levels and len(top) / len(levels) >= policy.top_answer_share:
        backed = sum(1 for cid in top if cid in verified)
        if backed / len(top) < policy.verified_below:
            flags.append(Flag(
                code=FlagCode.TOO_GOOD_TO_BE_TRUE, severity=Severity.WARNING,
                message=f"{len(top)} of {len(levels)} answers claim the best level, but only "
                        f"{backed} of those are backed by system or independent evidence.",
                controls=top, effect=FlagEffect.NEEDS_VERIFICATION,
                hint="attach exports, certificates or reports for the strongest claims"))
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
