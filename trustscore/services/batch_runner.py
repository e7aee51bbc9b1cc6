"""Score many self-assessments: in this process for small batches, in worker processes for
large ones, streaming small results back in input order.

Why processes: parsing YAML is the cost and it holds the GIL. Why small results: pickling a
validated model back costs as much as a third of a parse, so a worker sends a portfolio row
(and, for JSON output, the report already rendered as text). Why chunks in a window: memory
stays flat however many files there are. A file that crashes a worker is retried alone in a
fresh pool and, if it crashes again, becomes an error value; the rest of the batch goes on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import re
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from trustscore.engine.portfolio import row_of
from trustscore.engine.score import Fingerprints, build_report, evaluate, profile_weights
from trustscore.engine.tiers import choose_tier
from trustscore.errors import InputError, UsageError
from trustscore.loading.discover import shown
from trustscore.loading.load import (
    LoadedAssessment,
    LoadedRubric,
    load_rubric,
    read_assessment,
    rubric_ref_of,
    validate_assessment,
)
from trustscore.loading.review import review_beside
from trustscore.models.batch import FileError, VendorRow
from trustscore.models.identity import vendor_aliases
from trustscore.models.policy import Policy, Tier, TierChoice
from trustscore.models.report import Report
from trustscore.models.validation import ProblemRecord

PARALLEL_FROM = 64
"""Fewer files than this are scored in this process: a pool costs more than it saves."""
CHUNK = 16
"""Files per task sent to a worker."""


@dataclass(frozen=True)
class BatchOptions:
    """What every file of a batch is scored with."""

    rubric_ref: str | None
    profile: str | None
    as_of: dt.date
    fail_under: float | None = None
    min_grade: str | None = None
    full_reports: bool = False
    """Also render each file's full report as JSON (for ``--format json``)."""
    reviews: bool = False
    """Apply the buyer's review beside each file by name (``NAME.review.yaml``)."""
    policy: Policy | None = None
    """The buyer's portfolio policy: each vendor's tier sets its profile and its gate."""
    reports_dir: str | None = None
    """Write each vendor's HTML report into this folder (``--reports-dir``)."""
    controls: bool = False
    """Carry every control's line in the row, for the portfolio store (``--record``)."""


@dataclass(frozen=True)
class Scored:
    """One scored file: its row, and its full JSON report when asked for."""

    row: VendorRow
    report_json: str | None = None


Outcome = Scored | FileError

_rubrics: dict[str, LoadedRubric] = {}
"""Rubrics already loaded by this process (each worker keeps its own)."""


def rubric_for(ref: str) -> LoadedRubric:
    """A rubric loaded once per process: by the batch that checks its options, then by
    every file scored here against it."""
    loaded = _rubrics.get(ref)
    if loaded is None:
        loaded = _rubrics[ref] = load_rubric(ref)
    return loaded


def score_file(path: str | Path, options: BatchOptions) -> Outcome:
    """Score one file; every problem with it comes back as a value, never an exception."""
    label = shown(str(path))
    try:
        return _scored(Path(path), label, options)
    except InputError as exc:
        return FileError(file=label, problems=[ProblemRecord.of(p) for p in exc.problems])
    except UsageError as exc:
        return FileError(file=label, problems=[ProblemRecord(
            file=label, line=0, column=0, message=str(exc), hint="")])
    except MemoryError:
        pass
    # Built once the except block has ended (until then its traceback holds the parsed
    # file) and the memory is given back: pydantic-core aborts the whole process when it
    # cannot allocate, and what follows this file still needs to.
    _give_memory_back()
    return _too_big(label)


def _give_memory_back() -> None:
    """Free what a file too big for the limit left behind, and return it to the system.

    The file's objects can sit in reference cycles, and glibc keeps freed memory in its
    heap, where a later large allocation (one made by mmap) cannot use it.
    """
    import gc

    gc.collect()
    if _malloc_trim is not None:
        _malloc_trim(0)


_malloc_trim: Callable[[int], int] | None = None
"""glibc's ``malloc_trim``, found before the batch starts: by the time it is needed there
may be no memory left to load ctypes."""


def _find_malloc_trim() -> None:
    global _malloc_trim
    if _malloc_trim is None:
        try:
            import ctypes

            _malloc_trim = ctypes.CDLL(None).malloc_trim
        except (ImportError, AttributeError, OSError, MemoryError):
            pass  # not glibc, or no memory even for this: the collection must do


def _scored(path: Path, label: str, options: BatchOptions) -> Scored:
    doc = read_assessment(path, label)
    ref = options.rubric_ref or rubric_ref_of(doc)
    try:
        loaded = rubric_for(ref)
    except UsageError as exc:
        if options.rubric_ref is not None:
            raise
        raise InputError([doc.problem(("rubric",), str(exc))]) from None
    result = validate_assessment(doc, loaded.rubric, path)
    tier = _tier(result, path, options)
    if tier is not None:
        options = replace(options, profile=tier[1].profile or options.profile)
        if tier[1].profile is not None:
            try:
                profile_weights(loaded.rubric, tier[1].profile)
            except UsageError as exc:
                raise UsageError(f"its tier {tier[0].tier} is scored with profile "
                                 f"'{tier[1].profile}' (--policy): {exc}") from None
    beside = review_beside(path) if options.reviews else None
    if beside is not None and beside.is_file():
        return _reviewed(result, loaded, beside, label, options, tier)
    ev = evaluate(loaded.rubric, result.assessment, as_of=options.as_of,
                  profile=options.profile,
                  fingerprints=Fingerprints(loaded.sha256, result.sha256, result.files,
                                            loaded.custom))
    row = row_of(ev, label, options.fail_under, options.min_grade, tier=tier,
                 controls=options.controls)
    return _finished(row, lambda: build_report(ev), options)


def _finished(row: VendorRow, report: Callable[[], Report], options: BatchOptions) -> Scored:
    """The row, with the full JSON report and the HTML report file when they are asked for
    (the report is built once for both)."""
    if not options.full_reports and options.reports_dir is None:
        return Scored(row)
    from trustscore.render.json import render_json

    full = report()
    if options.reports_dir is not None:
        from trustscore.render.html import report_html
        from trustscore.render.options import RenderOptions

        target = Path(options.reports_dir) / report_name(row)
        _write_beside(target, report_html(full, RenderOptions()))
        row = replace(row, report=str(target))
    return Scored(row, render_json(full) if options.full_reports else None)


def report_name(row: VendorRow) -> str:
    """The HTML report's file name: the input's name, made plain, and its hash (two inputs
    of one name in different folders get different files; the same input the same one)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(row.file).stem)[:80] or "report"
    return f"{stem}-{row.input_sha256[:12]}.html"


def _write_beside(target: Path, text: str) -> None:
    """Write a report file whole or not at all, with the umask's mode; never through a
    device, FIFO or folder of that name."""
    if target.exists() and not target.is_file():
        raise UsageError(f"--reports-dir: {shown(str(target))} exists and is not a regular "
                         "file")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        mask = os.umask(0o022)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _tier(result: LoadedAssessment, path: Path, options: BatchOptions
          ) -> tuple[TierChoice, Tier] | None:
    """The vendor's tier under the policy, if there is one."""
    if options.policy is None:
        return None
    vendor = result.assessment.vendor
    choice = choose_tier(options.policy, vendor_aliases(vendor.id, vendor.website, vendor.name),
                         path.name, result.assessment.tier)
    return choice, options.policy.tier(choice.tier)


def _reviewed(result: LoadedAssessment, loaded: LoadedRubric, review_path: Path, label: str,
              options: BatchOptions, tier: tuple[TierChoice, Tier] | None) -> Scored:
    """A file scored with the buyer's review beside it: the row carries the reviewed
    figures and the vendor-declared score."""
    from trustscore.engine.review import evaluate_reviewed, reviewed_report
    from trustscore.loading.review import load_review

    bound = load_review(review_path, shown(str(review_path)), result, loaded.rubric)
    declared, reviewed = evaluate_reviewed(
        loaded.rubric, result.assessment, as_of=options.as_of, profile=options.profile,
        fingerprints=Fingerprints(loaded.sha256, result.sha256, result.files, loaded.custom,
                                  bound.label, bound.sha256), review=bound.review)
    row = row_of(reviewed, label, options.fail_under, options.min_grade, declared, tier,
                 controls=options.controls)
    return _finished(row, lambda: reviewed_report(declared, reviewed, bound.review), options)


def _too_big(label: str) -> FileError:
    """One file too heavy for the memory this process may use is that file's error: the
    rest of the batch is still scored."""
    return _error_without_validation(
        label, "not enough memory to score this file within the limit set for trustscore",
        "score it alone, or raise the memory limit (ulimit -v)")


def _error_without_validation(label: str, message: str, hint: str) -> FileError:
    """An error value built without pydantic-core, whose allocator aborts the process when
    it is short of memory: that is when these values are needed. Every field is ours."""
    return FileError.model_construct(file=label, problems=[ProblemRecord.model_construct(
        file=label, line=0, column=0, message=message, hint=hint)])


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def run(paths: Sequence[str | Path], options: BatchOptions,
        jobs: int) -> Generator[Outcome, None, None]:
    """Outcomes in the order of ``paths``, each row sharing its rubric's domain tuples."""
    _find_malloc_trim()
    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        outcomes: Generator[Outcome, None, None] = (score_file(path, options) for path in paths)
    else:
        chunks = [list(paths[i:i + CHUNK]) for i in range(0, len(paths), CHUNK)]
        outcomes = _in_workers(chunks, options, jobs)
    try:
        yield from _sharing_tuples(outcomes)
    finally:
        outcomes.close()  # closed with this generator: the workers end with the batch


def _sharing_tuples(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """Rows that share their rubric's domain tuples, however many processes made them."""
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for outcome in outcomes:
        if isinstance(outcome, Scored):
            row = outcome.row
            # rows from workers arrive with their own copies of the same tuples
            ids = shared.setdefault(row.domain_ids, row.domain_ids)
            names = shared.setdefault(row.domain_names, row.domain_names)
            rubric = labels.setdefault(row.rubric, row.rubric)
            if ids is not row.domain_ids or names is not row.domain_names or (
                    rubric is not row.rubric):
                outcome = Scored(replace(row, domain_ids=ids, domain_names=names,
                                         rubric=rubric), outcome.report_json)
        yield outcome


def _score_chunk(paths: list[str | Path], options: BatchOptions) -> list[Outcome]:
    return [score_file(path, options) for path in paths]


def _pool(jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                               initializer=_worker_signals)


def _worker_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which ends them itself: a worker
    never prints a traceback of its own, and never outlives the batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Stop a pool at once (the batch was interrupted or its reader went away).

    The interruption can arrive while this thread holds the pool's own lock (inside
    ``submit``), so the lock is only taken if it is free: waiting for it would wait for
    ever. The workers are ended either way.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    lock = getattr(pool, "_shutdown_lock", None)
    if lock is None or lock.acquire(blocking=False):
        if lock is not None:
            lock.release()
        pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():  # pragma: no cover - a worker that ignores SIGTERM
            process.kill()
            process.join()


class _PoolFailed(Exception):
    """The pool's own machinery failed (no memory for a thread, a pipe or a fork)."""


def _in_workers(chunks: Iterable[list[str | Path]], options: BatchOptions,
                jobs: int) -> Generator[Outcome, None, None]:
    """Run chunks in a pool with a bounded window, in order; survive a crashed worker.

    Should the pool itself fail (under a memory limit its manager thread, a thread it
    starts or a fork can fail, which left futures waiting for ever), the files not yet
    scored are scored in this process: slower, but every file is still scored or an error
    value. (Retrying in a fresh pool was tried: each dead pool leaves its threads' stacks
    cached, and the retries made a run near the limit more likely to die, not less.)
    """
    queue: deque[tuple[list[str | Path], bool]] = deque((chunk, False) for chunk in chunks)
    window = jobs * 4
    with _pool_threads():
        while queue:
            try:
                pool = _pool(jobs)
            except (OSError, MemoryError):
                yield from _here(list(queue), options)
                return
            inflight: deque[tuple[list[str | Path], bool, Future[list[Outcome]]]] = deque()
            try:
                while queue or inflight:
                    while queue and len(inflight) < window:
                        chunk, alone = queue[0]
                        # a retried file runs by itself, so a pool that breaks names it
                        if inflight and (alone or inflight[-1][1]):
                            break
                        queue.popleft()
                        inflight.append((chunk, alone, _submit(pool, chunk, options)))
                    chunk, alone, future = inflight.popleft()
                    try:
                        outcomes = _result(pool, future)
                    except BrokenProcessPool:
                        retry: list[tuple[list[str | Path], bool]] = []
                        if alone:
                            yield _crashed(chunk[0])
                        else:
                            retry += [([path], True) for path in chunk]
                        retry += [(c, a) for c, a, _ in inflight]
                        queue = deque(retry + list(queue))
                        break
                    yield from outcomes
                # inside the try: a signal while the pool shuts down still ends its workers
                pool.shutdown(wait=True, cancel_futures=True)
            except _PoolFailed:
                _end_workers(pool)
                rest = [(chunk, alone), *((c, a) for c, a, _ in inflight), *queue]
                yield from _here(rest, options)
                return
            except BaseException:
                _end_workers(pool)
                raise


def _submit(pool: ProcessPoolExecutor, chunk: list[str | Path],
            options: BatchOptions) -> Future[list[Outcome]]:
    try:
        return pool.submit(_score_chunk, chunk, options)
    except (RuntimeError, MemoryError, OSError) as exc:
        raise _PoolFailed from exc


def _result(pool: ProcessPoolExecutor, future: Future[list[Outcome]]) -> list[Outcome]:
    """A chunk's outcomes, watching that the pool's manager thread is still there."""
    while True:
        try:
            return future.result(timeout=0.5)
        except TimeoutError:
            manager = getattr(pool, "_executor_manager_thread", None)
            if manager is not None and not manager.is_alive() and not future.done():
                raise _PoolFailed from None
        except (MemoryError, OSError) as exc:
            raise _PoolFailed from exc


def _here(chunks: list[tuple[list[str | Path], bool]], options: BatchOptions
          ) -> Iterator[Outcome]:
    for chunk, _ in chunks:
        for path in chunk:
            yield score_file(path, options)


POOL_THREAD_STACK = 2 * 1024 * 1024
"""Stack size of the pool's own threads, which only pass chunks and small results along:
the default (8 MiB, from ``ulimit -s``) counts against a memory limit (``ulimit -v``) in
this process and again in every worker forked from it."""


@contextmanager
def _pool_threads() -> Iterator[None]:
    """Small stacks for the pool's threads; and a pool thread that dies for want of memory
    must not print a traceback: the batch notices the dead pool and goes on without it."""
    before_thread, before_unraisable = threading.excepthook, sys.unraisablehook
    before_stack = threading.stack_size(POOL_THREAD_STACK)
    threading.excepthook = lambda args: None
    sys.unraisablehook = lambda args: None
    try:
        yield
    finally:
        threading.excepthook, sys.unraisablehook = before_thread, before_unraisable
        threading.stack_size(before_stack)


def _crashed(path: str | Path) -> FileError:
    return _error_without_validation(
        shown(str(path)),
        "the process scoring this file died: it ran out of memory, or this is a bug in "
        "trustscore",
        "score it alone; if it dies again with memory to spare, please report it with the "
        "file attached, if you can share it")
