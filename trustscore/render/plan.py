"""The improvement plan as text, Markdown and JSON."""

from __future__ import annotations

import textwrap

from trustscore.models.plan import Plan, PlanStep
from trustscore.render.escaping import json_terminal_safe, md, safe_text
from trustscore.render.options import RenderOptions

KIND_WORDS = {"fix_knockout": "fix knockout", "improve": "improve", "prove": "prove"}


def _change(step: PlanStep) -> str:
    """The exact change: the answer assumed (and the one it replaces), the evidence added."""
    now = "unanswered" if step.current_answer is None else f"now {step.current_answer}"
    if step.set_value is not None:
        return f"answer {step.set_value} ({now})"
    if step.add_evidence is not None:
        return f"keep answer {step.answer}, attach {step.add_evidence.kind}"
    return ""


def _header(plan: Plan) -> list[str]:
    target = f"grade {plan.target_grade} (from {plan.target_score:g})" if plan.target_grade \
        else f"a trust score of {plan.target_score:g}"
    return [f"Plan for {plan.vendor}: from {plan.start_score:.2f} ({plan.start_grade}) to "
            f"{target}",
            f"Rubric {plan.rubric}, profile {plan.profile}, as of {plan.as_of}.",
            plan.note]


def plan_text(plan: Plan, options: RenderOptions) -> str:
    """Numbered steps, each with what to do, its effort and the score after it."""
    lines = [wrapped for line in _header(plan)
             for wrapped in textwrap.wrap(safe_text(line), 80)]
    if plan.steps:
        lines.append("")
    for n, step in enumerate(plan.steps, start=1):
        lines += textwrap.wrap(f"{n:>3}. [{KIND_WORDS[step.kind.value]}] {step.control} "
                               f"{safe_text(step.title)}: {_change(step)} (effort "
                               f"{step.effort})", 80, subsequent_indent="     ")
        lines += textwrap.wrap(safe_text(step.what_to_do), 80, initial_indent="     ",
                               subsequent_indent="     ")
        lines.append(f"     -> {step.trust_after:.2f} ({step.grade_after}), "
                     f"+{step.gain:.2f} points")
    if not plan.reachable and plan.steps:
        lines.append(f"Best reachable: {plan.final_score:.2f} ({plan.final_grade}).")
    return "\n".join(lines) + "\n"


def plan_markdown(plan: Plan, options: RenderOptions) -> str:
    """The plan as a Markdown table."""
    out = [f"# {md(_header(plan)[0])}", "", md(_header(plan)[1]), "", f"**{md(plan.note)}**"]
    if plan.steps:
        out += ["", "| # | Step | Control | Change | What to do | Effort | Score after |",
                "|--:|---|---|---|---|---|--:|"]
        for n, step in enumerate(plan.steps, start=1):
            out.append(f"| {n} | {KIND_WORDS[step.kind.value]} | {step.control} "
                       f"{md(step.title)} | {md(_change(step))} | {md(step.what_to_do)} | "
                       f"{step.effort} | {step.trust_after:.2f} ({step.grade_after}) |")
    return "\n".join(out) + "\n"


def plan_json(plan: Plan, options: RenderOptions) -> str:
    """The plan as JSON, with each step's exact change so it can be applied."""
    return json_terminal_safe(plan.model_dump_json(indent=2)) + "\n"
