"""'Did you mean' suggestions for unknown keys, ids and names.

Vendors fill in long files by hand; naming the nearest valid spelling turns an error into
a one-second fix. A name that only *looks* right (a Cyrillic a, U+0430, for a Latin a; a
zero-width space, an invisible line separator) is called out as such, because no amount
of staring at it would show the difference.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

_CONFUSABLES = str.maketrans({
    # Cyrillic letters that render like Latin ones
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
    "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u0501": "d", "\u04bb": "h",
    "\u04cf": "l", "\u0410": "A", "\u0412": "B", "\u0415": "E", "\u041a": "K", "\u041c": "M",
    "\u041d": "H", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0422": "T", "\u0425": "X",
    "\u0406": "I", "\u0408": "J", "\u0405": "S",
    # Greek
    "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0396": "Z", "\u0397": "H", "\u0399": "I",
    "\u039a": "K", "\u039c": "M", "\u039d": "N", "\u039f": "O", "\u03a1": "P", "\u03a4": "T",
    "\u03a5": "Y", "\u03a7": "X", "\u03bf": "o", "\u03bd": "v",
    # dashes and minus signs that look like '-'
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\ufe63": "-",
})
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cc"})


def skeleton(text: str) -> str:
    """``text`` with compatibility forms folded, invisible characters removed and
    look-alike letters mapped to the Latin letter they imitate."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in folded if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)
    return visible.translate(_CONFUSABLES)


def odd_characters(text: str) -> list[str]:
    """Non-ASCII or invisible characters of ``text``, named: ``U+200B ZERO WIDTH SPACE``."""
    found = []
    for char in dict.fromkeys(text):
        if ord(char) > 0x7E or unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            found.append(f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}")
    return found


def lookalike(wrong: str, valid: Iterable[str]) -> str | None:
    """The valid name that ``wrong`` imitates with look-alike or invisible characters."""
    wrong = str(wrong)
    shape = skeleton(wrong)
    if shape == wrong:
        return None
    for name in valid:
        if name != wrong and skeleton(name) == shape:
            return name
    return None


def closest(wrong: str, valid: Iterable[str]) -> str | None:
    """The valid name nearest to ``wrong`` (same letters in another case first), if any."""
    choices = list(valid)
    imitated = lookalike(wrong, choices)
    if imitated is not None:
        return imitated
    lowered = {c.lower(): c for c in choices}
    exact = lowered.get(str(wrong).lower())
    if exact is not None:
        return exact
    close = difflib.get_close_matches(str(wrong), choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    # short ids ('Y2' for 'Y1') are too short for a similarity ratio: one edit away will do
    return next((c for c in choices if _one_edit_apart(str(wrong), c)), None)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether one substitution, insertion or deletion turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1 or a == b or min(len(a), len(b)) < 2:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def did_you_mean(wrong: str, valid: Iterable[str]) -> str:
    """A hint like ``did you mean 'SEC-01'?``, or ``""`` when nothing is close."""
    choices = list(valid)
    imitated = lookalike(wrong, choices)
    if imitated is not None:
        chars = ", ".join(odd_characters(str(wrong)))
        return (f"it looks like '{imitated}' but contains {chars}: delete it and type "
                "the name again")
    name = closest(wrong, choices)
    if name is None:
        return ""
    if name.lower() == str(wrong).lower():
        return f"did you mean '{name}'? (names are case-sensitive)"
    return f"did you mean '{name}'?"
