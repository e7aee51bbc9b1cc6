"""The safe YAML reader: strict scalars, refusals with positions, odd files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from trustscore.errors import InputError
from trustscore.loading.yaml_source import (
    YamlLimits,
    load_yaml_file,
    parse_yaml_bytes,
)

STRICT = YamlLimits()


def parse(text: str | bytes, limits: YamlLimits = STRICT) -> object:
    raw = text.encode() if isinstance(text, str) else text
    return parse_yaml_bytes(raw, "f.yaml", limits).data


def problems(text: str | bytes, limits: YamlLimits = STRICT) -> list[tuple[int, int, str]]:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(InputError) as info:
        parse_yaml_bytes(raw, "f.yaml", limits)
    return [(p.line, p.column, p.message) for p in info.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 1", 1), ("a: -7", -7), ("a: +3", 3), ("a: 2.5", 2.5), ("a: 1e3", 1000.0),
    ("a: true", True), ("a: False", False), ("a: null", None), ("a: ~", None),
    ("a: NO", "NO"), ("a: yes", "yes"), ("a: off", "off"), ("a: 1:30", "1:30"),
    ("a: 0123", "0123"), ("a: 0o17", "0o17"), ("a: 0x1F", "0x1F"),
    ("a: 2025-03-01", "2025-03-01"), ("a: '5'", "5"), ('a: "true"', "true"),
    ("a: 1_000", "1_000"),
])
def test_strict_scalars(text: str, expected: object) -> None:
    assert parse(text) == {"a": expected}


def test_special_floats_are_floats_for_the_models_to_reject() -> None:
    data = parse("a: .inf\nb: .nan")
    assert isinstance(data, dict) and data["a"] == float("inf") and data["b"] != data["b"]


def test_positions_of_keys_and_values() -> None:
    doc = parse_yaml_bytes(b"a:\n  b: [1, x]\n  c: z\n", "f.yaml", STRICT)
    assert not doc.positioned                        # a clean parse records no positions
    doc.ensure_positions()
    assert doc.positioned
    assert doc.key_positions[("a", "b")] == (2, 3)
    assert doc.value_positions[("a", "b", 1)] == (2, 10)
    assert doc.value_positions[("a", "c")] == (3, 6)
    assert doc.locate(("a", "missing")) == (1, 1)        # a mapping ancestor: its key
    assert doc.locate(("a", "c", "value")) == (3, 6)     # a scalar ancestor: its value


def test_duplicate_keys_name_both_lines_at_any_depth() -> None:
    assert problems("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") == [
        (4, 3, "duplicate key 'c' (first defined at line 3)"),
        (5, 1, "duplicate key 'a' (first defined at line 1)"),
    ]


@pytest.mark.parametrize("text", [
    "a: !!python/object:os.system x", "a: !custom 1", "a: !!str 1", "!!map {a: 1}",
])
def test_tags_are_refused(text: str) -> None:
    found = problems(text)
    assert "YAML tags are not allowed" in found[0][2]


def test_anchors_aliases_and_merge_keys_are_refused_in_assessments() -> None:
    found = problems("a: &x {k: 1}\nb: *x\nc:\n  <<: {k: 2}\n")
    assert [(line, col) for line, col, _ in found] == [(1, 4), (2, 4), (4, 3)]
    assert "anchors (&x)" in found[0][2] and "aliases (*x)" in found[1][2]
    assert "merge keys" in found[2][2]


def test_rubrics_may_use_aliases_within_a_budget() -> None:
    rubric_limits = YamlLimits(allow_aliases=True, max_nodes=1000)
    assert parse("a: &x [1, 2]\nb: *x\n", rubric_limits) == {"a": [1, 2], "b": [1, 2]}
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    assert "aliases expand to too many values" in problems(laughs, rubric_limits)[0][2]


def test_deep_nesting_is_stopped_before_the_parser_can_crash() -> None:
    found = problems("[" * 100_000 + "]" * 100_000)
    assert found == [(1, 33, "nesting is deeper than 32 levels")]
    assert "nesting is deeper" in problems("- " * 100 + "x")[0][2]


# (text, line, column of the 33rd level): flow runs of every length around libyaml's own
# limit of 1000, after other content, mixed with block nesting and with flow mappings.
DEEP = "a: 1\nb:\n  c: "
DEEP_CASES = [
    ("[" * 33 + "]" * 33, 1, 33),
    ("[" * 999, 1, 33),
    ("[" * 1000, 1, 33),
    ("[" * 1001, 1, 33),
    ("[" * 100_000, 1, 33),
    (DEEP + "[" * 5000, 3, 36),
    ("a:\n  b:\n    - " + "[" * 2000, 3, 36),
    ("z: " + "{a: " * 3000, 1, 4 + 31 * 4),
    ("é: 'x'\n" * 100 + "k: " + "[" * 1500, 101, 35),  # duplicate keys: a second parse
    ("".join(f"é{i}: 'x'\n" for i in range(100)) + "k: " + "[" * 1500, 101, 35),
    ("k:\n" + "  - " * 20 + "[" * 1200, 2, 4 * 20 + 12),
]


@pytest.mark.parametrize(("text", "line", "column"), DEEP_CASES)
def test_depth_limit_is_ours_whatever_libyaml_does(text: str, line: int, column: int) -> None:
    """PyYAML 6.0.4's libyaml stops flow nesting at 1000 itself: the message and the
    position must still be trustscore's, at every depth."""
    assert problems(text) == [(line, column, "nesting is deeper than 32 levels")]


def test_syntax_errors_are_positioned_with_hints() -> None:
    with pytest.raises(InputError) as info:
        parse_yaml_bytes(b"a: 1\n\tb: 2\n", "f.yaml", STRICT)
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (2, 1)
    assert "tabs" in problem.hint
    assert problems("a: [1, 2\n")[0][2].startswith("invalid YAML")


def test_one_document_only() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        (2, 1, "the file holds more than one YAML document")]


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "file is empty"), (b"  \n\n", "file is empty"),
    (b"# only a comment\n", "file holds no data"),
    ("a: 1".encode("utf-16"), "file is UTF-16 encoded"),
    ("a: 1".encode("utf-32"), "file is UTF-32 encoded"),
    (b"a: caf\xe9\n", "file is not valid UTF-8 (byte 0xe9)"),
    (b"\x00\x01\x02binary", "file contains NUL bytes: it is binary or UTF-16, not text"),
])
def test_encodings_and_empty_files(raw: bytes, message: str) -> None:
    assert problems(raw)[0][2] == message


def test_utf8_bom_is_accepted_and_hashed_as_read() -> None:
    doc = parse_yaml_bytes(b"\xef\xbb\xbfa: 1\n", "f.yaml", STRICT)
    assert doc.data == {"a": 1}
    assert len(doc.sha256) == 64


def test_crlf_line_endings() -> None:
    assert parse(b"a: 1\r\nb: x\r\n") == {"a": 1, "b": "x"}


def test_huge_integers_are_refused() -> None:
    assert "is too large" in problems("a: " + "9" * 40)[0][2]


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 5000)
    with pytest.raises(InputError, match="file is too large"):
        load_yaml_file(big, "big.yaml", YamlLimits(max_bytes=1000))


def test_directory_missing_file_and_fifo(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_yaml_file(tmp_path, "dir", STRICT)
    with pytest.raises(InputError, match="file not found"):
        load_yaml_file(tmp_path / "nope.yaml", "nope.yaml", STRICT)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_yaml_file(fifo, "pipe.yaml", STRICT)


def test_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        load_yaml_file(link, "zero.yaml", STRICT)


def test_keys_must_be_plain_text_or_numbers() -> None:
    assert "must be text or a whole number" in problems("true: 1")[0][2]
    assert "must be a plain value" in problems("? [a, b]\n: 1\n")[0][2]
