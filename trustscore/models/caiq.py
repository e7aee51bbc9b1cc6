"""A CAIQ answer sheet as read, and what ``import caiq`` made of it.

Why separate from the assessment: a sheet is somebody else's format. Reading it (which
rows, which columns) and turning its answers into controls (which rule combines them)
are two steps a buyer must be able to check, so both are recorded: every control says
which questions fed it, and the summary says what nothing covered.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field

from trustscore.models.assessment import Assessment

QUESTION_ID = re.compile(
    r"(?P<control>(?:A&A|AIS|BCR|CCC|CEK|DCS|DSP|GRC|HRS|IAM|IPY|IVS|LOG|SEF|STA|TVM|UEM)"
    r"-[0-9]{2})\.[0-9]{1,2}\Z")
"""A CAIQ v4 question id (``IAM-14.1``): the part before the dot is its CCM v4 control."""


class CaiqAnswer(enum.StrEnum):
    """What a CAIQ answer cell can say."""

    YES = "Yes"
    NO = "No"
    NA = "NA"
    BLANK = ""


class Role(enum.StrEnum):
    """What a column of the answer sheet holds."""

    ID = "id"
    QUESTION = "question"
    ANSWER = "answer"
    OWNERSHIP = "ownership"
    DESCRIPTION = "description"


@dataclass(frozen=True)
class SheetQuestion:
    """One answered row: the question id, the answer and what the vendor wrote."""

    question: str
    answer: CaiqAnswer
    row: int
    cell: str
    """Where the answer is, as a spreadsheet names it (``CAIQv4.0.3!C14``)."""
    ownership: str = ""
    description: str = ""

    @property
    def client_owned(self) -> bool:
        """The sheet gives the control to the customer (SSRM "CSC-owned"): a Yes then says
        the client does it, not the vendor."""
        return " ".join(self.ownership.lower().replace("-", " ").split()) == "csc owned"

    @property
    def vendor_yes(self) -> bool:
        """A Yes the vendor answers for itself."""
        return self.answer is CaiqAnswer.YES and not self.client_owned

    @property
    def control(self) -> str | None:
        """The CCM v4 control the question belongs to; None for another questionnaire."""
        found = QUESTION_ID.match(self.question)
        return found.group("control") if found else None


@dataclass(frozen=True)
class AnswerSheet:
    """The answers found in one CAIQ sheet, in row order."""

    file: str
    sheet: str
    header_row: int
    columns: dict[Role, str]
    """Each role's column letter, as found (or as ``--column`` named it)."""
    questions: list[SheetQuestion]
    skipped_rows: list[int] = field(default_factory=list)
    """Rows below the header with text but no question id (section titles, notes)."""
    skipped_sheets: list[str] = field(default_factory=list)
    """Other sheets of the workbook, which hold no answer columns."""
    notes: list[str] = field(default_factory=list)
    """What the reader noticed and did not act on (macros present, never run)."""


class Outcome(enum.StrEnum):
    """What the questions feeding a control made of it."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    NA_REFUSED = "na_refused"
    """NA where the rubric does not allow it, or without a reason: left unanswered."""
    NOT_ANSWERED = "not_answered"
    """Its questions are on the sheet, every one blank."""
    NOT_COVERED = "not_covered"
    """The crosswalk maps it, but none of its questions is on the sheet."""


@dataclass(frozen=True)
class ControlImport:
    """One control of the rubric the crosswalk covers, and how the sheet answered it."""

    control: str
    outcome: Outcome
    questions: list[SheetQuestion]
    said_yes: bool | None = None
    """The combined answer (None unless ``outcome`` is answered)."""


@dataclass(frozen=True)
class CaiqImport:
    """The self-assessment made from a sheet, and the account of how."""

    sheet: AnswerSheet
    sheet_sha256: str
    rubric: str
    """``id@version`` of the rubric whose crosswalk was used."""
    assessment: Assessment
    controls: list[ControlImport]
    unmapped: list[SheetQuestion]
    """Questions no control of the rubric maps (their CCM control, or another questionnaire)."""
    uncovered: list[str]
    """Controls of the rubric no CAIQ question can answer: left unanswered."""
    placeholders: list[str]
    """Fields the sheet cannot tell, filled with a cautious stand-in to check."""

    @property
    def mapped(self) -> list[SheetQuestion]:
        """The questions that fed some control."""
        fed = {q.question for c in self.controls for q in c.questions}
        return [q for q in self.sheet.questions if q.question in fed]

    def with_outcome(self, *outcomes: Outcome) -> list[ControlImport]:
        """The covered controls that came out as one of ``outcomes``."""
        return [c for c in self.controls if c.outcome in outcomes]

    @property
    def missing(self) -> list[ControlImport]:
        """Covered controls the sheet left unanswered."""
        return self.with_outcome(Outcome.NOT_ANSWERED, Outcome.NOT_COVERED, Outcome.NA_REFUSED)

    @property
    def client_owned(self) -> list[SheetQuestion]:
        """Mapped Yes answers the sheet gives to the customer: not counted as the vendor's."""
        return [q for q in self.mapped if q.answer is CaiqAnswer.YES and q.client_owned]

    @property
    def yes_count(self) -> int:
        """Answered controls whose questions combined to a Yes."""
        return sum(1 for c in self.with_outcome(Outcome.ANSWERED) if c.said_yes)


@dataclass(frozen=True)
class CaiqRow:
    """One CAIQ answer written from the assessment, and the controls behind it."""

    question: str
    answer: CaiqAnswer
    ownership: str
    description: str
    controls: list[str]


@dataclass(frozen=True)
class CaiqExport:
    """An assessment as CAIQ v4 answers (``export caiq``)."""

    assessment: str
    vendor: str
    rubric: str
    rows: list[CaiqRow]


CAIQ_HEADER = ("Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
               "CSP Implementation Description (Optional/Recommended)",
               "CSC Responsibilities (Optional/Recommended)")
"""The CAIQ v4 answer table's header row, as ``import caiq`` recognises it."""


@dataclass(frozen=True)
class VendorFacts:
    """What the importer is told about the vendor; None: not told (a placeholder is used)."""

    assessed_on: dt.date
    name: str | None = None
    country: str | None = None
    headcount: int | None = None
