"""Make text from input files safe to show in every output: one module, so no format
forgets a rule.

Vendor names, titles and notes come from strangers. A raw ESC byte can rewrite the
terminal, a bidi override can reverse what a buyer reads, and a zero-width character can
make two ids look the same. Every such character is shown visibly as ``\\x1b`` or
``\\u202e`` instead. (rich markup is never parsed from data: renderers build ``Text``.)
"""

from __future__ import annotations

import html
import re
import unicodedata

_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
)
"""Format, separator and blank-looking characters: soft hyphen, grapheme joiner, Hangul
fillers, zero-width and bidi controls, line and paragraph separators, TAG characters."""
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + _INVISIBLE + "]")  # not newline
_UNSAFE_WITH_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f" + _INVISIBLE + "]")
_JSON_UNESCAPED = re.compile("[\x7f-\x9f" + _INVISIBLE + "]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def safe_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control, format or invisible character escaped visibly."""
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_NEWLINE
    return pattern.sub(_escape, text)


def yaml_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar that reads back as exactly ``text``: quotes
    and backslashes escaped, and every control, separator or invisible character written
    as a YAML escape (``\\x1b``, ``\\u2028``), so it can neither end the scalar or the
    line nor act on a terminal showing the file."""
    inner = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _UNSAFE_WITH_NEWLINE.sub(_escape, inner) + '"'


def json_terminal_safe(document: str) -> str:
    """Escape, as ``\\uXXXX``, what JSON leaves raw but a terminal would act on.

    JSON escapes C0 controls itself; DEL, C1 controls, bidi overrides, zero-width and
    separator characters it leaves as they are. They can only occur inside strings, so
    escaping them keeps the document valid and decodes to exactly the same data.
    """
    return _JSON_UNESCAPED.sub(_json_escape, document)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes characters beyond the BMP as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
"""An ``&`` that would start a character reference (``&#x202E;``, ``&amp;``)."""
_SCHEME = re.compile(r"(?i)(?<=[a-z0-9])://")
_WWW = re.compile(r"(?i)\bwww\.")


def md(text: str) -> str:
    """Escape input text for inline Markdown (tables included).

    Escaping brackets rules out links and images, angle brackets rule out HTML, escaping
    the ``&`` of a character reference rules out entities (``&#x202E;`` would render as a
    real bidi override), ``#`` rules out headings, ``\\://``, ``www\\.`` and ``\\@``
    rule out autolinks, and pipes keep table rows intact; other punctuation stays.
    """
    text = _ENTITY.sub("&amp;", safe_text(text)).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\\://", text)
    text = _WWW.sub(lambda m: m.group()[:-1] + "\\.", text)
    return text.replace("@", "\\@")


def html_text(text: object) -> str:
    """Escape any text from an input file for HTML or SVG (invisible characters shown first)."""
    return html.escape(safe_text(str(text)), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run: input text starting like a formula is quoted.

    Spreadsheets skip leading spaces and read full-width signs (U+FF1D, U+FF0B) as ASCII
    forms, so the first character that counts is found after both.
    """
    value = safe_text(value)
    first = unicodedata.normalize("NFKC", value.lstrip(" \u3000\u00a0"))[:1]
    return "'" + value if first and first in _FORMULA_START else value
