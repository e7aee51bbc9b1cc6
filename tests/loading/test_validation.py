"""Self-assessments and rubrics that do not fit: every problem, positioned, in plain words."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINI_RUBRIC
from trustscore.errors import InputError, UsageError
from trustscore.loading.load import load_for_scoring, load_rubric

HEAD = """\
format_version: 1
rubric: mini
vendor: {name: V, country: PK, headcount: 5}
assessed_on: 2026-10-01
scope:
  processes_client_personal_data: true
  hosts_client_systems: false
  handles_card_data: false
  client_regions: [EU]
answers:
"""


def problems_of(tmp_path: Path, text: str, rubric: str | None = str(MINI_RUBRIC)
                ) -> list[tuple[int, int, str, str]]:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_for_scoring(path, rubric)
    assert all(p.file == str(path) for p in info.value.problems)
    return [(p.line, p.column, p.message, p.hint) for p in info.value.problems]


def test_all_problems_at_once_sorted_by_position(tmp_path: Path) -> None:
    text = HEAD + """\
  Y1: maybe
  M1: 7
  C1: {value: d}
  N1: lots
  P1: 101
  X9: yes
"""
    found = problems_of(tmp_path, text)
    assert [(line, col, msg) for line, col, msg, _ in found] == [
        (11, 7, "answer Y1 must be yes or no, got 'maybe'"),
        (12, 7, "answer M1 must be a maturity level 0-4, got 7"),
        (13, 15, "answer C1 must be one of: a, b, c; got 'd'"),
        (14, 7, "answer N1 must be a number of hours, got 'lots'"),
        (15, 7, "answer P1 must be between 0 and 100, got 101"),
        (16, 3, "unknown control id 'X9'"),
    ]
    assert found[1][3] == "answer a whole number from 0 to 4; the rubric describes each level"


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    text = HEAD.replace("assessed_on:", "assesed_on:") + "  Y1: yes\n"
    found = problems_of(tmp_path, text)
    assert found == [(4, 1, "unknown key 'assesed_on'", "did you mean 'assessed_on'?")]
    # a key that is simply absent is reported as missing
    found = problems_of(tmp_path, HEAD.replace("assessed_on: 2026-10-01\n", "") + "  Y1: yes\n")
    assert found == [(1, 1, "missing required key 'assessed_on'", "")]


def test_unknown_control_id_suggests_the_nearest(tmp_path: Path) -> None:
    found = problems_of(tmp_path, HEAD + "  y1: yes\n")
    assert found == [(11, 3, "unknown control id 'y1'",
                      "did you mean 'Y1'? (names are case-sensitive)")]


def test_unknown_nested_key_and_evidence_kind(tmp_path: Path) -> None:
    text = HEAD + """\
  Y1:
    value: yes
    evidense: []
  M1:
    value: 2
    evidence:
      - {kind: certficate, title: Cert}
"""
    found = problems_of(tmp_path, text)
    assert found[0][:3] == (13, 5, "unknown key 'evidense'")
    assert found[0][3] == "did you mean 'evidence'?"
    assert found[1][:3] == (17, 16, "unknown evidence kind 'certficate'")
    assert found[1][3] == "did you mean 'certificate'?"


def test_wrong_types_dates_and_non_finite_numbers(tmp_path: Path) -> None:
    text = HEAD.replace("headcount: 5", "headcount: many").replace(
        "2026-10-01", "2026-02-30") + """\
  N1: .inf
  M1:
    value: 2
    evidence:
      - {kind: policy, title: P, issued: 20250101}
"""
    messages = [m for _, _, m, _ in problems_of(tmp_path, text)]
    assert "vendor.headcount must be a whole number, got 'many'" in messages
    assert ("assessed_on must be a real date written as YYYY-MM-DD, got '2026-02-30'"
            in messages)
    assert "answers.M1.evidence.0.issued must be a date written as YYYY-MM-DD" in messages
    assert "answers.N1.value must be a finite number, got inf" in messages


def test_not_applicable_rules(tmp_path: Path) -> None:
    found = problems_of(tmp_path, HEAD + "  Y1: not_applicable\n  C1: not_applicable\n")
    assert [(line, msg) for line, _, msg, _ in found] == [
        (11, "Y1 cannot be answered not_applicable"),
        (12, "C1 is not_applicable but has no justification"),
    ]


def test_answer_must_be_a_single_value(tmp_path: Path) -> None:
    found = problems_of(tmp_path, HEAD + "  Y1: [yes, no]\n")
    assert found[0][2] == ("answers.Y1.value must be a single value (yes/no, a number or a "
                           "word), not a list")


def test_missing_scope_field_is_an_error_not_a_default(tmp_path: Path) -> None:
    text = HEAD.replace("  handles_card_data: false\n", "") + "  Y1: yes\n"
    assert problems_of(tmp_path, text)[0][:3] == (
        5, 1, "missing required key 'handles_card_data'")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    found = problems_of(tmp_path, "- a\n- b\n")
    assert found[0][2] == "a self-assessment must be a mapping of 'key: value' lines, got a list"
    found = problems_of(tmp_path, "just words\n")
    assert "got 'just words'" in found[0][2]


def test_rubric_mismatch(tmp_path: Path) -> None:
    text = HEAD.replace("rubric: mini", "rubric: it-services") + "  Y1: yes\n"
    found = problems_of(tmp_path, text)
    assert found[0][:2] == (2, 9)
    assert "answers rubric 'it-services', but it is being checked against 'mini'" in found[0][2]


def test_unknown_builtin_rubric_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="did you mean 'it-services'"):
        load_rubric("it-service")


# ---------------------------------------------------------------------------- rubrics


def rubric_problems(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rubric(str(path))
    return [(p.line, p.column, p.message) for p in info.value.problems]


def mini_text() -> str:
    return MINI_RUBRIC.read_text(encoding="utf-8")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_test_rubric_and_the_shipped_rubrics_are_valid() -> None:
    load_rubric(str(MINI_RUBRIC))
    load_rubric("it-services")


def test_rubric_duplicate_control_id(tmp_path: Path) -> None:
    text = mini_text().replace("- id: M1", "- id: Y1")
    found = rubric_problems(tmp_path, text)
    assert found == [(line_of(text, "- id: Y1\n        title: Maturity"), 13,
                      "duplicate control id 'Y1'")]


def test_rubric_bands_out_of_order_and_with_gaps(tmp_path: Path) -> None:
    text = mini_text().replace("{at_most: 24, points: 2}", "{at_most: 3, points: 2}")
    found = rubric_problems(tmp_path, text)
    assert found[0][2].startswith("bands must be listed best first")
    text = mini_text().replace("            - {points: 0}\n        evidence_expected: "
                               "[anything]\n        remediation: {hint: Faster.",
                               "            - {at_most: 48, points: 0}\n        "
                               "evidence_expected: [anything]\n        remediation: "
                               "{hint: Faster.")
    found = rubric_problems(tmp_path, text)
    assert found[0][2] == "the last band catches every other value: leave out 'at_most'"


def test_rubric_worse_band_cannot_earn_more(tmp_path: Path) -> None:
    text = mini_text().replace("{at_most: 24, points: 2}", "{at_most: 24, points: 4.5}")
    assert any("must be at most 4" in m for _, _, m in rubric_problems(tmp_path, text))
    text = mini_text().replace("- {at_least: 50, points: 2}", "- {at_least: 50, points: 4}"
                               ).replace("- {at_least: 90, points: 4}",
                                         "- {at_least: 90, points: 3}")
    messages = [m for _, _, m in rubric_problems(tmp_path, text)]
    assert "a worse band cannot earn more points than a better one" in messages


def test_rubric_references_must_resolve(tmp_path: Path) -> None:
    text = mini_text().replace("weights: {d1: 1, d2: 1}", "weights: {d1: 1, d3: 1}").replace(
        "certificate: third}", "certificate: thrid}").replace(
        "one_failed_caps_at: C", "one_failed_caps_at: E")
    messages = [m for _, _, m in rubric_problems(tmp_path, text)]
    assert "profile 'p2' names unknown domain 'd3'" in messages
    assert "evidence kind 'certificate' names unknown tier 'thrid'" in messages
    assert "unknown grade 'E'" in messages


def test_rubric_grades_must_descend_to_zero(tmp_path: Path) -> None:
    text = mini_text().replace("min_score: 60", "min_score: 90")
    assert any("best first" in m for _, _, m in rubric_problems(tmp_path, text))
    text = mini_text().replace("{grade: F, min_score: 0", "{grade: F, min_score: 10")
    assert any("must start at 0" in m for _, _, m in rubric_problems(tmp_path, text))


def test_rubric_maturity_needs_all_levels(tmp_path: Path) -> None:
    text = mini_text().replace(", 4: optimised}", "}")
    assert any("one description for each level" in m
               for _, _, m in rubric_problems(tmp_path, text))


def test_rubric_weight_must_be_positive(tmp_path: Path) -> None:
    text = mini_text().replace("weight: 2\n", "weight: 0\n")
    assert any("must be above 0" in m for _, _, m in rubric_problems(tmp_path, text))


def test_builtin_rubric_ids_match_their_file_names() -> None:
    from trustscore.loading.builtin import builtin_rubrics

    for rubric_id in builtin_rubrics():
        assert load_rubric(rubric_id).rubric.id == rubric_id


def test_an_answer_with_a_bad_date_still_has_its_value_and_kinds_checked(tmp_path: Path) -> None:
    """Fixing the date must not reveal two more problems: all three come in one run."""
    text = HEAD + """\
  C1:
    value: gold
    evidence:
      - kind: certficate
        title: Certificate
        issued: 01/09/2025
      - {kind: polcy, title: Policy, url: not-a-url, colour: blue}
      - just text
      - {kind: note}
"""
    found = [(line, column, message) for line, column, message, _ in
             problems_of(tmp_path, text)]
    assert (12, 12, "answer C1 must be one of: a, b, c; got 'gold'") in found
    assert (14, 15, "unknown evidence kind 'certficate'") in found
    assert any(line == 16 and "issued" in m for line, _, m in found)
    assert (17, 16, "unknown evidence kind 'polcy'") in found
    assert any(line == 17 and "url" in m for line, _, m in found)
    assert any(line == 17 and "colour" in m for line, _, m in found)
    assert any(line == 18 for line, _, _ in found)  # not a mapping
    assert any(line == 19 and "title" in m for line, _, m in found)  # missing title
    assert len(found) == 8, found


def test_an_answer_whose_value_is_unusable_is_not_guessed_at(tmp_path: Path) -> None:
    text = HEAD + """\
  C1:
    value: {a: 1}
    evidence: [{kind: certficate, title: C}]
"""
    found = problems_of(tmp_path, text)
    assert len(found) == 1 and "single value" in found[0][2]
