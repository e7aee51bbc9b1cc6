"""A rubric laid out for people: every control, its question, answer, weight and knockout.

Used by ``trustscore rubric show`` and to generate the control tables in the README (a test
keeps the two identical). Rubric text can come from a custom file, so it is escaped like
any other input.
"""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from trustscore.models.answer_types import answer_kind
from trustscore.models.documents import RubricCatalogue, RubricLint
from trustscore.models.rubric import AnswerSpec, AppliesWhen, Control, Rubric
from trustscore.models.rules import EffectType, Rule
from trustscore.render.escaping import md, safe_text
from trustscore.render.options import RenderOptions
from trustscore.render.terminal import render_to_string


def rubric_list_text(catalogue: RubricCatalogue, options: RenderOptions) -> str:
    """One line per rubric: id, version, size and title (``trustscore rubric list``)."""
    return "".join(f"{safe_text(r.id):<14} {safe_text(r.version):<8} "
                   f"{len(r.controls()):>3} controls  {safe_text(r.title)}\n"
                   for r in catalogue.rubrics)


def rubric_lint_text(lint: RubricLint, options: RenderOptions) -> str:
    """``file: ok (id@version, N controls)`` for each rubric that passed (problems go to
    standard error, as every command's do)."""
    return "".join(f"{safe_text(r.file)}: ok ({safe_text(r.rubric.id)}@"
                   f"{safe_text(r.rubric.version)}, {len(r.rubric.controls())} controls)\n"
                   for r in lint.passed)


def answer_summary(spec: AnswerSpec) -> str:
    """How a control is answered, in a few words."""
    return answer_kind(spec).summary(spec)


def condition_summary(condition: AppliesWhen | None) -> str:
    """When a conditional control counts, in words; empty when it always does."""
    if condition is None:
        return ""
    parts = []
    words = {"processes_client_personal_data": "client personal data is processed",
             "hosts_client_systems": "client systems are hosted or operated",
             "handles_card_data": "payment card data is handled"}
    for name, text in words.items():
        wanted = getattr(condition, name)
        if wanted is True:
            parts.append(text)
        elif wanted is False:
            parts.append(f"not: {text}")
    if condition.client_regions_any:
        parts.append("clients are in " + " / ".join(condition.client_regions_any))
    return "only when " + " and ".join(parts)


def _knockout(control: Control) -> str:
    if control.knockout is None:
        return ""
    return f"under {control.knockout.fails_below:g} of 4 points"


def rubric_markdown(rubric: Rubric, *, heading_level: int = 3) -> str:
    """Every domain and control as Markdown tables."""
    h = "#" * heading_level
    out: list[str] = []
    for domain in rubric.domains:
        out.append(f"{h} {md(domain.name)} (`{domain.id}`, weight {domain.weight:g})")
        out.append("")
        out.append(md(domain.description))
        out.append("")
        out.append("| Control | Question | Answer | Weight | Knockout |")
        out.append("|---|---|---|--:|---|")
        for c in domain.controls:
            question = md(c.question)
            condition = condition_summary(c.applies_when)
            if condition:
                question += f" *({md(condition)})*"
            if c.allow_not_applicable:
                question += " *(may be not applicable)*"
            out.append(f"| {c.id} {md(c.title)} | {question} | {md(answer_summary(c.answer))} "
                       f"| {c.weight:g} | {_knockout(c)} |")
        out.append("")
    return "\n".join(out)


def rubric_reference_markdown(rubric: Rubric, *, heading_level: int = 2) -> str:
    """Knockouts, weight profiles and every control, as Markdown sections."""
    h = "#" * heading_level
    knockouts = "\n".join(f"| {c.id} {md(c.title)} | {_knockout(c)} | "
                           f"{md(condition_summary(c.applies_when) or 'always')} "
                           f"| {md(c.knockout.reason)} |"
                           for c in rubric.controls() if c.knockout is not None)
    rules = "\n".join(
        f"| `{r.code}` | {r.severity.value} | {r.id}: {md(r.description)} | "
        f"{md(_effect_words(r))} | {md(r.hint)} |" for r in rubric.rules)
    rules_section = (f"{h} Consistency rules\n\n"
                     "| Flag | Severity | What it checks | Effect | How to resolve |\n"
                     "|---|---|---|---|---|\n" + rules + "\n\n") if rubric.rules else ""
    over = rubric.overclaiming
    over_section = "" if over is None else (
        f"{h} Too good to be true\n\n"
        "These mark the assessment as needing verification and lower confidence a level; "
        "they never change points on their own.\n\n"
        + ("" if over.unbacked_share_above is None else
           f"- `claims-unbacked`: more than {over.unbacked_share_above:.0%} of the claimed "
           f"score, worth more than {over.unbacked_points_above:g} points, rests on claims "
           "no checkable evidence backs.\n")
        + f"- `perfect-numbers`: {over.perfect_min} or more of these at their perfect value: "
        + ", ".join(f"{cid} = {v:g}" for cid, v in over.perfect_values.items()) + ".\n"
        f"- `round-numbers`: at least {over.round_share:.0%} of the measured figures "
        f"({', '.join(over.measured_controls)}) are multiples of {over.round_multiple:g}, "
        f"with at least {over.round_min_answers} answered.\n\n")
    return (f"{h} Knockouts\n\n"
            f"One failed knockout caps the grade at {rubric.knockouts.one_failed_caps_at}; "
            f"two or more cap it at {rubric.knockouts.two_or_more_cap_at}. An unanswered "
            "knockout counts as failed.\n\n"
            "| Control | Fails when it earns | Applies | Why it is critical |\n"
            "|---|---|---|---|\n" + knockouts + "\n\n"
            + rules_section + over_section +
            f"{h} Weight profiles\n\n" + profiles_markdown(rubric) + "\n"
            f"{h} Controls\n\n" + rubric_markdown(rubric, heading_level=heading_level + 1))


def _effect_words(rule: Rule) -> str:
    effect = rule.effect
    controls = ", ".join(effect.controls)
    if effect.type is EffectType.CAP:
        return f"{controls} earn at most {effect.max_points:g} points"
    if effect.type is EffectType.DOWNGRADE:
        return f"{controls} count at most as {effect.tier or 'a bare claim'}"
    if effect.type is EffectType.VERIFY:
        return "needs verification"
    return "flag only"


def rubric_document_markdown(rubric: Rubric, options: RenderOptions) -> str:
    """The whole rubric as a Markdown document: grades, knockouts, profiles, controls."""
    grades = "\n".join(f"| {g.grade} | {g.min_score:g} | {md(g.label)} |" for g in rubric.grades)
    return (f"# {md(rubric.title)} (`{rubric.id}@{rubric.version}`)\n\n"
            f"{md(rubric.description)}\n\n"
            "## Grades\n\n| Grade | From | Meaning |\n|---|--:|---|\n" + grades + "\n\n"
            + rubric_reference_markdown(rubric, heading_level=2))


def profiles_markdown(rubric: Rubric) -> str:
    """The weight profiles as a Markdown table, domains as columns."""
    domains = [d.id for d in rubric.domains]
    out = ["| Profile | " + " | ".join(domains) + " | For |",
           "|---|" + "--:|" * len(domains) + "---|"]
    out.append("| `default` | " + " | ".join(f"{d.weight:g}" for d in rubric.domains)
               + " | The domains' own weights |")
    for p in rubric.profiles:
        weights = [f"{p.weights.get(d.id, d.weight):g}" for d in rubric.domains]
        out.append(f"| `{p.id}` | " + " | ".join(weights) + f" | {md(p.description)} |")
    return "\n".join(out) + "\n"


def rubric_text(rubric: Rubric, options: RenderOptions) -> str:
    """The rubric for a terminal: one table per domain (and the profiles with
    ``options.profiles``)."""
    parts: list[RenderableType] = [
        Text(safe_text(f"{rubric.title} ({rubric.id}@{rubric.version})"), style="bold"),
        Text(safe_text(rubric.description))]
    grades = ", ".join(f"{g.grade} from {g.min_score:g}" for g in rubric.grades)
    parts.append(Text(f"Grades: {grades}. One failed knockout caps the grade at "
                      f"{rubric.knockouts.one_failed_caps_at}, two or more at "
                      f"{rubric.knockouts.two_or_more_cap_at}."))
    if options.profiles:
        table = Table(title="Weight profiles", box=box.SIMPLE_HEAD, title_justify="left",
                      expand=True)
        table.add_column("Profile", no_wrap=True)
        table.add_column("Domain weights and who it is for", ratio=1)
        table.add_row("default", Text(safe_text(", ".join(
            f"{d.id} {d.weight:g}" for d in rubric.domains)) + "\nThe domains' own weights"))
        for p in rubric.profiles:
            weights = ", ".join(f"{d.id} {p.weights.get(d.id, d.weight):g}"
                                for d in rubric.domains)
            cell = Text(safe_text(weights))
            cell.append("\n" + safe_text(p.description), style="dim")
            table.add_row(Text(safe_text(p.id)), cell)
        parts.append(table)
    for domain in rubric.domains:
        table = Table(title=safe_text(f"{domain.name} (weight {domain.weight:g})"),
                      box=box.SIMPLE_HEAD, title_justify="left", expand=True)
        table.add_column("Control", no_wrap=True)
        table.add_column("Question and answer", ratio=1)
        table.add_column("W", justify="right", no_wrap=True)
        table.add_column("KO", no_wrap=True)
        for c in domain.controls:
            detail = Text(safe_text(c.question))
            detail.append(f"\n{safe_text(answer_summary(c.answer))}", style="dim")
            condition = condition_summary(c.applies_when)
            if condition:
                detail.append(f"; {condition}", style="dim")
            table.add_row(Text(safe_text(f"{c.id}")), detail, f"{c.weight:g}",
                          "yes" if c.knockout else "")
        parts.append(table)
    return render_to_string(parts, options)
