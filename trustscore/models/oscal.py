"""An OSCAL assessment-results document (``export oscal``), as plain JSON data.

Plain data rather than a model of OSCAL: the document follows NIST's published model,
which the tests check with compliance-trestle's OSCAL models; trustscore itself need not
depend on an OSCAL library to write one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

OSCAL_VERSION = "1.2.1"


@dataclass(frozen=True)
class OscalDocument:
    """An OSCAL document, ready to write as JSON."""

    data: dict[str, Any]
