"""A vendor's self-assessment: who they are, what the engagement involves, their answers.

Untrusted input: every model forbids unknown keys and is frozen. Whether an answer fits
its control is checked against the rubric afterwards (:mod:`.assessment_checks`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

NOT_APPLICABLE = "not_applicable"


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
"""YYYY-MM-DD and nothing else: ASCII digits only (no week dates, no other scripts)."""


def _iso_date(value: Any) -> Any:
    """Accept only ``YYYY-MM-DD`` text: pydantic would read a bare number as a Unix time."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written as YYYY-MM-DD")
    text = value.strip()
    try:
        if not ISO_DATE.match(text):  # fromisoformat also takes 20250301 and 2026-W40-4
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"must be a real date written as YYYY-MM-DD, got '{value}'") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]
Url = Annotated[str, Field(pattern=r"^https?://[^\s]+$", max_length=2000)]


def _bundle_path(value: Any) -> Any:
    """A path inside the assessment's folder, written the same way on every system."""
    if not isinstance(value, str):
        return value
    parts = value.split("/")
    if (value.startswith("/") or "\\" in value or "\0" in value or ":" in parts[0]
            or any(part in ("", ".", "..") for part in parts)):
        raise ValueError(f"must be a path relative to the assessment's folder, with '/' "
                         f"between folders and no '..' (like evidence/iso-cert.pdf), got "
                         f"'{value}'")
    return value


BundlePath = Annotated[str, Field(min_length=1, max_length=500),
                       BeforeValidator(_bundle_path)]
SHA256 = re.compile(r"[0-9a-fA-F]{64}\Z")


def _sha256(value: Any) -> Any:
    if isinstance(value, str) and not SHA256.match(value):
        raise ValueError(f"must be the 64 hexadecimal digits of the file's SHA-256 (as "
                         f"sha256sum FILE prints them), got '{value[:80]}'")
    return value.lower() if isinstance(value, str) else value


Sha256 = Annotated[str, BeforeValidator(_sha256)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Evidence(_Strict):
    """One artefact backing a claim; the rubric maps its ``kind`` to a credibility tier."""

    kind: Annotated[str, Field(min_length=1, max_length=64)]
    title: ShortText
    reference: ShortText | None = None
    """Certificate, report or policy number."""
    issuer: ShortText | None = None
    issued: IsoDate | None = None
    expires: IsoDate | None = None
    url: Url | None = None
    scope: Text | None = None
    period_start: IsoDate | None = None
    """First day of the period a report covers (a SOC 2 Type II report's period)."""
    period_end: IsoDate | None = None
    file: BundlePath | None = None
    """The artefact itself, bundled with the assessment: a path relative to its folder."""
    sha256: Sha256 | None = None
    """The SHA-256 of ``file``, which the tool checks: the item is bound to those bytes."""

    @model_validator(mode="after")
    def _file_with_its_hash(self) -> Evidence:
        if (self.file is None) != (self.sha256 is None):
            raise ValueError("'file' and 'sha256' go together: a bundled file is named "
                             "with the SHA-256 of its bytes (sha256sum FILE)")
        if (self.period_start is None) != (self.period_end is None):
            raise ValueError("'period_start' and 'period_end' go together")
        return self


AnswerValue = bool | int | float | str


def _single_value(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        raise ValueError("must be a single value (yes/no, a number or a word), not a "
                         + ("mapping" if isinstance(value, dict) else "list"))
    if value is None:
        raise ValueError("has no value")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite number, got {value}")
    return value


class Answer(_Strict):
    """An answer with its evidence. A bare value in the file means ``{value: ...}``."""

    value: Annotated[AnswerValue, BeforeValidator(_single_value)]
    evidence: list[Evidence] = Field(default_factory=list, max_length=50)
    notes: Text | None = None
    justification: Text | None = None
    """Required when the value is ``not_applicable``: why the control does not apply."""

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return data
        if data is None:
            raise ValueError("has no value")
        return {"value": data}


class Contact(_Strict):
    """Who at the vendor answers questions about this assessment."""

    name: ShortText
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
    role: ShortText | None = None


class Vendor(_Strict):
    """The firm being assessed."""

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")] | None = None
    """A stable identifier of the firm (a registration number, a slug), so a portfolio
    store knows it across versions of its file even when its name or website changes."""
    name: ShortText
    country: Annotated[str, Field(min_length=2, max_length=60)]
    website: Url | None = None
    headcount: Annotated[int, Field(ge=1, le=10_000_000)]
    services: list[ShortText] = Field(default_factory=list, max_length=50)
    contact: Contact | None = None


class Scope(_Strict):
    """What the engagement involves; decides which conditional controls count.

    No defaults on purpose: leaving out "processes client personal data" must not quietly
    remove every privacy control from the score.
    """

    processes_client_personal_data: bool
    hosts_client_systems: bool
    handles_card_data: bool
    client_regions: list[Annotated[str, Field(min_length=2, max_length=40,
                                              pattern=r"^[A-Za-z][A-Za-z .'&()-]*$")]] = Field(
        max_length=50)
    """Region codes or English names in Latin letters (EU, UK, US, Pakistan): a region
    written with look-alike letters (a Cyrillic E, U+0415, in "EU") would silently fail to
    match the rubric's conditions and take controls out of scope."""


class Assessment(_Strict):
    """A complete self-assessment file."""

    format_version: Literal[1]
    rubric: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*(@[0-9.]+)?$")] = (
        "it-services")
    """The rubric it answers: ``id`` or ``id@version``."""
    vendor: Vendor
    tier: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")] | None = None
    """A criticality tier of the buyer's portfolio policy (``batch --policy``); it can only
    make the vendor's tier stricter than the policy's default, never more lenient."""
    assessed_on: IsoDate
    scope: Scope
    answers: dict[str, Answer] = Field(max_length=2000)

    def rubric_id(self) -> str:
        """The rubric id without a version."""
        return self.rubric.split("@", 1)[0]

    def rubric_version(self) -> str | None:
        """The rubric version asked for, if any."""
        _, _, version = self.rubric.partition("@")
        return version or None
