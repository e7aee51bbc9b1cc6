"""Rubric lint rejects rules that name unknown controls or compare values of the wrong type."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_RUBRIC
from trustscore.errors import InputError
from trustscore.loading.load import load_rubric

RULE = """rules:
  - id: R1
    code: {code}
    severity: warning
    description: Something does not add up.
    message: It does not add up.
    hint: Make it add up.
    when: {when}
    effect: {effect}
domains:
"""


def problems(tmp_path: Path, when: str, effect: str = "{type: flag}",
             code: str = "odd-claim", extra: str = "") -> list[tuple[int, str, str]]:
    text = MINI_RUBRIC.read_text(encoding="utf-8").replace(
        "domains:\n", extra + RULE.format(when=when, effect=effect, code=code), 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rubric(str(path))
    return [(p.line, p.message, p.hint) for p in info.value.problems]


def test_a_valid_rule_loads(tmp_path: Path) -> None:
    text = MINI_RUBRIC.read_text(encoding="utf-8").replace("domains:\n", RULE.format(
        code="odd-claim", when="{all: [{answer: C1, is: eq, value: c}, "
        "{points: M1, is: lt, value: 2}, {not: {evidence: C1, kind_in: [certificate]}}]}",
        effect="{type: cap, controls: [C1], max_points: 2}"), 1)
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(load_rubric(str(path)).rubric.rules) == 1


@pytest.mark.parametrize(("when", "effect", "message", "hint"), [
    ("{answer: Y2, is: answered}", "{type: flag}", "unknown control id 'Y2'",
     "did you mean 'Y1'?"),
    ("{answer: C1, is: lt, value: b}", "{type: flag}",
     "C1 is a choice answer: it has no order", "compare its points instead"),
    ("{answer: C1, is: eq, value: d}", "{type: flag}", "C1: 'd' is not one of its options", ""),
    ("{answer: Y1, is: eq, value: 'yes'}", "{type: flag}",
     "Y1: a yes_no answer is true or false, not 'yes'", ""),
    ("{answer: N1, is: gt, value: ten}", "{type: flag}",
     "N1: a number answer is a number, not 'ten'", ""),
    ("{answer: N1, is: in, value: 3}", "{type: flag}", "'in' needs a list of values", ""),
    ("{answer: N1, is: lt, control: C1}", "{type: flag}",
     "N1 (number) cannot be compared with C1 (choice)", ""),
    ("{evidence: N1, kind_in: [certficate]}", "{type: flag}",
     "unknown evidence kind 'certficate'", "did you mean 'certificate'?"),
    ("{scope: handles_card_data, is: eq, value: 'yes'}", "{type: flag}",
     "handles_card_data is compared with eq or ne and true or false", ""),
    ("{answer: N1, is: answered}", "{type: cap, controls: [N1]}",
     "a cap needs max_points (0-4)", ""),
    ("{answer: N1, is: answered}", "{type: downgrade, controls: [N1], tier: thrid}",
     "unknown tier 'thrid'", "did you mean 'third'?"),
    ("{answer: N1, is: answered}", "{type: cap, controls: [N9], max_points: 1}",
     "unknown control id 'N9'", "did you mean 'N1'?"),
    ("{answer: N1, is: answered}", "{type: downgrade}",
     "a downgrade effect needs the controls it applies to", ""),
])
def test_rule_problems_are_positioned(tmp_path: Path, when: str, effect: str, message: str,
                                      hint: str) -> None:
    found = problems(tmp_path, when, effect)
    assert any(m == message and hint in h and line > 0 for line, m, h in found), found


def test_rule_code_cannot_shadow_a_builtin_flag(tmp_path: Path) -> None:
    found = problems(tmp_path, "{answer: N1, is: answered}", code="knockout-failed")
    assert any(m == "rule code 'knockout-failed' is a built-in flag code" for _, m, _ in found)


def test_overclaiming_names_number_controls(tmp_path: Path) -> None:
    extra = "overclaiming:\n  perfect_values: {C1: 4, N2: 0}\n"
    found = problems(tmp_path, "{answer: N1, is: answered}", extra=extra)
    messages = {m for _, m, _ in found}
    assert "C1 is not a number or percent answer" in messages
    assert "unknown control id 'N2'" in messages


def test_malformed_condition_is_one_clear_message(tmp_path: Path) -> None:
    found = problems(tmp_path, "{answr: N1}")
    assert found == [(found[0][0], "rules.0.when: a condition needs one of the keys: all, "
                      "any, not, answer, points, evidence, scope, headcount, as_of", "")]
