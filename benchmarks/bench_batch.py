"""Batch scoring speed and memory, each ratio printed beside its target.

    python benchmarks/bench_batch.py            # default sizes, a few minutes on 2 cores
    python benchmarks/bench_batch.py --quick    # small sizes, a smoke run

Every figure is measured in this one run on the same generated files, so the ratios hold
even though absolute times move with the machine. What is measured:

- ``batch --jobs 1`` over N files against a bare ``yaml.load(CSafeLoader)`` loop over the
  same files (parsing is the floor);
- ``--jobs 2`` against ``--jobs 1``;
- peak memory (RSS) of any process of ``batch`` over the large set;
- the share of batch time spent rendering the output;
- start-up of ``--version`` and ``--help`` against bare Python and ``import typer``;
- the peer a user would otherwise run: ``check-jsonschema`` validating the same files
  against trustscore's own JSON Schema (skipped if it is not installed:
  ``pip install check-jsonschema``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from trustscore.loading.load import load_rubric
from trustscore.models.rubric import AnswerType, Control

AS_OF = "2026-11-01"
KINDS_BY_TIER = ["self_declaration", "policy", "procedure", "metrics_export", "config_export",
                 "test_report", "certificate", "audit_report", "client_reference"]


# --------------------------------------------------------------------------- files


def _value(control: Control, rng: random.Random) -> Any:
    spec = control.answer
    if spec.type is AnswerType.YES_NO:
        return rng.choice(["yes", "no", "yes"])
    if spec.type is AnswerType.MATURITY:
        return rng.randint(0, 4)
    if spec.type is AnswerType.CHOICE:
        return rng.choice([o.value for o in spec.options or []])
    high = spec.maximum if spec.maximum is not None else (
        100 if spec.type is AnswerType.PERCENT else 200)
    return round(rng.uniform(0, high), rng.choice([0, 1, 2]))


def _evidence(rng: random.Random, n: int) -> list[dict[str, Any]]:
    items = []
    for _ in range(n):
        issued = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
        item: dict[str, Any] = {"kind": rng.choice(KINDS_BY_TIER),
                                "title": f"Evidence record {rng.randint(1000, 99999)}",
                                "issued": issued}
        if rng.random() < 0.5:
            item["reference"] = f"REF-{rng.randint(10000, 99999)}"
            item["issuer"] = rng.choice(["Example CB Ltd", "Example Assurance LLP"])
            item["expires"] = issued + dt.timedelta(days=rng.randint(200, 1100))
        if rng.random() < 0.3:
            item["url"] = f"https://evidence.example.com/{rng.randint(1, 10**6)}"
        items.append(item)
    return items


def variants(count: int, seed: int = 7) -> list[str]:
    """Distinct, valid self-assessments of the default rubric, as YAML text (~10-15 KB)."""
    rubric = load_rubric("it-services").rubric
    rng = random.Random(seed)
    texts = []
    for i in range(count):
        answers: dict[str, Any] = {}
        for control in rubric.controls():
            if rng.random() < 0.05:
                continue
            evidence = _evidence(rng, rng.choice([0, 0, 1, 1, 2]))
            value = _value(control, rng)
            answers[control.id] = {"value": value, "evidence": evidence} if evidence else value
        document = {
            "format_version": 1, "rubric": "it-services",
            "vendor": {"name": f"Vendor VARIANT-{i}", "country": rng.choice(["PK", "IN", "PH"]),
                       "website": "https://vendor.example.com", "headcount": rng.randint(5, 900),
                       "services": ["software development", "QA"]},
            "assessed_on": dt.date(2026, 10, 1),
            "scope": {"processes_client_personal_data": rng.random() < 0.6,
                      "hosts_client_systems": rng.random() < 0.4,
                      "handles_card_data": rng.random() < 0.1,
                      "client_regions": rng.sample(["EU", "UK", "US", "AU"], 2)},
            "answers": answers,
        }
        texts.append(yaml.dump(document, Dumper=yaml.CSafeDumper, sort_keys=False,
                               allow_unicode=True))
    return texts


def write_files(folder: Path, n: int, texts: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"vendor-{i:05d}.yaml"
        path.write_text(texts[i % len(texts)].replace("VARIANT-", f"{i:05d}-"),
                        encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- measuring


def tool(name: str) -> str | None:
    """A command installed beside this Python (its virtual environment), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def trustscore_command() -> list[str]:
    script = tool("trustscore")
    return [script] if script else [sys.executable, "-m", "trustscore"]


def timed(command: list[str]) -> tuple[float, int, int]:
    """Wall time, exit code and peak RSS (KiB) of a command and its descendants."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def bare_parse(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def median_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def render_share(paths: list[Path]) -> tuple[float, float]:
    """Seconds scoring and seconds rendering the output of an in-process batch."""
    from trustscore.engine.portfolio import assemble
    from trustscore.models.batch import BatchStream
    from trustscore.ranking import SortKey
    from trustscore.render.options import Format
    from trustscore.render.registry import render_text
    from trustscore.services.batch_runner import BatchOptions, Scored, run

    options = BatchOptions(rubric_ref=None, profile=None, as_of=dt.date.fromisoformat(AS_OF))
    start = time.perf_counter()
    rows = [o.row for o in run(paths, options, jobs=1) if isinstance(o, Scored)]
    scoring = time.perf_counter() - start
    start = time.perf_counter()
    orders = {row.rubric: ["A", "B", "C", "D", "F"] for row in rows[:1]}
    result = assemble(rows, [], [], SortKey.SCORE, orders, tool_version="bench", as_of=AS_OF,
                      profile="default")
    for fmt in (Format.TEXT, Format.CSV):
        render_text(BatchStream(iter(()), lambda: result), fmt)
    rendering = time.perf_counter() - start
    return scoring, rendering


def report(name: str, value: float, target: str, ok: bool) -> bool:
    print(f"  {name:58} {value:8.2f}   target {target:8}  {'ok' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="files for the time ratios")
    parser.add_argument("--memory-files", type=int, default=10_000,
                        help="files for the memory measurement")
    parser.add_argument("--peer-files", type=int, default=1000,
                        help="files for the check-jsonschema comparison (it is slow)")
    parser.add_argument("--quick", action="store_true", help="small sizes, a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.files, args.memory_files, args.peer_files = 300, 600, 30
    ts = trustscore_command()
    work = Path(tempfile.mkdtemp(prefix="trustscore-bench-"))
    results = []
    try:
        print(f"generating {args.memory_files} assessments in {work} ...")
        texts = variants(50)
        all_paths = write_files(work / "files", max(args.files, args.memory_files), texts)
        paths = all_paths[:args.files]
        sizes = [p.stat().st_size for p in paths[:50]]
        print(f"  {len(all_paths)} files, {statistics.mean(sizes) / 1024:.1f} KiB on average")
        subset = work / "subset"
        subset.mkdir()
        for path in paths:
            (subset / path.name).symlink_to(path)
        peer = work / "peer"
        peer.mkdir()
        for path in paths[:args.peer_files]:
            (peer / path.name).symlink_to(path)
        batch = [*ts, "batch", "--as-of", AS_OF, "--format", "csv", "--output",
                 str(work / "out.csv")]

        print(f"\nbatch speed on {args.files} files")
        parse = bare_parse(paths)
        one, code, rss_one = timed([*batch, "--jobs", "1", str(subset)])
        two, code2, _ = timed([*batch, "--jobs", "2", str(subset)])
        assert code == 0 and code2 == 0, "batch failed"
        print(f"  bare CSafeLoader loop {parse:.2f} s; batch --jobs 1 {one:.2f} s; "
              f"--jobs 2 {two:.2f} s")
        results.append(report("batch --jobs 1 / bare CSafeLoader loop", one / parse,
                              "<= 1.30", one / parse <= 1.3))
        results.append(report("speed-up of --jobs 2 over --jobs 1", one / two, ">= 1.70",
                              one / two >= 1.7))

        print(f"\nmemory on {args.memory_files} files")
        _, code, rss_mem = timed([*batch, "--jobs", "1", str(work / "files")])
        _, code2, rss_mem2 = timed([*batch, "--jobs", "2", str(work / "files")])
        assert code == 0 and code2 == 0, "batch failed"
        print(f"  peak RSS at {args.files} files: {rss_one / 1024:.1f} MiB")
        results.append(report("peak RSS (MiB), --jobs 1", rss_mem / 1024, "<= 64",
                              rss_mem / 1024 <= 64))
        results.append(report("peak RSS of any process (MiB), --jobs 2", rss_mem2 / 1024,
                              "<= 64", rss_mem2 / 1024 <= 64))

        print("\noutput")
        scoring, rendering = render_share(paths)
        share = rendering / (scoring + rendering) * 100
        results.append(report("rendering text and CSV, % of batch time", share, "<= 5",
                              share <= 5))

        print("\nstart-up (median of 15)")
        bare = median_time([sys.executable, "-c", "pass"], 15)
        typer_import = median_time([sys.executable, "-c", "import typer"], 15)
        version = median_time([*ts, "--version"], 15)
        help_ = median_time([*ts, "--help"], 15)
        print(f"  python -c pass {bare * 1000:.0f} ms; import typer {typer_import * 1000:.0f} "
              f"ms; --version {version * 1000:.0f} ms; --help {help_ * 1000:.0f} ms")
        results.append(report("--version / python -c pass", version / bare, "<= 2.00",
                              version / bare <= 2))
        results.append(report("--help / python -c 'import typer'", help_ / typer_import,
                              "<= 2.00", help_ / typer_import <= 2))

        checker = tool("check-jsonschema")
        print(f"\npeer on {args.peer_files} files")
        if checker is None:
            print("  check-jsonschema not installed: skipped (pip install check-jsonschema)")
        else:
            schema = work / "schema.json"
            schema.write_text(subprocess.run([*ts, "schema", "assessment"], check=True,
                                             capture_output=True, text=True).stdout,
                              encoding="utf-8")
            peer_files = sorted(str(p) for p in peer.iterdir())
            theirs, code, _ = timed([checker, "--schemafile", str(schema), *peer_files])
            ours, code2, _ = timed([*batch, "--jobs", "1", str(peer)])
            print(f"  check-jsonschema {theirs:.2f} s (exit {code}); batch --jobs 1 "
                  f"{ours:.2f} s")
            results.append(report("batch / check-jsonschema on the same files", ours / theirs,
                                  "<= 0.10", ours / theirs <= 0.1))
        summary = {"passed": sum(results), "measured": len(results)}
        print(f"\n{json.dumps(summary)}")
        return 0 if all(results) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
