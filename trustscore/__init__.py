"""trustscore: turn an IT services firm's YAML self-assessment into an explained trust report.

Kept import-free on purpose: ``trustscore --version`` must answer without importing
pydantic, yaml or rich.
"""

__version__ = "0.1.0"
