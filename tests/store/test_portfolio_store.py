"""The portfolio store: idempotent records, stable vendor identity, versioned schema,
whole records after a kill, a reader beside a writer, and bad stores refused (exit 2)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, SAMPLES, check, run_limited
from trustscore.errors import InputError
from trustscore.loading.load import load_rubric
from trustscore.store.portfolio import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, PortfolioStore

AS_OF = "2026-11-01"


def control_lines_complete(db: Path) -> int:
    """Records whose control lines are exactly their rubric's controls (each once)."""
    with sqlite3.connect(db) as c:
        found = c.execute("SELECT r.rubric, count(cr.control), count(DISTINCT cr.control) "
                          "FROM records r JOIN control_results cr ON cr.record_id = r.id "
                          "GROUP BY r.id").fetchall()
    return sum(1 for rubric, lines, distinct in found if lines == distinct == sum(
        1 for _ in load_rubric(rubric.split("@")[0]).rubric.controls()))


def batch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_limited("batch", *args, "--as-of", AS_OF, "-f", "json", cwd=cwd)


def records(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT v.key, r.file, r.grade, r.as_of FROM records r "
                         "JOIN vendors v ON v.id = r.vendor_id ORDER BY r.file").fetchall()


def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "q1"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, folder)
    return folder


def test_recording_twice_adds_nothing(tmp_path: Path) -> None:
    folder = samples(tmp_path)
    first = batch(str(folder), "--record", "p.db", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "recorded 8 assessment(s) in p.db (0 already there, 8 new vendor(s))" in first.stderr
    before = records(tmp_path / "p.db")
    again = batch(str(folder), "--record", "p.db", cwd=tmp_path)
    assert "recorded 0 assessment(s) in p.db (8 already there, 0 new vendor(s))" in again.stderr
    assert records(tmp_path / "p.db") == before and len(before) == 8
    assert control_lines_complete(tmp_path / "p.db") == 8
    later = run_limited("batch", str(folder), "--record", "p.db", "--as-of", "2027-02-01",
                        cwd=tmp_path)
    assert "recorded 8 assessment(s) in p.db (0 already there, 0 new vendor(s))" in later.stderr


def test_a_record_holds_what_the_report_says(tmp_path: Path) -> None:
    folder = samples(tmp_path)
    assert batch(str(folder), "--record", "p.db", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "p.db") as c:
        c.row_factory = sqlite3.Row
        row = c.execute("SELECT * FROM records WHERE file LIKE '%harbor%'").fetchone()
        domains = dict(c.execute("SELECT domain, score FROM domain_scores WHERE record_id = ?",
                                 (row["id"],)).fetchall())
    assert (row["trust_score"], row["grade"], row["profile"]) == (48.92, "D", "default")
    assert row["rubric"] == "it-services@3.2.0" and len(row["rubric_sha256"]) == 64
    assert row["assessed_on"] < row["as_of"] == AS_OF
    assert set(__import__("json").loads(row["failed_knockouts"])) == {"DAT-01", "GOV-04"}
    assert "knockout-failed" in row["flag_codes"]
    assert set(domains) >= {"security", "delivery"}


def _vendor_file(path: Path, **vendor: Any) -> Path:
    data = yaml.safe_load((SAMPLES / "lotus-honest-weak.yaml").read_text(encoding="utf-8"))
    data["vendor"].update(vendor)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_identity_follows_the_id_then_the_website_then_the_name(tmp_path: Path) -> None:
    q1, q2 = tmp_path / "q1", tmp_path / "q2"
    q1.mkdir()
    q2.mkdir()
    _vendor_file(q1 / "lotus.yaml", website="https://www.lotus.example")
    # next quarter: renamed file and firm, same website, and now a stable id
    _vendor_file(q2 / "lotus-2027.yaml", name="Lotus Code Works Ltd", id="LCW-001",
                 website="https://lotus.example/")
    assert batch(str(q1), "--record", "p.db", cwd=tmp_path).returncode == 0
    proc = batch(str(q2), "--record", "p.db", cwd=tmp_path)
    assert "warning: " in proc.stderr and "is now 'id:lcw-001'; recorded as the same vendor" \
        in proc.stderr
    assert {key for key, *_ in records(tmp_path / "p.db")} == {"web:lotus.example"}


def test_two_firms_that_share_a_name_stay_two(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    _vendor_file(folder / "a.yaml", id="A-1")
    _vendor_file(folder / "b.yaml", id="B-2")
    proc = batch(str(folder), "--record", "p.db", cwd=tmp_path)
    assert "2 new vendor(s)" in proc.stderr
    # kept apart, but a buyer is told: a new id is the cheapest way to shed a history
    assert "'id:b-2' shares 'name:lotus code works' with the known vendor 'id:a-1' but " \
        "gives another id; recorded as a new vendor" in proc.stderr


def test_a_store_of_the_first_schema_version_is_opened_and_kept(tmp_path: Path) -> None:
    # the first version as it was released: MIGRATIONS[0], never edited afterwards
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as c:
        c.executescript(MIGRATIONS[0])
        c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        c.execute("PRAGMA user_version = 1")
    with PortfolioStore.open(db, "v1.db") as store:
        assert store.count("records") == 0
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_records_of_the_first_version_are_kept_and_followed(tmp_path: Path) -> None:
    # a version-1 store with one quarter recorded, then a batch of this version on top:
    # the old records stay, the new ones carry control lines, history says what it lacks
    folder = samples(tmp_path)
    db = tmp_path / "v1.db"
    with sqlite3.connect(db) as c:
        c.executescript(MIGRATIONS[0])
        c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        c.execute("PRAGMA user_version = 1")
    assert batch(str(folder), "--record", "v1.db", cwd=tmp_path).returncode == 0
    with sqlite3.connect(db) as c:  # as version 1 would have left it
        c.execute("DELETE FROM control_results")
        c.execute("DROP TABLE control_results")
        c.execute("PRAGMA user_version = 1")
    later = run_limited("batch", str(folder), "--record", "v1.db", "--as-of", "2027-02-01",
                        cwd=tmp_path)
    assert later.returncode == 0, later.stderr
    with PortfolioStore.open(db, "v1.db") as store:
        assert store.count("records") == 16
    assert control_lines_complete(db) == 8  # the new ones; the old ones hold none
    proc = run_limited("history", "v1.db", "harbor", "-f", "json", cwd=tmp_path)
    (step,) = json.loads(proc.stdout)["vendors"][0]["changes"]
    assert step["controls_recorded"] is False and step["controls_regressed"] == []


def test_a_new_store_is_migrated_from_nothing_in_one_step(tmp_path: Path) -> None:
    with PortfolioStore.open(tmp_path / "new.db", "new.db"):
        pass
    with sqlite3.connect(tmp_path / "new.db") as c:
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"meta", "vendors", "vendor_aliases", "records", "domain_scores",
                      "evidence", "control_results"}


def _other_app(path: Path) -> None:
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE photos (id INTEGER)")


def _newer(path: Path) -> None:
    with PortfolioStore.open(path, "x"):
        pass
    with sqlite3.connect(path) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _damaged(path: Path) -> None:
    with PortfolioStore.open(path, "x"):
        pass
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, after the 100-byte header
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_text("vendor: not a database\n"),
     "is not a trustscore portfolio store (not an SQLite database)"),
    (_other_app, "is an SQLite database of another program, not a trustscore portfolio "
                 "store"),
    (_newer, f"was written by a newer trustscore (store version {SCHEMA_VERSION + 1}; this "
             f"one reads up to {SCHEMA_VERSION})"),
    (_damaged, "is a damaged or unreadable portfolio store"),
    (lambda p: p.mkdir(), "is not a regular file"),
], ids=["text", "other-app", "newer", "damaged", "directory"])
def test_a_bad_store_is_refused_before_scoring(tmp_path: Path, make: Any, message: str) -> None:
    make(tmp_path / "p.db")
    before = sorted(p.name for p in tmp_path.iterdir())
    check(batch(str(SAMPLES / "lotus-honest-weak.yaml"), "--record", "p.db", cwd=tmp_path),
          "p.db", 2, message, None)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_reader_queries_while_a_batch_writes(tmp_path: Path) -> None:
    folder = samples(tmp_path)
    db = tmp_path / "p.db"
    assert batch(str(folder), "--record", str(db), cwd=tmp_path).returncode == 0
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM domain_scores")
    reader = sqlite3.connect(db, timeout=0.1)
    assert reader.execute("SELECT count(*) FROM domain_scores").fetchone()[0] > 0
    writer.execute("ROLLBACK")
    reader.close()
    writer.close()


def test_a_batch_killed_while_recording_leaves_whole_records(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (SAMPLES / "meridian-midsize-gaps.yaml").read_text(encoding="utf-8")
    for n in range(200):
        (folder / f"v{n:03}.yaml").write_text(text.replace(
            "name: Meridian Softworks", f"name: Meridian {n}") + f"\n# {n}\n", encoding="utf-8")
    db = tmp_path / "p.db"
    counts = set()
    for delay in (0.5, 2.0, 30.0):
        proc = subprocess.Popen([sys.executable, "-m", "trustscore", "batch", str(folder),
                                 "--record", str(db), "--as-of", AS_OF, "--jobs", "1",
                                 "-o", str(tmp_path / "out.txt")], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        if not db.exists():
            continue
        with sqlite3.connect(db) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n_records = c.execute("SELECT count(*) FROM records").fetchone()[0]
            orphans = c.execute("SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 "
                                "FROM domain_scores d WHERE d.record_id = r.id)").fetchone()[0]
        assert n_records in (0, 200) and orphans == 0
        counts.add(n_records)
        if n_records == 200:
            break
    assert 200 in counts


KILLED_IN_THE_TRANSACTION = """
import sys, time, datetime as dt
from pathlib import Path
from trustscore.ranking import SortKey
from trustscore.services.batch import BatchRequest, BatchRun
from trustscore.store.portfolio import PortfolioStore

run = BatchRun(BatchRequest([sys.argv[1]], None, None, dt.date(2026, 11, 1), SortKey.SCORE,
                            jobs=1))
rows = run.stream().finish().ranking

def slowly():
    for n, row in enumerate(rows):
        if n == 4:
            Path(sys.argv[3]).write_text("inside")
            time.sleep(60)
        yield row

with PortfolioStore.open(Path(sys.argv[2]), "p.db") as store:
    store.record(slowly(), as_of="2026-11-01", tool_version="t")
"""


def test_a_kill_inside_the_recording_transaction_leaves_the_store_as_it_was(
        tmp_path: Path) -> None:
    db, marker = tmp_path / "p.db", tmp_path / "inside"
    folder = samples(tmp_path)
    assert batch(str(folder / "lotus-honest-weak.yaml"), "--record", str(db),
                 cwd=tmp_path).returncode == 0
    proc = subprocess.Popen([sys.executable, "-c", KILLED_IN_THE_TRANSACTION, str(folder),
                             str(db), str(marker)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the recording never started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with PortfolioStore.open(db, "p.db") as store:
        assert store.count("records") == 1  # the earlier record, and none of the four
        assert store.count("vendors") == 1


def test_the_tables_are_documented() -> None:
    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for script in MIGRATIONS:
        for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n    \);", script, re.S):
            assert f"`{table}`" in doc, table
            for column in re.findall(r"^\s+(\w+) (?:INTEGER|TEXT|REAL)", body, re.M):
                assert f"`{column}`" in doc, (table, column)


def test_store_errors_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        PortfolioStore.open(tmp_path / "missing.db", "missing.db", create=False)
