"""The self-assessment template written by ``trustscore init``.

Every control is listed with its question, the allowed answers and what each is worth,
and the evidence a buyer expects, so a vendor can fill the file in without reading the
rubric. Values are left blank on purpose: ``validate`` then points at each one still to
answer, and an entry the vendor deletes is simply unanswered.
"""

from __future__ import annotations

import textwrap

from trustscore.models.answer_types import answer_kind
from trustscore.models.documents import AssessmentTemplate
from trustscore.models.rubric import Rubric
from trustscore.render.escaping import safe_text
from trustscore.render.options import RenderOptions
from trustscore.render.rubric_view import condition_summary

_WIDTH = 88


def schema_file_name(rubric: Rubric) -> str:
    """Where ``init`` suggests saving the editor schema, next to the assessment."""
    return f"{rubric.id}.assessment.schema.json"


def _comment(text: str, indent: str) -> list[str]:
    """``text`` as YAML comment lines. A rubric is untrusted input too: its text is made
    safe first, so a newline, a line or paragraph separator or NEL in a label cannot end
    the comment and inject lines into the template, and no escape sequence reaches it."""
    return [f"{indent}# {line}" if line else f"{indent}#"
            for line in textwrap.wrap(safe_text(text), _WIDTH - len(indent) - 2)]


def render_template(template: AssessmentTemplate, options: RenderOptions) -> str:
    """A commented, ready-to-fill self-assessment for the template's rubric."""
    rubric, today = template.rubric, template.written_on
    out = [
        f"# yaml-language-server: $schema={schema_file_name(rubric)}",
        f"# Self-assessment against {rubric.id}@{rubric.version}: {safe_text(rubric.title)}.",
        "#",
        "# Fill in every 'value:'. An answer counts in full only with evidence: add items",
        "# under 'evidence:' like this (the kind decides how far a buyer can trust it):",
        "#   evidence:",
        "#     - kind: certificate          # see the kinds listed below",
        "#       title: ISO/IEC 27001:2022 certificate",
        "#       reference: IS 000000         # certificate, report or policy number",
        "#       issuer: Example Certification Ltd",
        "#       issued: 2026-01-31           # YYYY-MM-DD",
        "#       expires: 2029-01-30          # YYYY-MM-DD",
        "#       url: https://registry.example/verify  # off your own website for registries",
        "#       period_start: 2025-07-01     # reports: the period they cover",
        "#       period_end: 2026-06-30",
        "#       file: evidence/iso-cert.pdf  # optional: the file itself, beside this one,",
        "#       sha256: <64 hex digits>      #   with its SHA-256 (sha256sum FILE)",
        "# An item counts at its kind's credibility only with what the kind needs:",
        *(f"#   {kind}: needs {', '.join(spec.requires)}"
          for kind, spec in sorted(rubric.evidence.kinds.items()) if spec.requires),
        *_comment("Other kinds: " + ", ".join(
            sorted(k for k, spec in rubric.evidence.kinds.items() if not spec.requires))
            + ".", ""),
        "# Where a control allows it, answer 'not_applicable' and add 'justification:'.",
        "# Deleting a control leaves it unanswered: it earns 0 points and is listed as missing.",
        "# Check the file any time with: trustscore validate <this file>",
        f"# Editor support: trustscore schema assessment --rubric {rubric.id} "
        f"--output {schema_file_name(rubric)}",
        "",
        "format_version: 1",
        f"rubric: {rubric.id}",
        "vendor:",
        "  name: Your Company Ltd",
        "  country: XX                      # country code or name",
        "  website: https://www.example.com # optional",
        "  # id: YOUR-REG-NUMBER            # optional: a stable id portfolio stores know you by",
        "  headcount: 1",
        "  services: []                     # optional, e.g. [web development, QA]",
        "  contact: {name: Your Name, email: you@example.com, role: Your Role}   # optional",
        f"assessed_on: {today.isoformat()}",
        "scope:                             # what the engagement involves",
        "  processes_client_personal_data: false",
        "  hosts_client_systems: false",
        "  handles_card_data: false",
        "  client_regions: []               # e.g. [EU, UK, US]",
        "",
        "answers:",
    ]
    for domain in rubric.domains:
        out.append("")
        out.append(f"  # {'=' * (_WIDTH - 4)}")
        out += _comment(f"{domain.name.upper()}: {domain.description}", "  ")
        out.append(f"  # {'=' * (_WIDTH - 4)}")
        for control in domain.controls:
            out.append("")
            knockout = ", CRITICAL: failing it caps the grade" if control.knockout else ""
            out += _comment(f"{control.id} {control.title} (weight {control.weight:g}"
                            f"{knockout})", "  ")
            out += _comment(control.question, "  ")
            condition = condition_summary(control.applies_when)
            if condition:
                out += _comment(f"Counts {condition}.", "  ")
            if control.allow_not_applicable:
                out += _comment("May be answered not_applicable, with a justification.", "  ")
            for line in answer_kind(control.answer).template_lines(control.answer):
                out += _comment(line, "  ") if not line.startswith("  ") else [
                    f"  #   {safe_text(line.strip())}"]
            out += _comment("Evidence a buyer expects: "
                            + "; ".join(control.evidence_expected) + ".", "  ")
            out.append(f"  {control.id}:")
            out.append("    value:")
            out.append("    evidence: []")
    return "\n".join(out) + "\n"


def next_steps(template: AssessmentTemplate, written_to: str) -> str:
    """What ``init`` tells the user after writing a template to a file."""
    where = safe_text(written_to)
    return (f"wrote {where}: fill in each 'value:', then run 'trustscore validate {where}'.\n"
            f"editor support: trustscore schema assessment --rubric {template.rubric.id} "
            f"--output {schema_file_name(template.rubric)}\n")
