"""How a portfolio is ranked: shared by the engine (which sorts), the batch result model
(which records the order) and the CLI (which offers it as an option).

An enum only, with no heavy imports, so the CLI can declare ``--sort`` and still start fast.
"""

from __future__ import annotations

import enum


class SortKey(enum.StrEnum):
    """How ``batch`` ranks vendors."""

    SCORE = "score"
    GRADE = "grade"
    NAME = "name"
    CONFIDENCE = "confidence"
