"""Hostile and malformed self-assessments, each run as a real process under limits.

Every case runs ``trustscore validate`` in a subprocess capped at a few seconds of CPU and
512 MiB of address space: a hang, a parser crash or unbounded memory kills the process
and fails the test. Each case states its exit code, the message it must show, and where
(``line:column``) when the problem has a position; none may print a traceback or let a
raw escape, bell or bidi character reach the terminal.

The files live in tests/hostile/; cases too large or too special to commit (deep nesting,
a 3 MiB file, a FIFO, a device) are made at test time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import HOSTILE, check, run_limited

# file -> (exit code, message fragment, "line:column" or None)
CASES: dict[str, tuple[int, str, str | None]] = {
    "empty.yaml": (2, "error: file is empty", None),
    "whitespace-only.yaml": (2, "error: file is empty", None),
    "comment-only.yaml": (2, "error: file holds no data", None),
    "bare-scalar.yaml": (2, "must be a mapping of 'key: value' lines, got 'hello'", "1:1"),
    "top-level-list.yaml": (2, "must be a mapping of 'key: value' lines, got a list", "1:1"),
    "unclosed-bracket.yaml": (2, "invalid YAML: did not find expected ',' or ']'", "13:8"),
    "bad-indentation.yaml": (2, "invalid YAML: mapping values are not allowed", "5:12"),
    "tab-indentation.yaml": (2, "YAML indentation must use spaces, not tabs", "5:1"),
    "duplicate-top-key.yaml": (2, "duplicate key 'rubric' (first defined at line 2)", "16:1"),
    "duplicate-control.yaml": (2, "duplicate key 'SEC-03' (first defined at line 14)", "16:3"),
    "python-tag.yaml": (2, "YAML tags are not allowed", "4:9"),
    "unknown-tag.yaml": (2, "YAML tags are not allowed (found '!vault')", "6:14"),
    "anchor-alias.yaml": (2, "anchors (&two) are not allowed in this file", "15:11"),
    "merge-key-bomb.yaml": (2, "anchors (&a) are not allowed in this file", "1:4"),
    "billion-laughs.yaml": (2, "anchors (&a) are not allowed in this file", "1:4"),
    "multi-document.yaml": (2, "the file holds more than one YAML document", "16:1"),
    "wrong-types.yaml": (2, "vendor.headcount must be a whole number, got 'twenty'", "6:14"),
    "nan-answer.yaml": (2, "answers.SEC-03.value must be a finite number, got nan", "14:11"),
    "infinite-number.yaml": (2, "must be a finite number, got -inf", "14:11"),
    "invalid-date.yaml": (2, "must be a real date written as YYYY-MM-DD, got '2026-02-30'",
                          "7:14"),
    "date-as-number.yaml": (2, "issued must be a date written as YYYY-MM-DD", "19:53"),
    "huge-integer.yaml": (2, "is too large", "6:14"),
    "binary-garbage.bin": (2, "file contains NUL bytes: it is binary or UTF-16, not text",
                           "1:1"),
    "utf8-bom.yaml": (0, "ok (it-services@3.2.0, 2 answers)", None),
    "utf16-with-bom.yaml": (2, "error: file is UTF-16 encoded", None),
    "utf16-no-bom.yaml": (2, "file contains NUL bytes", "1:2"),
    "latin1.yaml": (2, "file is not valid UTF-8 (byte 0xe9)", "4:12"),
    "crlf-line-endings.yaml": (0, "ok (it-services@3.2.0, 2 answers)", None),
    "ansi-escape-in-name.yaml": (0, "ok (it-services@3.2.0, 2 answers)", None),
    "rich-markup-in-name.yaml": (0, "ok (it-services@3.2.0, 2 answers)", None),
    "bidi-override-in-name.yaml": (0, "ok (it-services@3.2.0, 2 answers)", None),
    "ansi-escape-in-key.yaml": (2, "unknown control id 'SEC-\\x1b[31m04'", "16:3"),
    "homoglyph-key.yaml": (2, "contains U+043E CYRILLIC SMALL LETTER O", "8:1"),
    "zero-width-control-id.yaml": (2, "it looks like 'SEC-03' but contains U+200B ZERO WIDTH "
                                      "SPACE", "14:3"),
    "line-separator-in-key.yaml": (2, "unknown control id 'SEC-04\\u2028'", "16:3"),
    "raw-control-character.yaml": (2, "character U+0007 is not allowed in YAML text", "4:13"),
    "unknown-control.yaml": (2, "unknown control id 'SEC-99'", "16:3"),
    "unknown-key.yaml": (2, "unknown key 'assesed_on'", "7:1"),
    "na-without-justification.yaml": (2, "DEL-02 is not_applicable but has no justification",
                                      "16:11"),
    "answer-is-a-mapping-of-junk.yaml": (2, "must be a single value", "16:19"),
    "complex-key.yaml": (2, "a mapping key must be a plain value", "16:5"),
    "null-everywhere.yaml": (2, "format_version must be 1, got nothing", "1:16"),
}

BASE = (HOSTILE / "crlf-line-endings.yaml").read_bytes().replace(b"\r\n", b"\n")


def _deep_flow(tmp: Path) -> Path:
    path = tmp / "deep-flow-nesting.yaml"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    return path


def _deep_block(tmp: Path) -> Path:
    path = tmp / "deep-block-nesting.yaml"
    path.write_bytes(b"- " * 50_000 + b"x\n")
    return path


def _huge_file(tmp: Path) -> Path:
    path = tmp / "huge-file.yaml"
    path.write_bytes(BASE + b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    return path


def _long_value(tmp: Path) -> Path:
    path = tmp / "very-long-value.yaml"
    path.write_bytes(BASE.replace(b"name: Acme Ltd", b"name: " + b"x" * 500_000))
    return path


def _many_answers(tmp: Path) -> Path:
    path = tmp / "thirty-thousand-answers.yaml"
    path.write_bytes(BASE + b"".join(b"  X-%05d: 1\n" % i for i in range(30_000)))
    return path


def _fifo(tmp: Path) -> Path:
    path = tmp / "pipe.yaml"
    os.mkfifo(path)
    return path


def _directory(tmp: Path) -> Path:
    path = tmp / "folder.yaml"
    path.mkdir()
    return path


def _device(tmp: Path) -> Path:
    path = tmp / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-file.yaml"


GENERATED: dict[str, tuple[Callable[[Path], Path], int, str, str | None]] = {
    "deep-flow-nesting": (_deep_flow, 2, "nesting is deeper than 32 levels", "1:33"),
    "deep-block-nesting": (_deep_block, 2, "nesting is deeper than 32 levels", "1:65"),
    "huge-file": (_huge_file, 2, "file is too large", None),
    "very-long-value": (_long_value, 2, "vendor.name is too long (at most 300 characters)",
                        "4:9"),
    "thirty-thousand-answers": (_many_answers, 2, "answers has too many items (at most 2000)",
                                "14:3"),
    "fifo": (_fifo, 2, "is not a regular file (a pipe, socket or device)", None),
    "directory": (_directory, 2, "is a directory, not a YAML file", None),
    "symlink-to-device": (_device, 2, "is not a regular file", None),
    "missing-file": (_missing, 2, "file not found", None),
}


def test_corpus_is_large_enough_and_complete() -> None:
    files = {p.name for p in HOSTILE.iterdir() if not p.name.startswith(".")}
    assert files == set(CASES)
    assert len(CASES) + len(GENERATED) >= 35


@pytest.mark.parametrize("name", sorted(CASES))
def test_committed_case(name: str) -> None:
    code, message, position = CASES[name]
    proc = run_limited("validate", name, cwd=HOSTILE)
    check(proc, name, code, message, position)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, tmp_path: Path) -> None:
    make, code, message, position = GENERATED[name]
    path = make(tmp_path)
    proc = run_limited("validate", path.name, cwd=tmp_path)
    check(proc, path.name, code, message, position)


@pytest.mark.parametrize("name", ["ansi-escape-in-name.yaml", "rich-markup-in-name.yaml",
                                  "bidi-override-in-name.yaml"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_hostile_names_are_shown_escaped_in_every_report(name: str, fmt: str) -> None:
    proc = run_limited("score", name, "--format", fmt, cwd=HOSTILE)
    check(proc, "", 0, "", None)
    if fmt == "text":
        if "rich-markup" in name:
            assert "[link=http://evil.example]Evil[/link] [/b] [bold red]x :smile:" in (
                proc.stdout)
        if "ansi" in name:
            assert "Evil\\x1b[2J\\x1b[31mCorp" in proc.stdout
        if "bidi" in name:
            assert "Acme \\u202egnp.exe\\u202c Ltd" in proc.stdout
    if fmt == "json":
        import json

        name_in_report = json.loads(proc.stdout)["vendor"]["name"]
        assert "\u202e" in name_in_report or "\x1b" in name_in_report or "[" in name_in_report
