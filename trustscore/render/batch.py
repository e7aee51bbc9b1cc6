"""Portfolio output: the summary and ranking as text, CSV, Markdown, or streamed JSON.

Text shows the summary and the top and bottom of the ranking (``--all`` for every row):
a rich table row costs about 1.5 ms, which would dominate a large batch. CSV has every
row and every domain as a column, ready for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from trustscore.models.batch import (
    BatchResult,
    BatchStream,
    PortfolioSummary,
    RubricGroup,
    VendorRow,
)
from trustscore.render.escaping import csv_cell, json_terminal_safe, md, safe_text
from trustscore.render.history import alert_data
from trustscore.render.options import Format, RenderOptions
from trustscore.render.validation import problem_lines

if TYPE_CHECKING:
    from rich.console import RenderableType


def problems_shown_in(fmt: Format) -> bool:
    """Whether the batch output itself lists the files that could not be scored; CSV has
    no place for them (a row is a vendor), so the CLI sends them to standard error."""
    return fmt is not Format.CSV


EDGE_ROWS = 10
"""Rows shown from the top and from the bottom of the ranking in text output."""


def _summary_lines(result: BatchResult) -> list[str]:
    s = result.summary
    lines = [f"{s.scored} of {s.files} files scored"
             + (f", {s.errors} with errors" if s.errors else "")
             + (f", {s.skipped} skipped" if s.skipped else "")
             + f"; as of {result.as_of}, profile {result.profile}."]
    if result.mixed:
        lines.append(f"The vendors answered {len(result.groups)} rubrics: "
                     + ", ".join(f"{g.rubric} ({_vendors(len(g.ranking))})"
                                 for g in result.groups)
                     + ". Each is ranked and summarised on its own: scores of different "
                     "rubrics are not comparable.")
    return lines + _figures(s)


def _figures(s: PortfolioSummary) -> list[str]:
    lines = []
    if s.grades:
        lines.append("Grades: " + ", ".join(f"{g} {n}" for g, n in s.grades.items()))
    if s.scores is not None:
        sc = s.scores
        lines.append(f"Trust scores: median {sc.median:.2f}, mean {sc.mean:.2f}, "
                     f"middle half {sc.q1:.2f}-{sc.q3:.2f}, range "
                     f"{sc.minimum:.2f}-{sc.maximum:.2f}")
    if s.weakest_domain is not None:
        lines.append(f"Weakest domain: {s.weakest_domain.name} "
                     f"(median {s.weakest_domain.median:.2f})")
    if s.failed_knockouts:
        named = "; ".join(f"{k.vendor} ({', '.join(k.controls)})"
                          for k in s.failed_knockouts[:5])
        more = len(s.failed_knockouts) - 5
        lines.append(f"Failed knockouts: {_vendors(len(s.failed_knockouts))}: {named}"
                     + (f"; and {more} more" if more > 0 else ""))
    if s.needs_verification:
        lines.append(f"Needs verification: {_vendors(len(s.needs_verification))}")
    if s.gates_failed:
        lines.append(f"Gates failed: {_vendors(s.gates_failed)}")
    if s.reviewed:
        lines.append(f"Reviewed by the buyer: {_vendors(len(s.reviewed))} (their rows show "
                     "the reviewed figures; 'declared_score' in CSV and JSON is the vendor's "
                     "word)")
    return lines


def _group_heading(group: RubricGroup) -> str:
    return f"Rubric {group.rubric}: {_vendors(len(group.ranking))}"


def _vendors(count: int) -> str:
    return f"{count} vendor{'s' if count != 1 else ''}"


def _row_cells(position: int, row: VendorRow) -> list[str]:
    return [str(position), row.vendor, row.file, f"{row.trust_score:.2f}",
            f"{row.claimed_score:.2f}", row.grade, row.confidence.value,
            ", ".join(row.failed_knockouts), str(row.critical_flags)]


HEADERS = ["#", "Vendor", "File", "Trust", "Claimed", "Grade", "Confidence",
           "Failed knockouts", "Critical"]


def batch_text(batch: BatchStream, options: RenderOptions) -> str:
    """Summary, the top and bottom of the ranking (every row with ``all_rows``), then
    errors and skipped paths."""
    # imported here, as CSV and JSON batches never need rich, and before the files are
    # scored: under a memory limit the import must not be what fails once they are
    from rich.text import Text

    from trustscore.render.terminal import render_to_string

    _ranking_table([], show_all=False)  # loads rich's table and box while memory is free
    result = batch.finish()

    parts: list[RenderableType] = [Text(safe_text(line)) for line in _summary_lines(result)]
    for group in result.groups:
        if result.mixed:
            parts.append(Text("\n" + safe_text(_group_heading(group)), style="bold"))
            parts += [Text(safe_text(line)) for line in _figures(group.summary)]
        parts += _ranking_table(group.ranking, options.all_rows)
    text = render_to_string(parts, options)
    return text + _problems_text(result)


def _ranking_table(ranking: list[VendorRow], show_all: bool) -> list[RenderableType]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    positions = list(enumerate(ranking, start=1))
    hidden = 0
    if not show_all and len(positions) > 2 * EDGE_ROWS:
        hidden = len(positions) - 2 * EDGE_ROWS
        positions = positions[:EDGE_ROWS] + positions[-EDGE_ROWS:]
    if positions:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("Vendor / file", overflow="fold", ratio=1)
        for header in ("Trust", "Claimed", "Grade", "Confidence"):
            table.add_column(header, justify="right" if header in ("Trust", "Claimed")
                             else "left", no_wrap=True)
        table.add_column("KO", justify="right", no_wrap=True)
        table.add_column("Crit.", justify="right", no_wrap=True)
        for index, (position, row) in enumerate(positions):
            if hidden and index == EDGE_ROWS:
                table.add_section()
            vendor = Text(safe_text(row.vendor))
            vendor.append("\n" + safe_text(row.file), style="dim")
            table.add_row(str(position), vendor, f"{row.trust_score:.2f}",
                          f"{row.claimed_score:.2f}", row.grade, row.confidence.value,
                          str(len(row.failed_knockouts)), str(row.critical_flags))
        if hidden:
            parts.append(Text(f"Showing the top and bottom {EDGE_ROWS} of {len(ranking)}; "
                              f"{hidden} more in between (--all shows every row).",
                              style="dim"))
        parts.append(table)
    return parts


def _problems_text(result: BatchResult) -> str:
    lines = []
    if result.errors:
        lines.append(f"Errors ({len(result.errors)} files):")
        lines += problem_lines(p for e in result.errors for p in e.problems)
    if result.skipped:
        lines.append(f"Skipped ({len(result.skipped)}):")
        lines += [f"  {safe_text(s.path)}: {s.reason}" for s in result.skipped]
    return "\n".join(lines) + ("\n" if lines else "")


def batch_csv(batch: BatchStream, options: RenderOptions) -> Iterator[str]:
    """One row per vendor, every domain's score as a column; written a row at a time.

    The rank is within the vendor's rubric. When vendors answered several rubrics, each
    rubric's domains are columns of their own (``freelancer:continuity``): two rubrics may
    use one domain id for different controls, and a column must mean one thing.
    """
    result = batch.finish()
    columns: dict[tuple[str, str], str] = {}
    for group in result.groups:
        for row in group.ranking[:1]:
            prefix = group.rubric.split("@", 1)[0] + ":" if result.mixed else ""
            for domain_id in row.domain_ids:
                columns.setdefault((group.rubric, domain_id), prefix + domain_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    def line(cells: list[object]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(cells)
        return out.getvalue()

    yield line(["rank", "file", "vendor", "country", "rubric", "trust_score",
                "claimed_score", "gap", "grade", "confidence", "needs_verification",
                "unbacked_share", "failed_knockouts", "critical_flags", "warning_flags",
                "gates_failed", "declared_score", "tier",
                *columns.values()])
    for group in result.groups:
        for position, row in enumerate(group.ranking, start=1):
            scores = {(row.rubric, d): s for d, s in zip(row.domain_ids, row.domain_scores,
                                                         strict=True)}
            yield line([
                position, csv_cell(row.file), csv_cell(row.vendor), csv_cell(row.country),
                row.rubric,
                f"{row.trust_score:.2f}", f"{row.claimed_score:.2f}", f"{row.gap:.2f}",
                row.grade, row.confidence.value, "yes" if row.needs_verification else "no",
                f"{row.unbacked_share:.4f}", ";".join(row.failed_knockouts),
                row.critical_flags, row.warning_flags,
                csv_cell("; ".join(row.gates_failed)),
                "" if row.declared_score is None else f"{row.declared_score:.2f}",
                row.tier or "",
                *("" if scores.get(c) is None else f"{scores[c]:.2f}" for c in columns)])


def batch_markdown(batch: BatchStream, options: RenderOptions) -> Iterator[str]:
    """The summary and the full ranking as Markdown, a line at a time."""
    result = batch.finish()
    yield "# Portfolio\n\n"
    for line in _summary_lines(result):
        yield f"- {md(line)}\n"
    for group in result.groups:
        if result.mixed:
            yield f"\n## Ranking: rubric {md(group.rubric)}\n\n"
            for line in _figures(group.summary):
                yield f"- {md(line)}\n"
        else:
            yield "\n## Ranking\n"
        yield ("\n| " + " | ".join(HEADERS) + " |\n"
               "|--:|---|---|--:|--:|---|---|---|--:|\n")
        for position, row in enumerate(group.ranking, start=1):
            yield "| " + " | ".join(md(c) for c in _row_cells(position, row)) + " |\n"
    if result.summary.failed_knockouts:
        yield "\n## Failed knockouts\n\n"
        for k in result.summary.failed_knockouts:
            yield f"- {md(k.vendor)} (`{md(k.file)}`): {', '.join(k.controls)}\n"
    if result.errors:
        yield "\n## Errors\n\n"
        for error in result.errors:
            for p in error.problems:
                where = p.file if p.line <= 0 else f"{p.file}:{p.line}:{p.column}"
                yield f"- `{md(where)}`: {md(p.message)}\n"
    if result.skipped:
        yield "\n## Skipped\n\n"
        for s in result.skipped:
            yield f"- `{md(s.path)}`: {md(s.reason)}\n"


def batch_json(batch: BatchStream, options: RenderOptions) -> Iterator[str]:
    """The JSON document, streamed: the full reports come first, each as it is scored, so
    no report is held in memory; then the ranking, a row at a time."""
    yield '{\n"reports": ['
    for i, report_json in enumerate(batch.reports):
        yield ("\n" if i == 0 else ",\n") + report_json.rstrip("\n")
    yield from _json_rest(batch.finish())


def _json(value: object) -> str:
    return json_terminal_safe(json.dumps(value, ensure_ascii=False))


def _json_rest(result: BatchResult) -> Iterator[str]:
    """The rest of the JSON document after the reports, a ranking row at a time."""
    yield (f'\n],\n"schema_version": {result.schema_version},\n'
           f'"tool_version": {_json(result.tool_version)},\n"as_of": {_json(result.as_of)},\n'
           f'"profile": {_json(result.profile)},\n"sort": {_json(result.sort.value)},\n'
           '"ranking": [')
    for i, row in enumerate(result.ranking):
        yield ("\n" if i == 0 else ",\n") + _json(row.as_dict())
    errors = [e.model_dump(mode="json") for e in result.errors]
    skipped = [s.model_dump(mode="json") for s in result.skipped]
    groups = [{"rubric": g.rubric, "files": [r.file for r in g.ranking],
               "summary": g.summary.model_dump(mode="json")} for g in result.groups]
    alerts = ("" if result.alerts is None else
              f',\n"alerts": {_json([alert_data(a) for a in result.alerts.alerts])}')
    yield (f'\n],\n"errors": {_json(errors)},\n"skipped": {_json(skipped)},\n'
           f'"summary": {json_terminal_safe(result.summary.model_dump_json(indent=2))},\n'
           f'"groups": {_json(groups)}{alerts}\n}}\n')
