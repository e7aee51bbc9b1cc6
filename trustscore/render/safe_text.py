"""Make text from input files safe to show: no escape sequences, no invisible tricks.

Vendor names, titles and notes come from strangers. A raw ESC byte can rewrite the
terminal, a bidi override can reverse what a buyer reads, and a zero-width character can
make two ids look the same. Every such character is shown visibly as ``\\x1b`` or
``\\u202e`` instead. (rich markup is never parsed from data: renderers build ``Text``.)
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 and C1 controls except newline
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
_UNSAFE_WITH_NEWLINE = re.compile(_UNSAFE.pattern[:-1] + "\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, format or invisible character escaped visibly."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINE
    return pattern.sub(_escape, text)
