"""How a path is named in messages and outputs (a leaf module: the store's readers and the
batch's discovery both use it, and ``history`` must start fast)."""

from __future__ import annotations


def shown(path: str) -> str:
    """A path as text that is valid UTF-8: undecodable bytes of a file name (``caf\\xe9``)
    are written as ``\\xe9`` rather than passed on as lone surrogates."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path
