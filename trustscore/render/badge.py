"""A small shields-style SVG badge: grade, trust score and the date it holds for."""

from __future__ import annotations

from trustscore.models.report import Report
from trustscore.render.escaping import html_text
from trustscore.render.options import RenderOptions

_COLOURS = {"A": "#1a7f37", "B": "#4c9a2a", "C": "#b08800", "D": "#cf6a00", "F": "#c62828"}
_CHAR_WIDTH = 6.6
"""Average width of an 11 px Verdana character, as shields.io estimates it."""


def badge_svg(report: Report, options: RenderOptions) -> str:
    """``trustscore | B · 67.02 · 2026-11-01`` as a self-contained SVG."""
    label = "trustscore"
    value = f"{report.grade} · {report.trust_score:.2f} · {report.provenance.as_of}"
    left = round(len(label) * _CHAR_WIDTH + 12)
    right = round(len(value) * _CHAR_WIDTH + 12)
    width = left + right
    colour = _COLOURS.get(report.grade[:1], "#476582")
    title = html_text(f"{label}: grade {report.grade}, trust score "
                      f"{report.trust_score:.2f} of 100, as of {report.provenance.as_of}")
    text = html_text(value)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{title}">\n<title>{title}</title>\n'
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        f'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>\n'
        f'<clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath>\n'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        f'<rect width="{width}" height="20" fill="url(#s)"/></g>\n'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,'
        f'sans-serif" font-size="11">'
        f'<text x="{left / 2}" y="14">{label}</text>'
        f'<text x="{left + right / 2}" y="14">{text}</text></g>\n</svg>\n')
