"""The review file written by ``review init``: a checklist to fill in, ready to apply.

Every value taken from the assessment is written as a double-quoted YAML scalar
(:func:`yaml_quoted`): a vendor's title cannot add lines, keys or verdicts to the file a
buyer signs, and reads back exactly, so the item still matches the assessment.
"""

from __future__ import annotations

from trustscore.models.checklist import ReviewChecklist
from trustscore.render.escaping import safe_text, yaml_quoted
from trustscore.render.options import RenderOptions


def checklist_yaml(checklist: ReviewChecklist, options: RenderOptions) -> str:
    """The review file for ``checklist``, every item ``not_checked``."""
    out = [
        f"# A buyer's review of {safe_text(checklist.assessment)} "
        f"({safe_text(checklist.vendor)}), listed as of {checklist.as_of}.",
        f"# {len(checklist.items)} evidence item(s) back {checklist.controls} control(s) "
        f"worth {checklist.points:g} claimed points; the largest stake comes first.",
        "#",
        "# For each item: check it where its 'check' lines say, then set",
        "#   verdict: verified   genuine, and it says what it is cited for: full credit",
        "#   verdict: rejected   not what it claims: it counts for nothing (a critical flag)",
        "# with who checked it (by), when (on: YYYY-MM-DD), how (method) and any note.",
        "# An item left not_checked keeps the vendor's word; an independent one counts at",
        "# the rubric's reduced 'declared' credit in the reviewed figures.",
        "# Accepted risks go under risk_acceptances: listed in the report, never scored.",
        "#",
        f"# Apply it:  trustscore score {safe_text(checklist.assessment)} --review THIS-FILE",
        "# It is bound to the assessment's SHA-256: a changed assessment is refused.",
        "",
        "review:",
        f"  assessment: {yaml_quoted(checklist.assessment)}",
        f"  assessment_sha256: {checklist.assessment_sha256}",
        f"  rubric: {yaml_quoted(checklist.rubric)}",
        "  reviewer:                 # who answers for this review",
        "",
        "items:" if checklist.items else "items: []",
    ]
    for n, item in enumerate(checklist.items, 1):
        out += [
            "",
            f"  # {n}. {item.at_stake:g} points at stake",
            f"  - kind: {yaml_quoted(item.kind)}",
            f"    title: {yaml_quoted(item.title)}",
            *([f"    reference: {yaml_quoted(item.reference)}"] if item.reference else []),
            f"    cited_for: [{', '.join(yaml_quoted(c) for c in item.cited_for)}]",
            f"    at_stake: {item.at_stake:g}",
            "    check:",
            *(f"      - {yaml_quoted(line)}" for line in item.check),
            "    verdict: not_checked      # verified | rejected | not_checked",
            "    by:",
            "    on:                       # YYYY-MM-DD",
            "    method:",
            "    note:",
        ]
    out += [
        "",
        "risk_acceptances: []",
        "# For a gap the buyer accepts, with its approver and an end date:",
        "#   - control: SEC-05",
        "#     justification: compensating control in the client's own network",
        "#     approver: Head of Vendor Risk",
        "#     expires: 2027-06-30",
    ]
    if checklist.left_out:
        out += ["", "# Not listed, because no verdict would move a point:"]
        out += [f"#   {safe_text(i.kind)} '{safe_text(i.title)}': {safe_text(i.reason)}"
                for i in checklist.left_out]
    return "\n".join(out) + "\n"
