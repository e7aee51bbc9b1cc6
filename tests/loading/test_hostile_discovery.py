"""Folders and file names as an unlucky operator or an attacker lays them out (items 16
and 17 of issue 10): every file seen is scored, an error, or listed as skipped with the
reason; nothing runs for ever; names that are not UTF-8 are shown escaped and JSON stays
valid. Real subprocesses under the hostile corpus' limits, plus the walker itself.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, check, run_limited
from trustscore.loading import discover as discover_module
from trustscore.loading.discover import discover

SAMPLE = SAMPLES / "northwind-certified.yaml"
AS_OF = ("--as-of", "2026-11-01")


def batch_json(*args: str, cwd: Path) -> tuple[int, dict[str, object], str]:
    proc = run_limited("batch", *args, *AS_OF, "-f", "json", cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def _nest(top: Path, name: str, levels: int, content: bytes) -> None:
    """``levels`` folders inside ``top`` with a YAML file at the bottom, made with *at()
    calls, so the tree may be deeper (or its path longer) than a path can name."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(levels):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        out = os.open("deep.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(out, content)
        os.close(out)
    finally:
        os.close(fd)


def _unnest(top: Path, name: str, levels: int) -> None:
    """Remove what :func:`_nest` made, bottom up with *at() calls: pytest's own clean-up
    (and shutil.rmtree, which recurses) cannot remove a tree this deep or long."""
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(levels):
            fds.append(os.open(name, os.O_RDONLY, dir_fd=fds[-1]))
        os.unlink("deep.yaml", dir_fd=fds[-1])
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir(name, dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)


def test_a_tree_thousands_of_levels_deep_is_walked(tmp_path: Path) -> None:
    """os.walk recursed: 1,100 levels were a RecursionError and the batch was lost."""
    top = tmp_path / "t"
    top.mkdir()
    shutil.copy(SAMPLE, top / "top.yaml")
    _nest(top, "d", 1100, SAMPLE.read_bytes())
    try:
        code, data, _ = batch_json("t", cwd=tmp_path)
    finally:
        _unnest(top, "d", 1100)
    assert code == 0
    assert data["summary"]["scored"] == 2  # type: ignore[index]


def test_a_path_longer_than_the_system_allows_is_listed_not_lost(tmp_path: Path) -> None:
    """Below PATH_MAX (4096 bytes) files could not be seen and were silently missing."""
    top = tmp_path / "long"
    top.mkdir()
    shutil.copy(SAMPLE, top / "a.yaml")
    _nest(top, "n" * 250, 20, SAMPLE.read_bytes())  # 20 x 251 bytes: past PATH_MAX
    try:
        code, data, _ = batch_json(str(top), cwd=tmp_path)
    finally:
        _unnest(top, "n" * 250, 20)
    assert data["summary"]["scored"] == 1  # type: ignore[index]
    reasons = [s["reason"] for s in data["skipped"]]  # type: ignore[attr-defined]
    assert any("longer than the system allows" in r for r in reasons), reasons
    assert code == 0


def test_an_unreadable_folder_is_listed_with_its_reason(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, where permissions do not bite: the walker is shown the error a
    normal user gets."""
    top = tmp_path / "top"
    (top / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, top / "a.yaml")
    shutil.copy(SAMPLE, top / "locked" / "b.yaml")
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(discover_module.os, "scandir", scandir)
    found = discover([str(top)])
    assert [Path(p).name for p in found.files] == ["a.yaml"]
    assert [(Path(s.path).name, s.reason) for s in found.skipped] == [
        ("locked", "cannot read the folder: permission denied")]


def test_a_double_star_glob_through_symlink_loops_ends(tmp_path: Path) -> None:
    """glob('**') followed two symlinks to '.' for ever, memory growing."""
    root = tmp_path / "r"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, root / "sub" / "v.yaml")
    (root / "loop1").symlink_to(".")
    (root / "sub" / "loop2").symlink_to("..")
    code, data, _ = batch_json(str(root / "**" / "*.yaml"), cwd=tmp_path)
    assert code == 0 and data["summary"]["scored"] == 1  # type: ignore[index]
    code, data, _ = batch_json("r/**/*.yaml", cwd=tmp_path)
    assert data["summary"]["scored"] == 1  # type: ignore[index]


@pytest.mark.parametrize(("pattern", "expected"), [
    ("*.yaml", ["a.yaml"]),                       # as case-sensitive as a shell
    ("*.[yY][aA][mM][lL]", ["a.yaml", "B.YAML"]),
    ("**/*.yaml", ["a.yaml", "sub/c.yaml"]),
    ("sub", ["sub/c.yaml"]),            # a folder named outright is walked
    ("s*", ["sub/c.yaml"]),
    ("[ab].yaml", ["a.yaml"]),
    ("?.yml", ["d.yml"]),
])
def test_globs_match_what_a_shell_would(tmp_path: Path, pattern: str, expected: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.yaml", "B.YAML", "sub/c.yaml", "d.yml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = discover([pattern])
    assert sorted(found.files) == sorted(expected)


def test_upper_case_suffixes_are_scored_and_other_files_counted(tmp_path: Path) -> None:
    """A.YAML and b.Yml were ignored without a word."""
    top = tmp_path / "v"
    top.mkdir()
    shutil.copy(SAMPLE, top / "A.YAML")
    shutil.copy(SAMPLE, top / "b.Yml")
    (top / "README.md").write_text("notes\n", encoding="utf-8")
    (top / "logo.png").write_bytes(b"\x89PNG")
    code, data, _ = batch_json(str(top), cwd=tmp_path)
    assert code == 0 and data["summary"]["scored"] == 2  # type: ignore[index]
    assert data["skipped"] == [{"path": str(top),  # type: ignore[comparison-overlap]
                                "reason": "2 files without a .yaml or .yml suffix not read"}]


NON_UTF8 = b"caf\xe9.yaml"


@pytest.mark.parametrize("how", ["batch-json", "batch-text-output", "validate-json",
                                 "score", "batch-invalid"])
def test_file_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path, how: str) -> None:
    """Item 17: caf\\xe9.yaml made batch -o, batch -f json and validate -f json exit 3 or
    write invalid UTF-8."""
    folder = tmp_path / "v"
    folder.mkdir()
    content = SAMPLE.read_bytes()
    if how == "batch-invalid":
        content = content.replace(b"assessed_on: ", b"assessed_on: x", 1)
    target = folder / os.fsdecode(NON_UTF8)  # a lone surrogate stands for the byte 0xe9
    target.write_bytes(content)
    name = str(target)
    args = {"batch-json": ["batch", str(folder), *AS_OF, "-f", "json"],
            "batch-text-output": ["batch", str(folder), *AS_OF, "-o", "out.txt"],
            "validate-json": ["validate", name, "-f", "json"],
            "score": ["score", name, *AS_OF, "-f", "json"],
            "batch-invalid": ["batch", str(folder), *AS_OF, "-f", "json"]}[how]
    proc = run_limited(*args, cwd=tmp_path)
    check(proc, "", 2 if how == "batch-invalid" else 0, "", None)
    written = (tmp_path / "out.txt").read_bytes() if how == "batch-text-output" else \
        proc.stdout.encode("utf-8", "surrogateescape")
    text = written.decode("utf-8")  # valid UTF-8, or this raises
    flat = "".join(text.split())
    if how != "score":  # a single report does not name its file
        assert "caf\\xe9.yaml" in flat or "caf\\\\xe9.yaml" in flat
    if how != "batch-text-output":
        json.loads(text)
