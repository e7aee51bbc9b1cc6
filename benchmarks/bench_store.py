"""The portfolio store at scale: what ``--record`` adds to a batch, and how fast
``history`` and ``due`` answer over a large store.

    python benchmarks/bench_store.py            # 10,000 files; a store of 100,000 records
    python benchmarks/bench_store.py --quick    # 1,000 files; 10,000 records

Measured in one run:

- ``batch --jobs 1`` over N files with ``--record`` against the same batch without it
  (target: at most 1.15, i.e. recording adds at most 15 %); each run records into a new
  store, so every record is written;
- ``history STORE VENDOR`` and ``due STORE`` as a user runs them (fresh processes, start-up
  included) over a store of M records (1,000 vendors, M / 1,000 records each), against the
  1-second target; and ``history STORE --format csv`` of every vendor, for scale. Every
  record holds its control lines (79 per record with the built-in rubric).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def seconds(args: list[str], runs: int, cwd: Path) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=cwd,
                              capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(proc.stderr[-2000:])
    return statistics.median(times)


def write_files(folder: Path, count: int) -> None:
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SAMPLES]
    for n in range(count):
        text = texts[n % len(texts)]
        (folder / f"v{n:05}.yaml").write_text(text + f"\n# copy {n}\n", encoding="utf-8")


def build_store(db: Path, records: int) -> None:
    """A store of ``records`` records over 1,000 vendors, written through the store's own
    recording (one quarter at a time, as batches would)."""
    from trustscore.ranking import SortKey
    from trustscore.services.batch import BatchRequest, BatchRun
    from trustscore.store.portfolio import PortfolioStore

    # recorded into a scratch store so the rows carry their control lines, as --record's do
    rows = BatchRun(BatchRequest([str(ROOT / "samples")], None, None, dt.date(2026, 11, 1),
                                 SortKey.SCORE, jobs=1, record=db.with_suffix(".seed.db"))
                    ).stream().finish().ranking
    vendors = 1000
    quarters = max(1, records // vendors)
    with PortfolioStore.open(db, db.name) as store:
        for q in range(quarters):
            day = dt.date(2000, 1, 1) + dt.timedelta(days=91 * q)
            batch = []
            for v in range(vendors):
                row = rows[v % len(rows)]
                batch.append(dataclasses.replace(
                    row, vendor=f"Vendor {v:04}", website=None, vendor_id=f"V{v:04}",
                    file=f"q{q}/v{v:04}.yaml", input_sha256=f"{q:08}{v:056}",
                    trust_score=round((row.trust_score + q * 7 + v) % 100, 2)))
            store.record(batch, as_of=day.isoformat(), tool_version="bench")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    files, records, runs = (1000, 10_000, 1) if args.quick else (10_000, 100_000, 3)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_files(work / "vendors", files)
        plain, recorded = [], []
        for n in range(runs):
            plain.append(seconds(["batch", "vendors", "--jobs", "1", "--as-of", "2026-11-01",
                                  "-o", "out.txt"], 1, work))
            recorded.append(seconds(["batch", "vendors", "--jobs", "1", "--as-of",
                                     "2026-11-01", "-o", "out.txt", "--record",
                                     f"run{n}.db"], 1, work))
        base, with_record = statistics.median(plain), statistics.median(recorded)
        build_store(work / "big.db", records)
        history_one = seconds(["history", "big.db", "id:v0500"], 3, work)
        due_all = seconds(["due", "big.db", "--as-of", "2026-01-01", "--within", "365"], 3,
                          work)
        history_all = seconds(["history", "big.db", "-f", "csv", "-o", "all.csv"], 1, work)
    print(f"{'measure':<62} {'value':>9} {'target':>8}")
    print(f"{f'batch --record ÷ batch, {files:,} files (--jobs 1)':<62} "
          f"{with_record / base:>9.3f} {'≤ 1.15':>8}")
    print(f"{f'  (batch {base:.2f} s, with --record {with_record:.2f} s)':<62}")
    print(f"{f'history STORE VENDOR, {records:,} records (s)':<62} {history_one:>9.3f} "
          f"{'< 1':>8}")
    print(f"{f'due STORE, {records:,} records (s)':<62} {due_all:>9.3f} {'< 1':>8}")
    print(f"{f'history STORE --format csv, every vendor, {records:,} records (s)':<62} "
          f"{history_all:>9.3f} {'-':>8}")
    ok = with_record / base <= 1.15 and history_one < 1 and due_all < 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
