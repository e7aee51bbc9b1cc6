"""How a renderer is asked to lay out its output: decided by the CLI, obeyed by renderers.

A leaf module (it imports nothing of trustscore), so every renderer and the CLI can share
it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """Width and colour of terminal text, and the few choices a reader makes about content."""

    width: int = 80
    color: bool = False
    all_rows: bool = False
    """Batch text: every vendor row, not only the top and bottom 10."""
    profiles: bool = False
    """Rubric text: also the weight profiles."""
