"""Who a vendor is across versions of its file: the key a portfolio store records it by.

Why a rule: a consultant re-scores the same firm every quarter from a new file, often
renamed, sometimes with a new website. The key is ``vendor.id`` when the assessment gives
one (the firm's own stable id), else its website's domain, else its name, in that order;
the other two are kept as aliases, so a vendor whose key changes (it gains an id, moves
its website) is recognised by an alias and reported, not taken for a new vendor.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def _domain(website: str) -> str:
    try:
        host = (urlsplit(website).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _name(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(text.split())


def vendor_aliases(vendor_id: str | None, website: str | None, name: str) -> list[str]:
    """Every key the vendor can be known by, the strongest first: ``id:…``, ``web:…``,
    ``name:…``; the first is its key."""
    aliases = []
    if vendor_id:
        aliases.append(f"id:{vendor_id.casefold()}")
    domain = _domain(website) if website else ""
    if domain:
        aliases.append(f"web:{domain}")
    aliases.append(f"name:{_name(name)}")
    return aliases


def normal_alias(text: str) -> str:
    """An alias as a person writes it (``Web:ACME.example``, ``name: Lotus  Code``) in the
    form the store keeps."""
    kind, colon, value = text.partition(":")
    kind = kind.strip().lower()
    if not colon or kind not in ("id", "web", "name"):
        return text
    value = value.strip()
    if kind == "id":
        return f"id:{value.casefold()}"
    if kind == "web":
        return f"web:{_domain(value if '//' in value else 'https://' + value)}"
    return f"name:{_name(value)}"
