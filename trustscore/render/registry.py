"""The one door to every output: a registry of (result kind, format) -> renderer.

Why a registry: each command offers exactly the formats registered for its result, its
``--format`` choices are built from here, and a test renders every declared pair, so a
format cannot be half-added. Kept free of heavy imports (the CLI reads it to declare its
options): a renderer's module is imported only when its format is asked for, so a JSON
report never imports rich.

To add a format: write the renderer ``(result, RenderOptions) -> str | Iterable[str]`` in
the module named for its format, then add one entry to ``RENDERERS``.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, assert_never

from trustscore.render.options import Format, RenderOptions

if TYPE_CHECKING:
    from trustscore.models.batch import BatchStream
    from trustscore.models.caiq import CaiqExport, CaiqImport
    from trustscore.models.checklist import ReviewChecklist
    from trustscore.models.comparison import Comparison, Difference
    from trustscore.models.documents import (
        AssessmentTemplate,
        RubricCatalogue,
        RubricLint,
        SchemaDocument,
    )
    from trustscore.models.history import DueList, History
    from trustscore.models.oscal import OscalDocument
    from trustscore.models.plan import Plan
    from trustscore.models.report import Report
    from trustscore.models.rubric import Rubric
    from trustscore.models.soa import StatementOfApplicability
    from trustscore.models.validation import ValidationReport

    Result = (Report | BatchStream | Comparison | Difference | Plan | ValidationReport
              | Rubric | RubricCatalogue | RubricLint | AssessmentTemplate | SchemaDocument
              | ReviewChecklist | CaiqImport | CaiqExport | OscalDocument
              | StatementOfApplicability | History | DueList)


class Kind(enum.StrEnum):
    """The results a command can produce, one per result type."""

    REPORT = "report"
    BATCH = "batch"
    COMPARISON = "comparison"
    DIFFERENCE = "difference"
    PLAN = "plan"
    VALIDATION = "validation"
    RUBRIC = "rubric"
    CATALOGUE = "catalogue"
    LINT = "lint"
    TEMPLATE = "template"
    SCHEMA = "schema"
    CHECKLIST = "checklist"
    CAIQ_IMPORT = "caiq-import"
    CAIQ_EXPORT = "caiq-export"
    OSCAL = "oscal"
    SOA = "soa"
    HISTORY = "history"
    DUE = "due"


RENDERERS: dict[Kind, dict[Format, str]] = {
    Kind.REPORT: {Format.TEXT: "text:render_text", Format.JSON: "json:render_json",
                  Format.MARKDOWN: "markdown:render_markdown", Format.HTML: "html:report_html",
                  Format.SVG: "badge:badge_svg"},
    Kind.BATCH: {Format.TEXT: "batch:batch_text", Format.JSON: "batch:batch_json",
                 Format.CSV: "batch:batch_csv", Format.MARKDOWN: "batch:batch_markdown",
                 Format.HTML: "dashboard:batch_html"},
    Kind.COMPARISON: {Format.TEXT: "comparison:compare_text",
                      Format.JSON: "comparison:compare_json",
                      Format.MARKDOWN: "comparison:compare_markdown",
                      Format.HTML: "html:comparison_html"},
    Kind.DIFFERENCE: {Format.TEXT: "comparison:diff_text", Format.JSON: "comparison:diff_json",
                      Format.MARKDOWN: "comparison:diff_markdown"},
    Kind.PLAN: {Format.TEXT: "plan:plan_text", Format.JSON: "plan:plan_json",
                Format.MARKDOWN: "plan:plan_markdown"},
    Kind.VALIDATION: {Format.TEXT: "validation:validation_text",
                      Format.JSON: "validation:validation_json"},
    Kind.RUBRIC: {Format.TEXT: "rubric_view:rubric_text",
                  Format.MARKDOWN: "rubric_view:rubric_document_markdown"},
    Kind.CATALOGUE: {Format.TEXT: "rubric_view:rubric_list_text"},
    Kind.LINT: {Format.TEXT: "rubric_view:rubric_lint_text"},
    Kind.TEMPLATE: {Format.YAML: "template:render_template"},
    Kind.SCHEMA: {Format.JSON: "json:schema_json"},
    Kind.CHECKLIST: {Format.YAML: "review_template:checklist_yaml"},
    Kind.CAIQ_IMPORT: {Format.YAML: "caiq_import:caiq_import_yaml"},
    Kind.CAIQ_EXPORT: {Format.CSV: "caiq_export:caiq_csv", Format.XLSX: "caiq_export:caiq_xlsx"},
    Kind.OSCAL: {Format.JSON: "json:oscal_json"},
    Kind.SOA: {Format.MARKDOWN: "soa:soa_markdown", Format.CSV: "soa:soa_csv"},
    Kind.HISTORY: {Format.TEXT: "history:history_text", Format.JSON: "history:history_json",
                   Format.CSV: "history:history_csv", Format.MARKDOWN: "history:history_markdown",
                   Format.HTML: "history:history_html"},
    Kind.DUE: {Format.TEXT: "history:due_text", Format.JSON: "history:due_json",
               Format.CSV: "history:due_csv"},
}
"""Each kind's formats, in the order ``--help`` lists them: ``module:function`` under
:mod:`trustscore.render`."""


def formats(kind: Kind, *, without: Iterable[Format] = ()) -> list[Format]:
    """The formats ``kind`` can be rendered in (for a command's ``--format`` choices)."""
    left_out = set(without)
    return [f for f in RENDERERS[kind] if f not in left_out]


def kind_of(result: Result) -> Kind:
    """The kind of a result; mypy fails here when a result type has no kind.

    Each model is imported just before its check, most frequent first: a batch under a
    memory limit must not load every result model to write its ranking, and ``history``
    (light models, no pydantic) must not load pydantic to write its answer."""
    from trustscore.models.history import DueList, History

    if isinstance(result, History):
        return Kind.HISTORY
    if isinstance(result, DueList):
        return Kind.DUE
    from trustscore.models.batch import BatchStream

    if isinstance(result, BatchStream):
        return Kind.BATCH
    from trustscore.models.report import Report

    if isinstance(result, Report):
        return Kind.REPORT
    from trustscore.models.comparison import Comparison, Difference

    if isinstance(result, Comparison):
        return Kind.COMPARISON
    if isinstance(result, Difference):
        return Kind.DIFFERENCE
    from trustscore.models.plan import Plan

    if isinstance(result, Plan):
        return Kind.PLAN
    from trustscore.models.validation import ValidationReport

    if isinstance(result, ValidationReport):
        return Kind.VALIDATION
    from trustscore.models.rubric import Rubric

    if isinstance(result, Rubric):
        return Kind.RUBRIC
    from trustscore.models.documents import (
        AssessmentTemplate,
        RubricCatalogue,
        RubricLint,
        SchemaDocument,
    )

    if isinstance(result, RubricCatalogue):
        return Kind.CATALOGUE
    if isinstance(result, RubricLint):
        return Kind.LINT
    if isinstance(result, AssessmentTemplate):
        return Kind.TEMPLATE
    if isinstance(result, SchemaDocument):
        return Kind.SCHEMA
    from trustscore.models.checklist import ReviewChecklist

    if isinstance(result, ReviewChecklist):
        return Kind.CHECKLIST
    from trustscore.models.caiq import CaiqExport, CaiqImport

    if isinstance(result, CaiqImport):
        return Kind.CAIQ_IMPORT
    if isinstance(result, CaiqExport):
        return Kind.CAIQ_EXPORT
    from trustscore.models.oscal import OscalDocument

    if isinstance(result, OscalDocument):
        return Kind.OSCAL
    from trustscore.models.soa import StatementOfApplicability

    if isinstance(result, StatementOfApplicability):
        return Kind.SOA
    assert_never(result)


class UnsupportedFormat(ValueError):
    """A result was asked for in a format it has no renderer for."""


Rendered = str | bytes | Iterable[str]
"""A whole document, a binary document (a workbook), or a stream of text pieces."""


def renderer(kind: Kind, fmt: Format) -> Callable[[Any, RenderOptions], Rendered]:
    """The renderer registered for ``kind`` in ``fmt``, imported now."""
    target = RENDERERS[kind].get(fmt)
    if target is None:
        choices = ", ".join(RENDERERS[kind])
        raise UnsupportedFormat(f"a {kind.value} can be written as {choices}, not {fmt.value}")
    module, function = target.split(":")
    found: Callable[[Any, RenderOptions], Rendered] = getattr(
        importlib.import_module(f"trustscore.render.{module}"), function)
    return found


def render(result: Result, fmt: Format,
           options: RenderOptions | None = None) -> Iterator[str | bytes]:
    """``result`` in ``fmt`` as pieces to write in order (a whole document, a stream for a
    batch, or the bytes of a workbook); every text document ends with a newline."""
    output = renderer(kind_of(result), fmt)(result, options or RenderOptions())
    if isinstance(output, (str, bytes)):
        yield output
    else:
        yield from output


def render_text(result: Result, fmt: Format, options: RenderOptions | None = None) -> str:
    """``result`` in a text format as one string (for tests and small documents)."""
    pieces = list(render(result, fmt, options))
    if not all(isinstance(p, str) for p in pieces):
        raise UnsupportedFormat(f"{fmt.value} is not a text format")
    return "".join(p for p in pieces if isinstance(p, str))
