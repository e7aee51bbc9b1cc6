"""``batch``: discover the files, score them (in worker processes when it pays), and
assemble the ranked, summarised :class:`BatchResult`, streamed so that memory stays flat.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from trustscore import __version__
from trustscore.engine.gates import normalise_grade
from trustscore.engine.portfolio import assemble
from trustscore.engine.score import profile_weights
from trustscore.errors import UsageError
from trustscore.loading.discover import discover, shown
from trustscore.loading.load import DEFAULT_RUBRIC
from trustscore.loading.policy import load_policy
from trustscore.loading.review import is_review_file, review_beside
from trustscore.models.batch import BatchResult, BatchStream, FileError, Skipped, VendorRow
from trustscore.models.rubric import Rubric
from trustscore.ranking import SortKey
from trustscore.services.batch_runner import (
    BatchOptions,
    Scored,
    default_jobs,
    rubric_for,
    run,
)
from trustscore.services.history import alerts_of
from trustscore.store.portfolio import PortfolioStore, Recorded


@dataclass(frozen=True)
class BatchRequest:
    """What the user asked ``batch`` for."""

    paths: list[str]
    rubric: str | None
    profile: str | None
    as_of: dt.date
    sort: SortKey
    jobs: int | None = None
    fail_under: float | None = None
    min_grade: str | None = None
    full_reports: bool = False
    """Keep each file's full JSON report (streamed, for ``--format json``)."""
    reviews: bool = False
    """Apply the review beside each assessment by name (``NAME.review.yaml``)."""
    record: Path | None = None
    """The portfolio store to record every scored file in (``--record``)."""
    alert: bool = False
    """Compare each new record with the vendor's previous one (``--alert``)."""
    policy: Path | None = None
    """The buyer's portfolio policy (``--policy``): tiers, their profiles and gates."""
    reports_dir: Path | None = None
    """Write each vendor's HTML report into this folder (``--reports-dir``)."""
    trends: bool = False
    """Read each vendor's scores back from the store (the HTML dashboard's trend column)."""


class BatchRun:
    """A batch whose files are found and whose options are checked, ready to score."""

    def __init__(self, request: BatchRequest) -> None:
        found = discover(request.paths)
        # a review is never scored as an assessment: it is applied to one, or said skipped
        reason = ("a buyer's review: applied to the assessment beside it" if request.reviews
                  else "a buyer's review: pass --reviews to apply it to its assessment")
        for path in [f for f in found.files if is_review_file(Path(f))]:
            found.skip(path, reason)
        found.files = [f for f in found.files if not is_review_file(Path(f))]
        if not found.files:
            raise UsageError("no self-assessment files found in: " + ", ".join(request.paths))
        reference = rubric_for(request.rubric or DEFAULT_RUBRIC).rubric
        if request.min_grade is not None:
            normalise_grade(reference, request.min_grade)
        if request.profile is not None and request.rubric is not None:
            profile_weights(reference, request.profile)
        if request.alert and request.record is None:
            raise UsageError("--alert compares with the records of a store: pass --record "
                             "STORE.db too")
        if request.reports_dir is not None:
            if request.reports_dir.exists() and not request.reports_dir.is_dir():
                raise UsageError(f"--reports-dir {shown(str(request.reports_dir))} is not a "
                                 "folder")
            try:
                request.reports_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError(f"cannot create --reports-dir "
                                 f"{shown(str(request.reports_dir))}: {exc.strerror}") from None
        if request.record is not None:  # a bad store fails now, not after the batch
            PortfolioStore.open(request.record, shown(str(request.record))).close()
        self.policy = (load_policy(request.policy, shown(str(request.policy)), reference)
                       if request.policy is not None else None)
        self.request = request
        self.recorded: Recorded | None = None
        self.files: list[str] = found.files
        self.skipped: list[Skipped] = found.skipped
        self._reference = reference
        self._result: BatchResult | None = None

    @property
    def inputs(self) -> list[str | Path]:
        """Every file the run reads, which no output may replace: the assessments and,
        with ``--reviews``, the review beside each."""
        reviews = [review_beside(Path(f)) for f in self.files] if self.request.reviews else []
        store = [self.request.record] if self.request.record is not None else []
        policy = [self.request.policy] if self.request.policy is not None else []
        return [*self.files, *reviews, *store, *policy]

    @property
    def result(self) -> BatchResult:
        """The assembled result, once the stream has been finished."""
        if self._result is None:
            raise RuntimeError("the batch has not been run")
        return self._result

    def stream(self, advance: Callable[[], None] = lambda: None) -> BatchStream:
        """Score the files as a renderer consumes the stream; ``advance`` is called once
        per file done (for a progress bar)."""
        request = self.request
        options = BatchOptions(rubric_ref=request.rubric, profile=request.profile,
                               as_of=request.as_of, fail_under=request.fail_under,
                               min_grade=request.min_grade, full_reports=request.full_reports,
                               reviews=request.reviews, policy=self.policy,
                               reports_dir=None if request.reports_dir is None
                               else str(request.reports_dir),
                               controls=request.record is not None)
        rows: list[VendorRow] = []
        errors: list[FileError] = []

        def reports() -> Generator[str, None, None]:
            outcomes = run(self.files, options, request.jobs or default_jobs())
            try:
                for outcome in outcomes:
                    if isinstance(outcome, Scored):
                        rows.append(outcome.row)
                        if outcome.report_json is not None:
                            yield outcome.report_json
                    else:
                        errors.append(outcome)
                    advance()
            finally:
                outcomes.close()  # ends the workers now, not when the generator is collected

        pending = reports()

        def finish() -> BatchResult:
            if self._result is None:
                for _ in pending:
                    pass
                self._result = assemble(
                    rows, errors, self.skipped, request.sort,
                    _grade_orders(rows, self._reference, request.rubric),
                    tool_version=__version__, as_of=request.as_of.isoformat(),
                    profile=request.profile or "default")
                if request.record is not None:
                    with PortfolioStore.open(request.record,
                                             shown(str(request.record))) as store:
                        self.recorded = store.record(
                            self._result.ranking, as_of=request.as_of.isoformat(),
                            tool_version=__version__, follow=request.alert)
                        if request.trends:
                            self._result = dataclasses.replace(
                                self._result, trends=store.trends(self._result.ranking))
                    if request.alert:
                        self._result = dataclasses.replace(
                            self._result, alerts=alerts_of(self.recorded.followed))
            return self._result

        return BatchStream(pending, finish, pending.close)


def _grade_orders(rows: list[VendorRow], reference: Rubric,
                  explicit: str | None) -> dict[str, list[str]]:
    """Each rubric's grades, best first, for the rubrics the scored vendors answered."""
    orders = {f"{reference.id}@{reference.version}": reference.grade_order()}
    if explicit is None:
        for label in {row.rubric for row in rows} - set(orders):
            orders[label] = rubric_for(label.split("@", 1)[0]).rubric.grade_order()
    return orders
