"""The render registry: every (result, format) pair it declares renders a real result, and
a format a result has no renderer for is refused with the ones it has."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import AS_OF, ROOT, SAMPLES
from trustscore.render.options import Format, RenderOptions
from trustscore.render.registry import (
    RENDERERS,
    Kind,
    UnsupportedFormat,
    formats,
    kind_of,
    render,
    render_text,
)

NORTHWIND = SAMPLES / "northwind-certified.yaml"
MERIDIAN = SAMPLES / "meridian-midsize-gaps.yaml"


def _report() -> object:
    from trustscore.services.scoring import score_file

    return score_file(NORTHWIND, None, None, AS_OF).report


def _batch() -> object:
    from trustscore.ranking import SortKey
    from trustscore.services.batch import BatchRequest, BatchRun

    run = BatchRun(BatchRequest([str(SAMPLES)], None, None, AS_OF, SortKey.SCORE, jobs=1,
                                full_reports=True))
    return run.stream()


def _comparison() -> object:
    from trustscore.services.comparing import compare_files

    return compare_files([NORTHWIND, MERIDIAN], None, None, AS_OF)


def _difference() -> object:
    from trustscore.services.comparing import diff_files

    return diff_files(MERIDIAN, NORTHWIND, None, None, AS_OF)


def _plan() -> object:
    from trustscore.services.planning import plan_file

    return plan_file(MERIDIAN, None, None, AS_OF, "A", None)


def _validation() -> object:
    from trustscore.services.checking import check_files

    return check_files([NORTHWIND, MERIDIAN], None)


def _rubric() -> object:
    from trustscore.services.rubrics import rubric

    return rubric("it-services")


def _catalogue() -> object:
    from trustscore.services.rubrics import catalogue

    return catalogue()


def _lint() -> object:
    from trustscore.services.rubrics import lint

    return lint([ROOT / "rubrics" / "freelancer.yaml", Path("missing.yaml")])


def _template() -> object:
    from trustscore.services.rubrics import template

    return template("freelancer", dt.date(2026, 11, 1))


def _schema() -> object:
    from trustscore.services.schema import SchemaKind, schema_document

    return schema_document(SchemaKind.REPORT, "it-services")


def _checklist() -> object:
    from trustscore.services.review import review_checklist

    return review_checklist(NORTHWIND, None, AS_OF)


def _caiq_import() -> object:
    from trustscore.models.caiq import VendorFacts
    from trustscore.services.importing import import_caiq

    return import_caiq(SAMPLES / "caiq" / "kestrel-caiq-v4.csv", "k.csv", None,
                       VendorFacts(assessed_on=AS_OF))


def _export(target: str) -> Callable[[], object]:
    def made() -> object:
        from trustscore.services.exporting import Target, export

        return export(NORTHWIND, Target(target), None, None, AS_OF)

    return made


def _store(tmp: Path) -> Path:
    from trustscore.ranking import SortKey
    from trustscore.services.batch import BatchRequest, BatchRun

    db = tmp / "p.db"
    if not db.exists():
        BatchRun(BatchRequest([str(SAMPLES)], None, None, AS_OF, SortKey.SCORE, jobs=1,
                              record=db)).stream().finish()
    return db


def _history() -> object:
    import tempfile

    from trustscore.services.history import history

    with tempfile.TemporaryDirectory() as tmp:
        return history(_store(Path(tmp)), None, "default")


def _due() -> object:
    import tempfile

    from trustscore.services.history import due_list

    with tempfile.TemporaryDirectory() as tmp:
        return due_list(_store(Path(tmp)), AS_OF, 3650, "default")


RESULTS: dict[Kind, Callable[[], object]] = {
    Kind.REPORT: _report, Kind.BATCH: _batch, Kind.COMPARISON: _comparison,
    Kind.DIFFERENCE: _difference, Kind.PLAN: _plan, Kind.VALIDATION: _validation,
    Kind.RUBRIC: _rubric, Kind.CATALOGUE: _catalogue, Kind.LINT: _lint,
    Kind.TEMPLATE: _template, Kind.SCHEMA: _schema, Kind.CHECKLIST: _checklist,
    Kind.CAIQ_IMPORT: _caiq_import, Kind.CAIQ_EXPORT: _export("caiq"),
    Kind.OSCAL: _export("oscal"), Kind.SOA: _export("soa"), Kind.HISTORY: _history,
    Kind.DUE: _due,
}
BINARY = {Format.XLSX}
PAIRS = [(kind, fmt) for kind, table in RENDERERS.items() for fmt in table]


def test_every_kind_has_renderers_and_a_result_here() -> None:
    assert set(RENDERERS) == set(Kind)
    assert set(RESULTS) == set(Kind), "add a real result of the new kind to RESULTS"
    assert all(RENDERERS[kind] for kind in Kind)


@pytest.mark.parametrize(("kind", "fmt"), PAIRS, ids=lambda v: str(v))
def test_every_declared_pair_renders_a_real_result(kind: Kind, fmt: Format) -> None:
    result = RESULTS[kind]()
    assert kind_of(result) is kind  # type: ignore[arg-type]
    if fmt in BINARY:
        (document,) = render(result, fmt)  # type: ignore[arg-type]
        assert isinstance(document, bytes) and document.startswith(b"PK\x03\x04")
        with pytest.raises(UnsupportedFormat):
            render_text(result, fmt)  # type: ignore[arg-type]
        return
    text = render_text(result, fmt, RenderOptions(all_rows=True, profiles=True))  # type: ignore[arg-type]
    assert text.endswith("\n") and len(text) > 20
    if fmt is Format.JSON:
        json.loads(text)
    if fmt is Format.HTML:
        assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    if fmt is Format.SVG:
        assert text.startswith("<svg") and text.rstrip().endswith("</svg>")
    if fmt is Format.CSV:
        assert text.splitlines()[0].startswith({
            Kind.BATCH: "rank,file,vendor", Kind.SOA: "control,title,theme",
            Kind.HISTORY: "vendor_key,vendor,as_of", Kind.DUE: "due,overdue,vendor_key",
            Kind.CAIQ_EXPORT: '"CAIQ v4 answers of'}[kind])


def test_a_batch_streams_its_reports_before_the_ranking() -> None:
    pieces = list(render(_batch(), Format.JSON))  # type: ignore[arg-type]
    assert len(pieces) > len(list(SAMPLES.glob("*.yaml")))
    document = json.loads("".join(pieces))
    assert len(document["reports"]) == len(document["ranking"]) == 8


@pytest.mark.parametrize("fmt", [Format.CSV, Format.SVG, Format.YAML])
def test_a_format_a_result_lacks_is_refused_with_the_ones_it_has(fmt: Format) -> None:
    with pytest.raises(UnsupportedFormat, match="text, json, markdown") as info:
        list(render(_comparison(), fmt))  # type: ignore[arg-type]
    assert fmt.value in str(info.value)


def test_formats_leave_out_what_a_command_does_not_offer() -> None:
    assert formats(Kind.REPORT, without=[Format.SVG]) == [
        Format.TEXT, Format.JSON, Format.MARKDOWN, Format.HTML]
    assert formats(Kind.BATCH) == [Format.TEXT, Format.JSON, Format.CSV, Format.MARKDOWN,
                                   Format.HTML]


def test_an_unknown_result_type_is_a_type_error_not_a_silent_default() -> None:
    with pytest.raises(AssertionError):
        kind_of(object())  # type: ignore[arg-type]
