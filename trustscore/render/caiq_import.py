"""What ``import caiq`` writes: the self-assessment as YAML, and the coverage summary.

Every value from the sheet is a double-quoted YAML scalar (:func:`yaml_quoted`): a
description cannot add keys, answers or lines to the file that is then scored, and a
control the sheet left open is written as a comment saying why, so the gaps show.
"""

from __future__ import annotations

import textwrap

from trustscore.models.assessment import Answer, AnswerValue
from trustscore.models.caiq import CaiqImport, ControlImport, Outcome
from trustscore.render.escaping import safe_text, yaml_quoted
from trustscore.render.options import RenderOptions

_LEFT_OPEN = {
    Outcome.NA_REFUSED: "answered NA, which the rubric does not allow here or the sheet "
                        "gives no reason for",
    Outcome.NOT_ANSWERED: "its questions are blank",
    Outcome.NOT_COVERED: "none of its questions is on the sheet",
}


def _scalar(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return yaml_quoted(value)


def _answer_lines(control: str, answer: Answer) -> list[str]:
    out = [f"  {control}:", f"    value: {_scalar(answer.value)}"]
    if answer.justification:
        out.append(f"    justification: {yaml_quoted(answer.justification)}")
    if answer.notes:
        out.append(f"    notes: {yaml_quoted(answer.notes)}")
    if answer.evidence:
        out.append("    evidence:")
        for item in answer.evidence:
            out.append(f"      - kind: {yaml_quoted(item.kind)}")
            out.append(f"        title: {yaml_quoted(item.title)}")
            if item.reference:
                out.append(f"        reference: {yaml_quoted(item.reference)}")
    return out


def _wrapped(prefix: str, words: list[str]) -> list[str]:
    return textwrap.wrap(" ".join(words), 86, initial_indent=f"# {prefix}",
                         subsequent_indent="#   ") or [f"# {prefix}"]


def caiq_import_yaml(result: CaiqImport, options: RenderOptions) -> str:
    """The imported self-assessment, ready for ``validate`` and ``score``."""
    a = result.assessment
    sheet = result.sheet
    out = [
        "# Imported by 'trustscore import caiq' from a CAIQ answer sheet:",
        f"#   file {safe_text(sheet.file)}, sheet {safe_text(sheet.sheet)}, "
        f"sha256 {result.sheet_sha256}",
        f"#   {len(sheet.questions)} question(s) read, {len(result.mapped)} mapped through "
        f"the crosswalk of {safe_text(result.rubric)}.",
        "# A CAIQ Yes says a control exists, not how mature it is: each Yes stands for the",
        "# level the rubric declares, and every answer is the vendor's word (a bare claim)",
        "# until evidence is added. 'notes' records the questions and rows behind it.",
        "#",
        "# Placeholders to check, which the sheet cannot tell:",
        *(f"#   - {safe_text(p)}" for p in result.placeholders),
    ]
    if result.uncovered:
        out += _wrapped("No CAIQ question covers (left unanswered): ", result.uncovered)
    out += [
        "",
        "format_version: 1",
        f"rubric: {yaml_quoted(a.rubric)}",
        "vendor:",
        f"  name: {yaml_quoted(a.vendor.name)}",
        f"  country: {yaml_quoted(a.vendor.country)}",
        f"  headcount: {a.vendor.headcount}",
        f"assessed_on: {a.assessed_on.isoformat()}",
        "scope:",
        f"  processes_client_personal_data: {_scalar(a.scope.processes_client_personal_data)}",
        f"  hosts_client_systems: {_scalar(a.scope.hosts_client_systems)}",
        f"  handles_card_data: {_scalar(a.scope.handles_card_data)}",
        f"  client_regions: [{', '.join(yaml_quoted(r) for r in a.scope.client_regions)}]",
        "answers:" if a.answers else "answers: {}",
    ]
    for control in result.controls:
        if control.control in a.answers:
            out += _answer_lines(control.control, a.answers[control.control])
        else:
            out.append(f"  # {control.control}: left unanswered, {_LEFT_OPEN[control.outcome]}")
    return "\n".join(out) + "\n"


def _ids(controls: list[ControlImport]) -> str:
    return ", ".join(c.control for c in controls) or "none"


def coverage_summary(result: CaiqImport) -> str:
    """What was read and what it answered, for standard error."""
    sheet = result.sheet
    answered = result.with_outcome(Outcome.ANSWERED)
    yes = result.yes_count
    na = result.with_outcome(Outcome.NOT_APPLICABLE)
    missing = result.missing
    rows = [
        f"sheet {safe_text(sheet.sheet)} (header on row {sheet.header_row}, columns "
        + ", ".join(f"{role.value} {column}" for role, column in sheet.columns.items()) + ")",
        f"questions: {len(sheet.questions)} read, {len(result.mapped)} mapped, "
        f"{len(result.unmapped)} unmapped",
        f"controls: {len(answered) + len(na)} of {len(result.controls)} the crosswalk covers "
        f"answered ({yes} Yes, {len(answered) - yes} No, {len(na)} not applicable), "
        f"{len(missing)} missing: {_ids(missing)}",
        f"not covered by any CAIQ question, left unanswered: {len(result.uncovered)} "
        "control(s)",
    ]
    if result.client_owned:
        owned = ", ".join(safe_text(q.question) for q in result.client_owned)
        rows.append("Yes answers the sheet gives to the customer (CSC-owned), not counted as "
                    f"the vendor's: {owned}")
    if sheet.skipped_rows:
        rows.append(f"rows without a question id, skipped: {len(sheet.skipped_rows)} (rows "
                    + ", ".join(str(r) for r in sheet.skipped_rows[:10])
                    + (", ..." if len(sheet.skipped_rows) > 10 else "") + ")")
    if sheet.skipped_sheets:
        rows.append("other sheets, skipped (no answer table): "
                    + ", ".join(safe_text(s) for s in sheet.skipped_sheets))
    rows += [safe_text(n) for n in sheet.notes]
    rows += [f"placeholder: {safe_text(p)}" for p in result.placeholders]
    return "".join(f"trustscore: import: {row}\n" for row in rows)
