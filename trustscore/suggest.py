"""'Did you mean' suggestions for unknown keys, ids and names.

Vendors fill in long files by hand; naming the nearest valid spelling turns an error into
a one-second fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(wrong: str, valid: Iterable[str]) -> str | None:
    """The valid name nearest to ``wrong`` (same letters in another case first), if any."""
    choices = list(valid)
    lowered = {c.lower(): c for c in choices}
    exact = lowered.get(str(wrong).lower())
    if exact is not None:
        return exact
    close = difflib.get_close_matches(str(wrong), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(wrong: str, valid: Iterable[str]) -> str:
    """A hint like ``did you mean 'SEC-01'?``, or ``""`` when nothing is close."""
    name = closest(wrong, valid)
    if name is None:
        return ""
    if name.lower() == str(wrong).lower():
        return f"did you mean '{name}'? (names are case-sensitive)"
    return f"did you mean '{name}'?"
