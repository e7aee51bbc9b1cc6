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
_JSON_UNESCAPED = re.compile(
    "[\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
    "\ufff9-\ufffb]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, format or invisible character escaped visibly."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINE
    return pattern.sub(_escape, text)


def json_terminal_safe(document: str) -> str:
    """Escape, as ``\\uXXXX``, what JSON leaves raw but a terminal would act on.

    JSON escapes C0 controls itself; DEL, C1 controls, bidi overrides, zero-width and
    separator characters it leaves as they are. They can only occur inside strings, so
    escaping them keeps the document valid and decodes to exactly the same data.
    """
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
