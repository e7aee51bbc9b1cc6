"""``import caiq``: a vendor's CAIQ answer sheet as a trustscore self-assessment."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import ValidationError

from trustscore.engine.caiq_import import covered, import_sheet
from trustscore.errors import UsageError
from trustscore.loading.caiq_sheet import parse_columns, read_answer_sheet
from trustscore.loading.load import load_rubric
from trustscore.models.caiq import CaiqImport, VendorFacts


def import_caiq(path: Path, label: str, rubric_ref: str | None, facts: VendorFacts,
                columns: str | None = None) -> CaiqImport:
    """Read the sheet at ``path`` and answer ``rubric_ref`` (default it-services) from it;
    ``columns`` is ``--column`` (``id=A,answer=C``) for a layout of other headers."""
    roles = parse_columns(columns)
    rubric = load_rubric(rubric_ref).rubric
    if not any(covered(c) for c in rubric.controls()):
        raise UsageError(f"rubric {rubric.id}@{rubric.version} has no CAIQ crosswalk (no "
                         "control gives mappings.ccm_v4 and caiq): use --rubric it-services")
    sheet, raw = read_answer_sheet(path, label, roles)
    try:
        return import_sheet(sheet, hashlib.sha256(raw).hexdigest(), rubric, facts)
    except ValidationError as exc:  # only the facts given on the command line can be off
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"])
        raise UsageError(f"cannot write {field}: {error['msg']} (check --vendor, --country "
                         "and --headcount)") from None
