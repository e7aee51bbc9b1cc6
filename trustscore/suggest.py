"""'Did you mean' suggestions for unknown keys, ids and names.

Vendors fill in long files by hand; naming the nearest valid spelling turns an error into
a one-second fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(wrong: str, valid: Iterable[str]) -> str:
    """A hint like ``did you mean 'SEC-01'?``, or ``""`` when nothing is close."""
    choices = list(valid)
    lowered = {c.lower(): c for c in choices}
    exact = lowered.get(str(wrong).lower())
    if exact is not None:
        return f"did you mean '{exact}'? (names are case-sensitive)"
    close = difflib.get_close_matches(str(wrong), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return ""
