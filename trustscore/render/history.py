"""The portfolio store read back: ``history`` (text with sparklines, JSON, CSV, Markdown,
HTML with a line chart), ``due``, and the alerts of ``batch --alert``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from trustscore.models.history import (
    Alert,
    Alerts,
    ControlMove,
    DueList,
    History,
    HistoryPoint,
    PointChange,
    VendorHistory,
)
from trustscore.render.escaping import csv_cell, html_text, json_terminal_safe, md, safe_text
from trustscore.render.options import RenderOptions

_BLOCKS = "▁▂▃▄▅▆▇█"
CONTROLS_SHOWN = 8
"""Controls named per direction in a change's words (JSON lists every one)."""


def sparkline(scores: list[float]) -> str:
    """Scores 0-100 as block characters, one per record (the scale is fixed: 0 to 100, so
    two vendors' lines can be read against each other)."""
    return "".join(_BLOCKS[min(len(_BLOCKS) - 1, int(s / 100 * len(_BLOCKS)))] for s in scores)


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def change_words(c: PointChange) -> list[str]:
    """What moved between two records, a phrase each (shared by every format)."""
    words = [f"trust {_signed(c.trust_delta)}"]
    if c.before.grade != c.after.grade:
        words.append(f"grade {c.before.grade} -> {c.after.grade}")
    if c.domain_deltas:
        words.append("domains " + ", ".join(f"{d} {_signed(v)}" for d, v in c.domain_deltas))
    if c.knockouts_failed:
        words.append("knockouts newly failed: " + ", ".join(c.knockouts_failed))
    if c.knockouts_fixed:
        words.append("knockouts fixed: " + ", ".join(c.knockouts_fixed))
    if c.critical_flags_new:
        words.append("new critical flags: " + ", ".join(c.critical_flags_new))
    if c.critical_flags_gone:
        words.append("critical flags gone: " + ", ".join(c.critical_flags_gone))
    if not c.controls_recorded:
        words.append("controls not compared (a record from before store version 2 holds "
                     "no control lines)")
    for label, moved in (("controls regressed", c.controls_regressed),
                         ("controls improved", c.controls_improved)):
        if moved:
            shown = ", ".join(_move_words(m) for m in moved[:CONTROLS_SHOWN])
            more = len(moved) - CONTROLS_SHOWN
            words.append(f"{label}: {shown}" + (f" and {more} more" if more > 0 else ""))
    if c.lapsed:
        words.append("evidence lapsed: " + ", ".join(
            f"{i.control} {i.kind} '{i.title}' ({i.expires})" for i in c.lapsed))
    if c.method_changed:
        words.append(f"method changed: {c.before.method} -> {c.after.method} (part of the "
                     "move is the method, not the vendor)")
    return words


def _move_words(m: ControlMove) -> str:
    """One control's move: points, and the answer and evidence behind it when they changed."""
    why = []
    if m.old_answer != m.new_answer:
        why.append(f"{m.old_answer or 'unanswered'} -> {m.new_answer or 'unanswered'}")
    if m.old_tier != m.new_tier:
        why.append(f"evidence {m.old_tier or 'none'} -> {m.new_tier or 'none'}")
    if m.rules_added:
        why.append("capped by " + ", ".join(m.rules_added))
    if m.rules_removed:
        why.append("no longer capped by " + ", ".join(m.rules_removed))
    return f"{m.id} {_signed(m.change)}" + (f" ({'; '.join(why)})" if why else "")


def _move(m: ControlMove) -> dict[str, Any]:
    return {"control": m.id, "old_points": m.old_points, "new_points": m.new_points,
            "change": m.change, "old_answer": m.old_answer, "new_answer": m.new_answer,
            "old_tier": m.old_tier, "new_tier": m.new_tier, "rules_added": m.rules_added,
            "rules_removed": m.rules_removed}


def _point(p: HistoryPoint) -> dict[str, Any]:
    return {"file": p.file, "vendor_name": p.vendor_name, "as_of": p.as_of.isoformat(),
            "assessed_on": p.assessed_on.isoformat(), "rubric": p.rubric,
            "rubric_sha256": p.rubric_sha256, "tool_version": p.tool_version,
            "profile": p.profile, "tier": p.tier,
            "trust_score": p.trust_score, "claimed_score": p.claimed_score, "grade": p.grade,
            "confidence": p.confidence, "failed_knockouts": list(p.failed_knockouts),
            "critical_flags": list(p.critical_flag_codes), "reviewed": p.reviewed,
            "declared_score": p.declared_score, "domains": p.domains}


def _change(c: PointChange) -> dict[str, Any]:
    return {"from": c.before.as_of.isoformat(), "to": c.after.as_of.isoformat(),
            "trust_delta": c.trust_delta, "grade_from": c.before.grade,
            "grade_to": c.after.grade, "grade_dropped": c.grade_dropped,
            "domain_deltas": dict(c.domain_deltas), "knockouts_failed": c.knockouts_failed,
            "knockouts_fixed": c.knockouts_fixed, "critical_flags_new": c.critical_flags_new,
            "critical_flags_gone": c.critical_flags_gone,
            "lapsed": [{"control": i.control, "kind": i.kind, "title": i.title,
                        "expires": i.expires.isoformat()} for i in c.lapsed],
            "method_changed": c.method_changed, "controls_recorded": c.controls_recorded,
            "controls_regressed": [_move(m) for m in c.controls_regressed],
            "controls_improved": [_move(m) for m in c.controls_improved]}


def _dumps(value: object) -> str:
    return json_terminal_safe(json.dumps(value, indent=2, ensure_ascii=False)) + "\n"


# ---------------------------------------------------------------- history


def _vendor_text(v: VendorHistory) -> list[str]:
    scores = [p.trust_score for p in v.points]
    out = [f"{safe_text(v.name)} ({safe_text(v.key)})",
           f"  {sparkline(scores)}  {' -> '.join(f'{s:.2f}' for s in scores[-6:])}"
           + (" (last 6)" if len(scores) > 6 else "")]
    for p in v.points:
        out.append(f"  {p.as_of}  {p.trust_score:6.2f}  {p.grade:<2} {p.confidence:<6} "
                   f"assessed {p.assessed_on}  {safe_text(p.file)}  [{safe_text(p.method)}]"
                   + (f"  knockouts failed: {', '.join(p.failed_knockouts)}"
                      if p.failed_knockouts else ""))
    for c in v.changes:
        out.append(f"  {c.before.as_of} -> {c.after.as_of}: "
                   + safe_text("; ".join(change_words(c))))
    return out


def history_text(history: History, options: RenderOptions) -> str:
    """Each vendor: a sparkline of its trust score, its records, what moved between them."""
    profile = "every profile" if history.profile is None else (
        f"profile {safe_text(history.profile)}")
    out = [f"History from {safe_text(history.store)} ({profile}): "
           f"{len(history.vendors)} vendor(s)"]
    for v in history.vendors:
        out += ["", *_vendor_text(v)]
    return "\n".join(out) + "\n"


def history_json(history: History, options: RenderOptions) -> str:
    """The history as data: each vendor's records and changes."""
    return _dumps({"store": history.store, "profile": history.profile, "vendors": [
        {"key": v.key, "name": v.name, "records": [_point(p) for p in v.points],
         "changes": [_change(c) for c in v.changes]} for v in history.vendors]})


def history_csv(history: History, options: RenderOptions) -> str:
    """One row per record: vendor, date, scores, grade, method, and what moved since the
    vendor's record before."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["vendor_key", "vendor", "as_of", "assessed_on", "file", "trust_score",
                     "claimed_score", "grade", "confidence", "rubric", "tool_version",
                     "failed_knockouts", "changes"])
    for v in history.vendors:
        changes = [""] + ["; ".join(change_words(c)) for c in v.changes]
        for p, moved in zip(v.points, changes, strict=True):
            writer.writerow([csv_cell(v.key), csv_cell(p.vendor_name), p.as_of, p.assessed_on,
                             csv_cell(p.file), f"{p.trust_score:.2f}",
                             f"{p.claimed_score:.2f}", p.grade, p.confidence, p.rubric,
                             p.tool_version, ";".join(p.failed_knockouts), csv_cell(moved)])
    return out.getvalue()


def history_markdown(history: History, options: RenderOptions) -> str:
    """A section per vendor: a table of its records, then what moved."""
    out = [f"# History ({md(history.profile or 'every')} profile)", ""]
    for v in history.vendors:
        out += [f"## {md(v.name)}", "", f"`{sparkline([p.trust_score for p in v.points])}`  "
                f"key {md(v.key)}", "",
                "| As of | Assessed | Trust | Grade | Confidence | File | Method |",
                "|---|---|--:|---|---|---|---|"]
        out += [f"| {p.as_of} | {p.assessed_on} | {p.trust_score:.2f} | {p.grade} | "
                f"{p.confidence} | {md(p.file)} | {md(p.method)} |" for p in v.points]
        if v.changes:
            out += ["", *(f"- {c.before.as_of} → {c.after.as_of}: {md('; '.join(change_words(c)))}"
                          for c in v.changes)]
        out.append("")
    return "\n".join(out)


def _chart(v: VendorHistory) -> str:
    """An inline SVG line chart of the trust score, 0-100, one point per record."""
    width, height, pad = 480, 140, 24
    n = len(v.points)
    xs = [pad + (width - 2 * pad) * (i / (n - 1) if n > 1 else 0.5) for i in range(n)]
    ys = [height - pad - (height - 2 * pad) * p.trust_score / 100 for p in v.points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{p.as_of}: {p.trust_score:.2f} '
        f"{html_text(p.grade)}</title></circle>" for x, y, p in zip(xs, ys, v.points, strict=True))
    levels = [height - pad - (height - 2 * pad) * g / 100 for g in (0, 50, 100)]
    grid = "".join(f'<line x1="{pad}" x2="{width - pad}" y1="{y:.1f}" y2="{y:.1f}" '
                   'class="grid"/>' for y in levels)
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="trust score over time">{grid}'
            f'<polyline points="{line}" class="line"/>{dots}</svg>')


def history_html(history: History, options: RenderOptions) -> str:
    """One self-contained page: per vendor a line chart, its records and what moved."""
    parts = []
    for v in history.vendors:
        rows = "".join(f"<tr><td>{p.as_of}</td><td>{p.trust_score:.2f}</td>"
                       f"<td>{html_text(p.grade)}</td><td>{html_text(p.confidence)}</td>"
                       f"<td>{html_text(p.file)}</td><td>{html_text(p.method)}</td></tr>"
                       for p in v.points)
        moved = "".join(f"<li>{c.before.as_of} → {c.after.as_of}: "
                        f"{html_text('; '.join(change_words(c)))}</li>" for c in v.changes)
        parts.append(f"<section><h2>{html_text(v.name)} <small>{html_text(v.key)}</small>"
                     f"</h2>{_chart(v)}<table><tr><th>As of</th><th>Trust</th><th>Grade</th>"
                     f"<th>Confidence</th><th>File</th><th>Method</th></tr>{rows}</table>"
                     f"<ul>{moved}</ul></section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>History: {html_text(history.store)}</title><style>"
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
            "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd}"
            ".line{fill:none;stroke:#2a6fb0;stroke-width:2}.grid{stroke:#ccc}"
            "circle{fill:#2a6fb0}</style></head><body>"
            f"<h1>History ({html_text(history.profile or 'every')} profile)</h1>"
            + "".join(parts) + "</body></html>\n")


# ---------------------------------------------------------------- due


def due_text(due: DueList, options: RenderOptions) -> str:
    """What falls due by the window's end, the earliest first; overdue marked."""
    out = [f"Due by {due.until} (today {due.today}), from {safe_text(due.store)}: "
           f"{len(due.items)} item(s)"]
    out += [f"  {i.due}  {'OVERDUE ' if i.overdue else ''}{safe_text(i.vendor)} "
            f"({safe_text(i.key)}): {safe_text(i.what)}" for i in due.items]
    return "\n".join(out) + "\n"


def due_json(due: DueList, options: RenderOptions) -> str:
    """The due list as data."""
    return _dumps({"store": due.store, "today": due.today.isoformat(),
                   "until": due.until.isoformat(), "items": [
                       {"due": i.due.isoformat(), "vendor_key": i.key, "vendor": i.vendor,
                        "reason": i.reason.value, "what": i.what, "overdue": i.overdue}
                       for i in due.items]})


def due_csv(due: DueList, options: RenderOptions) -> str:
    """One row per item falling due."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["due", "overdue", "vendor_key", "vendor", "reason", "what"])
    for i in due.items:
        writer.writerow([i.due, "yes" if i.overdue else "no", csv_cell(i.key),
                         csv_cell(i.vendor), i.reason.value, csv_cell(i.what)])
    return out.getvalue()


# ---------------------------------------------------------------- alerts


def alert_data(alert: Alert) -> dict[str, Any]:
    """One alert as JSON-ready data (in ``batch --alert --format json``)."""
    return {"vendor_key": alert.key, "file": alert.change.after.file,
            "previous": _point(alert.change.before), "change": _change(alert.change)}


def alerts_text(alerts: Alerts) -> str:
    """``trustscore: alert: ...`` lines for standard error."""
    return "".join(f"trustscore: alert: {safe_text(a.change.after.vendor_name)} "
                   f"({safe_text(a.key)}, {safe_text(a.change.after.file)}) since "
                   f"{a.change.before.as_of}: {safe_text('; '.join(change_words(a.change)))}\n"
                   for a in alerts.alerts)
