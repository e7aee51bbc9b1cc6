"""Golden outputs of every command but ``score`` and ``batch`` (see test_golden.py and
test_batch.py), in every format each offers, byte for byte, run as a user runs them; and
``score`` with a buyer's review, whose section only these show.

Regenerate with ``pytest tests/cli/test_command_goldens.py --update-goldens`` and review the
diff; never edit a golden file by hand. (``init`` is left out: its template is dated today.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pydantic
import pytest

from conftest import GOLDEN, ROOT

S = "samples/"
AS_OF = ["--as-of", "2026-11-01"]
REVIEW = "tests/data/reviews/northwind-certified.review.yaml"
CASES: dict[str, tuple[list[str], int]] = {
    "compare.txt": (["compare", S + "northwind-certified.yaml", S + "meridian-midsize-gaps.yaml",
                     S + "apex-overclaims.yaml", *AS_OF], 0),
    "compare.json": (["compare", S + "northwind-certified.yaml",
                      S + "meridian-midsize-gaps.yaml", *AS_OF, "-f", "json"], 0),
    "compare.md": (["compare", S + "northwind-certified.yaml", S + "meridian-midsize-gaps.yaml",
                    *AS_OF, "-f", "markdown"], 0),
    "compare.html": (["compare", S + "northwind-certified.yaml",
                      S + "meridian-midsize-gaps.yaml", *AS_OF, "-f", "html"], 0),
    "diff.txt": (["diff", S + "meridian-midsize-gaps.yaml", S + "northwind-certified.yaml",
                  *AS_OF], 0),
    "diff.json": (["diff", S + "meridian-midsize-gaps.yaml", S + "northwind-certified.yaml",
                   *AS_OF, "-f", "json"], 0),
    "diff.md": (["diff", S + "harbor-expired-knockout.yaml", S + "northwind-certified.yaml",
                 *AS_OF, "-f", "markdown"], 0),
    "plan.txt": (["plan", S + "meridian-midsize-gaps.yaml", "--target", "A", *AS_OF], 0),
    "plan.json": (["plan", S + "harbor-expired-knockout.yaml", "--target", "B", *AS_OF,
                   "-f", "json"], 0),
    "plan.md": (["plan", S + "lotus-honest-weak.yaml", "--target-score", "60", *AS_OF,
                 "-f", "markdown"], 0),
    "badge.svg": (["badge", S + "northwind-certified.yaml", *AS_OF], 0),
    "badge-freelancer.svg": (["badge", S + "sana-iqbal-freelancer.yaml", *AS_OF], 0),
    "validate.txt": (["validate", S + "northwind-certified.yaml",
                      S + "sana-iqbal-freelancer.yaml"], 0),
    "validate.json": (["validate", S + "northwind-certified.yaml", S + "apex-overclaims.yaml",
                       "-f", "json"], 0),
    "rubric-list.txt": (["rubric", "list"], 0),
    "rubric-show.txt": (["rubric", "show", "freelancer", "--profiles"], 0),
    "rubric-show.md": (["rubric", "show", "it-services", "-f", "markdown"], 0),
    "rubric-lint.txt": (["rubric", "lint", "rubrics/freelancer.yaml"], 0),
    "schema-assessment.json": (["schema", "assessment", "--rubric", "freelancer"], 0),
    "schema-rubric.json": (["schema", "rubric"], 0),
    "schema-report.json": (["schema", "report"], 0),
    "schema-review.json": (["schema", "review"], 0),
    "schema-policy.json": (["schema", "policy"], 0),
    "review-init.yaml": (["review", "init", S + "harbor-expired-knockout.yaml", *AS_OF], 0),
    **{f"score-review.{ext}": (["score", S + "northwind-certified.yaml", "--review", REVIEW,
                                *AS_OF, "-f", fmt], 0)
       for ext, fmt in (("txt", "text"), ("json", "json"), ("md", "markdown"),
                        ("html", "html"))},
    "import-caiq.yaml": (["import", "caiq", S + "caiq/kestrel-caiq-v4.xlsx", "--vendor",
                          "Kestrel Labs", "--country", "Poland", "--headcount", "40",
                          "--assessed-on", "2026-11-01"], 0),
    "export-caiq.csv": (["export", S + "northwind-certified.yaml", "-f", "caiq", *AS_OF], 0),
    "export-oscal.json": (["export", S + "meridian-midsize-gaps.yaml", "-f", "oscal", *AS_OF],
                          0),
    "export-soa.md": (["export", S + "danube-eu-personal-data.yaml", "-f", "soa", *AS_OF], 0),
    "compare-review.txt": (["compare", S + "meridian-midsize-gaps.yaml",
                            S + "northwind-certified.yaml", "--review", REVIEW, *AS_OF], 0),
}


LOCKED_PYDANTIC = re.search(r"^pydantic==(\S+)$", (ROOT / "constraints.txt").read_text(
    encoding="utf-8"), re.M)


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_golden(name: str, update_goldens: bool) -> None:
    args, code = CASES[name]
    if name.startswith("schema-") and (LOCKED_PYDANTIC is None
                                       or LOCKED_PYDANTIC.group(1) != pydantic.VERSION):
        # pydantic words generated JSON Schemas differently from release to release (the
        # schemas still validate the same files: tests/cli/test_schema.py runs everywhere)
        pytest.skip(f"schema goldens are of the locked pydantic, not {pydantic.VERSION}")
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "TRUSTSCORE_DEBUG")}
    proc = subprocess.run([sys.executable, "-m", "trustscore", *args], cwd=ROOT,
                          capture_output=True, env=env, timeout=120, check=False)
    assert proc.returncode == code, proc.stderr.decode("utf-8", "replace")
    golden = GOLDEN / "commands" / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(proc.stdout)
    assert golden.exists(), f"no golden file {golden}: run pytest --update-goldens"
    assert proc.stdout == golden.read_bytes()
