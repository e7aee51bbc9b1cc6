"""batch: discovery, failures as values, ranking and summary math, exports, parallel runs."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import trustscore.services.batch_runner as runner_module
from conftest import GOLDEN, HOSTILE, ROOT, SAMPLES
from trustscore.cli.app import app
from trustscore.engine.portfolio import rank, summarise
from trustscore.loading.discover import discover
from trustscore.models.batch import FileError, VendorRow
from trustscore.models.report import Confidence
from trustscore.ranking import SortKey
from trustscore.services.batch_runner import BatchOptions, Scored, run

runner = CliRunner()
AS_OF = "2026-11-01"
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def portfolio(tmp_path: Path, copies: int = 1) -> Path:
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for i in range(copies):
        for sample in SAMPLE_FILES:
            shutil.copy(sample, folder / f"{i:03d}-{sample.name}")
    return folder


# --------------------------------------------------------------------------- discovery


def test_discovery_walks_folders_and_reports_what_it_skips(tmp_path: Path) -> None:
    top = tmp_path / "top"
    (top / "nested" / "deeper").mkdir(parents=True)
    (top / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (top / "nested" / "b.yml").write_text("x: 1\n", encoding="utf-8")
    (top / "nested" / "deeper" / "c.yaml").write_text("x: 1\n", encoding="utf-8")
    (top / "notes.txt").write_text("not yaml\n", encoding="utf-8")
    os.mkfifo(top / "pipe.yaml")
    (top / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    (top / "nested" / "loop").symlink_to(top)
    found = discover([str(top), str(top / "a.yaml")])           # a.yaml named twice
    assert [Path(p).relative_to(top).as_posix() for p in found.files] == [
        "a.yaml", "nested/b.yml", "nested/deeper/c.yaml"]
    reasons = {Path(s.path).name: s.reason for s in found.skipped}
    assert reasons["pipe.yaml"].startswith("not a regular file")
    assert reasons["dangling.yaml"] == "broken symlink"
    assert reasons["loop"].startswith("symlink loop")


def test_globs_and_missing_patterns(tmp_path: Path) -> None:
    folder = portfolio(tmp_path)
    found = discover([str(folder / "*-n*.yaml"), str(tmp_path / "nothing-*.yaml")])
    assert [Path(p).name for p in found.files] == ["000-northwind-certified.yaml"]
    assert found.skipped[0].reason == "no file matches"


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, out, err = invoke("batch", str(tmp_path / "empty"))
    assert code == 2 and out == ""
    assert "no self-assessment files found in:" in err


# --------------------------------------------------------------------------- ranking math


def row(file: str, trust: float, grade: str, rank_: int, confidence: Confidence,
        vendor: str | None = None, knockouts: list[str] | None = None,
        security: float | None = 50.0) -> VendorRow:
    return VendorRow(
        file=file, vendor=vendor or file.upper(), country="PK", rubric="r@1",
        trust_score=trust, claimed_score=trust + 10, gap=10, grade=grade, grade_rank=rank_,
        score_grade=grade, confidence=confidence, needs_verification=False, unbacked_share=0.0,
        failed_knockouts=tuple(knockouts or ()), critical_flags=len(knockouts or []),
        warning_flags=0, domain_ids=("security", "people"), domain_names=("Security", "People"),
        domain_scores=(security, 80.0), gates_failed=(), input_sha256="0")


ROWS = [row("b", 70.0, "B", 1, Confidence.LOW, "beta", security=40.0),
        row("a", 85.0, "A", 0, Confidence.MEDIUM, "Alpha", security=90.0),
        row("c", 70.0, "C", 2, Confidence.HIGH, "gamma", knockouts=["SEC-03"], security=None),
        row("d", 20.0, "F", 4, Confidence.HIGH, "Delta", security=10.0)]


@pytest.mark.parametrize(("key", "order"), [
    (SortKey.SCORE, ["a", "b", "c", "d"]),          # ties on 70 go by file name
    (SortKey.GRADE, ["a", "b", "c", "d"]),
    (SortKey.NAME, ["a", "b", "d", "c"]),           # case-insensitive: Alpha beta Delta gamma
    (SortKey.CONFIDENCE, ["c", "d", "a", "b"]),     # high (by score), medium, low
])
def test_ranking(key: SortKey, order: list[str]) -> None:
    assert [r.file for r in rank(ROWS, key)] == order


def test_summary_math() -> None:
    errors = [FileError(file="bad.yaml", problems=[])]
    s = summarise(ROWS, errors, skipped=2, grade_order=["A", "B", "C", "D", "F"])
    assert (s.files, s.scored, s.errors, s.skipped) == (5, 4, 1, 2)
    assert s.grades == {"A": 1, "B": 1, "C": 1, "D": 0, "F": 1}
    assert s.scores is not None
    assert s.scores.median == 70.0 and s.scores.mean == 61.25         # (85+70+70+20)/4
    assert (s.scores.minimum, s.scores.maximum) == (20.0, 85.0)
    assert (s.scores.q1, s.scores.q3) == (57.5, 73.75)                 # inclusive quartiles
    assert [k.file for k in s.failed_knockouts] == ["c"]
    # security: median of 40, 90, 10 (gamma has none) = 40; people: 80
    assert s.weakest_domain is not None
    assert (s.weakest_domain.id, s.weakest_domain.median) == ("security", 40.0)


def test_summary_of_nothing() -> None:
    s = summarise([], [], skipped=0, grade_order=["A", "F"])
    assert s.scores is None and s.weakest_domain is None and s.grades == {"A": 0, "F": 0}


# --------------------------------------------------------------------------- the command


def test_mixed_folder_scores_the_valid_files_and_reports_the_invalid(tmp_path: Path) -> None:
    folder = portfolio(tmp_path)
    shutil.copy(HOSTILE / "unknown-key.yaml", folder / "zz-broken.yaml")
    shutil.copy(HOSTILE / "binary-garbage.bin", folder / "zz-binary.yaml")
    code, out, _ = invoke("batch", str(folder), "--as-of", AS_OF)
    assert code == 2
    assert f"{len(SAMPLE_FILES)} of {len(SAMPLE_FILES) + 2} files scored, 2 with errors" in out
    assert f"{folder / 'zz-broken.yaml'}:7:1: error: unknown key 'assesed_on'" in out
    assert "zz-binary.yaml:1:1: error: file contains NUL bytes" in out
    assert "Northwind Systems" in out


@pytest.mark.parametrize(("args", "code"), [
    ([], 0),
    (["--fail-under", "10"], 0),
    (["--fail-under", "50"], 1),
    (["--min-grade", "D"], 1),                     # lotus is F
    (["--min-grade", "F"], 0),
])
def test_gates_apply_to_every_vendor(tmp_path: Path, args: list[str], code: int) -> None:
    assert invoke("batch", str(portfolio(tmp_path)), "--as-of", AS_OF, *args)[0] == code


def test_input_errors_win_over_failed_gates(tmp_path: Path) -> None:
    folder = portfolio(tmp_path)
    shutil.copy(HOSTILE / "unknown-key.yaml", folder / "bad.yaml")
    assert invoke("batch", str(folder), "--as-of", AS_OF, "--fail-under", "99")[0] == 2


def test_text_shows_top_and_bottom_unless_all(tmp_path: Path) -> None:
    folder = portfolio(tmp_path, copies=4)            # 28 firms and 4 freelancers
    _, out, _ = invoke("batch", str(folder), "--as-of", AS_OF)
    assert "Showing the top and bottom 10 of 28; 8 more in between (--all shows every" in out
    assert out.count("Sana Iqbal") == 4                # the freelancers' own ranking
    assert out.count("Lotus Code Works") == 4      # all four are in the bottom 10
    assert out.count("Northwind Systems") == 4
    _, out, _ = invoke("batch", str(folder), "--as-of", AS_OF, "--all")
    assert "Showing the top" not in out and out.count("QuickBuild Studio") == 4


EXTENSIONS = {"csv": "csv", "json": "json", "markdown": "md", "text": "txt", "html": "html"}


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_batch_golden(fmt: str, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)                       # relative file names, stable goldens
    code, out, _ = invoke("batch", "samples", "--as-of", AS_OF, "--format", fmt)
    assert code == 0
    golden = GOLDEN / "batch" / f"samples.{EXTENSIONS[fmt]}"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_json_holds_full_reports_in_input_order_and_the_summary(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = invoke("batch", "samples", "--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    assert data["reports"][0]["vendor"]["name"] == "Apex Global Solutions"
    assert len(data["reports"]) == len(SAMPLE_FILES)
    assert data["ranking"][0]["file"] == "samples/northwind-certified.yaml"
    groups = {g["rubric"]: g for g in data["groups"]}
    assert groups["it-services@3.2.0"]["summary"]["grades"] == {
        "A": 1, "B": 1, "C": 1, "D": 2, "F": 2}
    assert groups["freelancer@3.1.0"]["files"] == ["samples/sana-iqbal-freelancer.yaml"]
    assert data["summary"]["rubrics"] == ["it-services@3.2.0", "freelancer@3.1.0"]
    assert data["errors"] == []
    # the sample CAIQ sheets (samples/caiq/) are not assessments: listed, not dropped
    assert data["skipped"] == [{"path": "samples",
                                "reason": "2 files without a .yaml or .yml suffix not read"}]


def test_vendors_of_different_rubrics_are_never_ranked_or_pooled_together(
        tmp_path: Path) -> None:
    """A freelancer's 80 on 27 controls is not ranked against a firm's 70 on 78, their
    domains are not pooled into one "weakest domain", and CSV columns that share an id
    (both rubrics have 'continuity') stay apart."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("sana-iqbal-freelancer.yaml", "lotus-honest-weak.yaml",
                 "northwind-certified.yaml"):
        shutil.copy(SAMPLES / name, folder / name)
    _, out, _ = invoke("batch", str(folder), "--as-of", AS_OF, "--format", "json")
    data = json.loads(out)
    assert [g["rubric"] for g in data["groups"]] == ["it-services@3.2.0", "freelancer@3.1.0"]
    assert data["summary"]["weakest_domain"] is None and data["summary"]["scores"] is None
    firms = data["groups"][0]["summary"]
    assert firms["scored"] == 2 and firms["weakest_domain"]["id"] in {
        "security", "governance", "communication", "delivery", "continuity",
        "data_protection", "people"}
    assert data["groups"][1]["summary"]["weakest_domain"]["id"] in {
        "account_security", "data_handling", "contracts", "communication",
        "delivery_record", "continuity"}
    _, out, _ = invoke("batch", str(folder), "--as-of", AS_OF, "--format", "csv")
    header, *lines = list(csv.reader(io.StringIO(out)))
    assert "it-services:continuity" in header and "freelancer:continuity" in header
    assert "continuity" not in header
    by_file = {Path(line[1]).name: dict(zip(header, line, strict=True)) for line in lines}
    sana = by_file["sana-iqbal-freelancer.yaml"]
    assert sana["rank"] == "1" and sana["it-services:continuity"] == ""
    assert sana["freelancer:continuity"] != ""
    assert [by_file[n]["rank"] for n in ("northwind-certified.yaml",
                                         "lotus-honest-weak.yaml")] == ["1", "2"]
    _, text, _ = invoke("batch", str(folder), "--as-of", AS_OF)
    assert "The vendors answered 2 rubrics" in text
    assert "Rubric freelancer@3.1.0: 1 vendor" in text


def test_csv_has_a_column_per_domain_and_defuses_formulas(tmp_path: Path) -> None:
    folder = portfolio(tmp_path)
    evil = (SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8").replace(
        "name: Lotus Code Works", 'name: "=HYPERLINK(\\"http://evil.example\\")"')
    (folder / "zz-evil.yaml").write_text(evil, encoding="utf-8")
    _, out, _ = invoke("batch", str(folder), "--as-of", AS_OF, "--format", "csv")
    header, *lines = list(csv.reader(io.StringIO(out)))
    for domain in ("it-services:security", "it-services:governance",
                   "freelancer:delivery_record"):
        assert domain in header
    assert len(lines) == len(SAMPLE_FILES) + 1
    vendors = [line[header.index("vendor")] for line in lines]
    assert '\'=HYPERLINK("http://evil.example")' in vendors
    assert not any(v.startswith("=") for v in vendors)


def test_output_file_and_sort(tmp_path: Path) -> None:
    target = tmp_path / "ranking.csv"
    code, out, _ = invoke("batch", str(portfolio(tmp_path)), "--as-of", AS_OF, "-f", "csv",
                          "--sort", "name", "-o", str(target))
    assert code == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    firms = [r["vendor"] for r in rows if r["rubric"].startswith("it-services@")]
    assert firms == sorted(firms, key=str.casefold) and len(firms) == 7


# --------------------------------------------------------------------------- parallel


def options() -> BatchOptions:
    return BatchOptions(rubric_ref=None, profile=None, as_of=dt.date(2026, 11, 1))


def test_workers_give_the_same_results_in_the_same_order(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(portfolio(tmp_path, copies=3).iterdir())
    monkeypatch.setattr(runner_module, "PARALLEL_FROM", 4)
    monkeypatch.setattr(runner_module, "CHUNK", 5)
    alone = [o.row for o in run(files, options(), jobs=1) if isinstance(o, Scored)]
    pooled = [o.row for o in run(files, options(), jobs=2) if isinstance(o, Scored)]
    assert pooled == alone and len(alone) == len(files)
    # rows share their rubric's domain tuples however they arrived
    assert len({id(r.domain_ids) for r in pooled if r.rubric.startswith("it-services")}) == 1


def test_a_file_that_kills_its_worker_does_not_take_the_batch_down(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = portfolio(tmp_path, copies=2)
    (folder / "008-crash.yaml").write_text("x: 1\n", encoding="utf-8")
    files = sorted(folder.iterdir())
    real = runner_module.score_file

    def fragile(path: Path, opts: BatchOptions) -> object:
        if path.name == "008-crash.yaml":
            os._exit(1)                           # what a segfault in a worker looks like
        return real(path, opts)

    monkeypatch.setattr(runner_module, "score_file", fragile)   # inherited by forked workers
    monkeypatch.setattr(runner_module, "PARALLEL_FROM", 4)
    monkeypatch.setattr(runner_module, "CHUNK", 4)
    outcomes = list(run(files, options(), jobs=2))
    assert len(outcomes) == len(files)
    crashed = [o for o in outcomes if isinstance(o, FileError)]
    assert [c.file for c in crashed] == [str(folder / "008-crash.yaml")]
    assert "the process scoring this file died" in crashed[0].problems[0].message
    assert [o.row.file for o in outcomes if isinstance(o, Scored)] == [
        str(f) for f in files if f.name != "008-crash.yaml"]


def test_benchmark_generates_valid_assessments(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from bench_batch import variants, write_files
    finally:
        sys.path.pop(0)
    paths = write_files(tmp_path, 4, variants(4))
    code, out, _ = invoke("validate", *map(str, paths))
    assert code == 0, out
    assert all(8_000 < p.stat().st_size < 20_000 for p in paths)    # ~10 KB, like the baseline
