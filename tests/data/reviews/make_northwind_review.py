"""Rebuild northwind-certified.review.yaml from ``review init`` output: the eight largest
stakes verified, the ISO certificate rejected, two risks accepted (one lapsed).

    trustscore review init samples/northwind-certified.yaml --as-of 2026-11-01 > init.yaml
    python tests/data/reviews/make_northwind_review.py init.yaml > \\
        tests/data/reviews/northwind-certified.review.yaml

A script rather than hand edits, so the fixture can be rebuilt when the checklist changes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

UNCHECKED = re.compile(r"verdict: not_checked.*\n    by:\n    on:.*\n    method:\n    note:")
REJECTED = ('verdict: rejected\n    by: R. Okafor\n    on: 2026-10-29\n'
            '    method: "looked the number up in the certification body\'s register"\n'
            '    note: "the register shows the certificate withdrawn in August 2026"')
VERIFIED = ('verdict: verified\n    by: R. Okafor\n    on: 2026-10-28\n'
            '    method: "checked with the issuer and against the file"\n    note:')
RISKS = """risk_acceptances:
  - control: COM-03
    justification: "the client runs the escalation path itself under its own contract"
    approver: "Head of Third-Party Risk"
    expires: 2027-06-30
  - control: DEL-05
    justification: "accepted for the pilot phase only"
    approver: "Head of Third-Party Risk"
    expires: 2026-09-30"""


def review(checklist: str) -> str:
    """The fixture's verdicts set on ``checklist``."""
    head, *items = checklist.split("\n  # ")
    out = [head.replace("  reviewer:                 # who answers for this review",
                        "  reviewer: Procurement, Example Bank plc")]
    verified = 0
    for block in items:
        if '- kind: "certificate"' in block and "27001" in block:
            block = UNCHECKED.sub(REJECTED, block)
        elif verified < 8:
            verified += 1
            block = UNCHECKED.sub(VERIFIED, block)
        out.append(block)
    return "\n  # ".join(out).replace("risk_acceptances: []", RISKS)


if __name__ == "__main__":
    sys.stdout.write(review(Path(sys.argv[1]).read_text(encoding="utf-8")))
