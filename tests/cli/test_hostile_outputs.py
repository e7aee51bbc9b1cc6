"""Where reports go, as an unlucky operator or an attacker would point them.

Output targets (devices, FIFOs, folders, the input itself, a full disk, a size limit), file
modes, standard input, closed and broken streams, output encodings and signals. Each case
is the real command in a subprocess under the hostile corpus' CPU, memory and time limits.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import HOSTILE, SAMPLES, _limits, check, run_limited

SAMPLE = SAMPLES / "northwind-certified.yaml"
AS_OF = ("--as-of", "2026-11-01")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# ----------------------------------------------------------------- modes (item 2)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@pytest.mark.parametrize("command", [["score", str(SAMPLE), "-f", "html"],
                                     ["badge", str(SAMPLE)]])
def test_a_new_output_file_gets_the_umask_mode(tmp_path: Path, mask: int, mode: int,
                                               command: list[str]) -> None:
    target = tmp_path / "out"
    with umask(mask):
        proc = run_limited(*command, *AS_OF, "-o", str(target), cwd=tmp_path)
    check(proc, "", 0, "", None)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert leftovers(tmp_path) == []


def test_an_existing_output_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n")
    target.chmod(0o640)
    with umask(0o077):
        proc = run_limited("score", str(SAMPLE), *AS_OF, "-f", "markdown", "-o", str(target),
                           cwd=tmp_path)
    check(proc, "", 0, "", None)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text().startswith("#")


def test_output_through_a_symlink_writes_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    check(run_limited("score", str(SAMPLE), *AS_OF, "-o", str(link), cwd=tmp_path),
          "", 0, "", None)
    assert link.is_symlink()
    assert "Trust score" in real.read_text()


def test_dash_means_standard_output(tmp_path: Path) -> None:
    proc = run_limited("score", str(SAMPLE), *AS_OF, "-o", "-", cwd=tmp_path)
    check(proc, "", 0, "Trust score", None)
    assert not (tmp_path / "-").exists()


# ----------------------------------------------------------- targets (item 12)


def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    proc = run_limited("score", str(SAMPLE), *AS_OF, "-o", "/dev/null", cwd=tmp_path)
    check(proc, "", 0, "", None)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert leftovers(Path("/dev")) == []


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run_limited("score", str(SAMPLE), *AS_OF, "-f", "json", "-o", str(fifo),
                       cwd=tmp_path)
    reader.join(30)
    check(proc, "", 0, "", None)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert b'"trust_score"' in received[0]
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("target", "message"), [
    ("", "--output needs a file name"),
    (".", "is a directory"),
    ("sub", "is a directory"),
    ("missing-folder/out.txt", "cannot write --output missing-folder/out.txt"),
])
def test_unwritable_targets_are_usage_errors_without_leftovers(tmp_path: Path, target: str,
                                                                message: str) -> None:
    (tmp_path / "sub").mkdir()
    proc = run_limited("score", str(SAMPLE), *AS_OF, "-o", target, cwd=tmp_path)
    check(proc, "", 2, message, None)
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "sub") == []


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
def test_the_input_is_never_the_output(tmp_path: Path, how: str) -> None:
    vendor = tmp_path / "vendor.yaml"
    shutil.copy(SAMPLE, vendor)
    before = vendor.read_bytes()
    target = {"same": vendor, "symlink": tmp_path / "alias.yaml",
              "hardlink": tmp_path / "twin.yaml", "relative": Path("./vendor.yaml")}[how]
    if how == "symlink":
        target.symlink_to(vendor)
    if how == "hardlink":
        os.link(vendor, target)
    proc = run_limited("score", str(vendor), *AS_OF, "-o", str(target), cwd=tmp_path)
    check(proc, "", 2, "is an input file of this run", None)
    assert vendor.read_bytes() == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", ["batch", "compare", "diff"])
def test_no_input_of_a_many_file_command_is_the_output(tmp_path: Path, command: str) -> None:
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SAMPLE, tmp_path / name)
    before = (tmp_path / "b.yaml").read_bytes()
    args = [str(tmp_path)] if command == "batch" else ["a.yaml", "b.yaml"]
    proc = run_limited(command, *args, *AS_OF, "-o", "b.yaml", cwd=tmp_path)
    check(proc, "", 2, "is an input file of this run", None)
    assert (tmp_path / "b.yaml").read_bytes() == before


def test_a_full_disk_is_an_error_with_a_message(tmp_path: Path) -> None:
    proc = run_limited("score", str(SAMPLE), *AS_OF, "-f", "json", "-o", "/dev/full",
                       cwd=tmp_path)
    check(proc, "", 2, "cannot write --output /dev/full", None)
    assert "the disk is full" in proc.stderr


def _small_file_limit() -> None:
    _limits()
    resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))


@pytest.mark.parametrize("command", [["score", str(SAMPLE), "-f", "json"],
                                     ["batch", str(SAMPLES), "-f", "json"]])
def test_a_file_size_limit_is_an_error_and_leaves_nothing(tmp_path: Path,
                                                          command: list[str]) -> None:
    proc = run_limited(*command, *AS_OF, "-o", "out.json", cwd=tmp_path,
                       preexec_fn=_small_file_limit)
    check(proc, "", 2, "cannot write --output out.json", None)
    assert "file-size limit" in proc.stderr
    assert not (tmp_path / "out.json").exists()
    assert leftovers(tmp_path) == []


# ----------------------------------------------------------- standard input (item 3)


def test_score_reads_standard_input(tmp_path: Path) -> None:
    from_file = run_limited("score", str(SAMPLE), *AS_OF, "-f", "json", cwd=tmp_path)
    from_stdin = run_limited("score", "-", *AS_OF, "-f", "json", cwd=tmp_path,
                             input=SAMPLE.read_text(encoding="utf-8"))
    check(from_stdin, "", 0, '"trust_score"', None)
    assert from_stdin.stdout == from_file.stdout


@pytest.mark.parametrize(("label", "args"), [("<stdin>", []),
                                             ("vendors/acme.yaml",
                                              ["--stdin-filename", "vendors/acme.yaml"])])
def test_problems_in_standard_input_are_named_by_its_label(tmp_path: Path, label: str,
                                                           args: list[str]) -> None:
    broken = SAMPLE.read_text(encoding="utf-8").replace("assessed_on: ", "assessed_on: x", 1)
    for command in ("validate", "score"):
        proc = run_limited(command, "-", *args, cwd=tmp_path, input=broken)
        check(proc, label, 2, "assessed_on", None)
        assert f"{label}:" in proc.stderr


def test_standard_input_is_read_once(tmp_path: Path) -> None:
    check(run_limited("validate", "-", "-", cwd=tmp_path, input="a: 1\n"), "", 2,
          "standard input ('-') can be read only once", None)


# ------------------------------------------------------- closed and broken streams (13)


@pytest.mark.parametrize(("fmt", "read_first_line"), [
    ("json", True), ("json", False), ("csv", False), ("text", False), ("markdown", False)])
def test_a_reader_that_goes_away_ends_quietly_with_sigpipe_status(tmp_path: Path, fmt: str,
                                                                  read_first_line: bool) -> None:
    """``batch … | head -1``: the reader leaves after a line (JSON streams, so it is still
    writing) or before the first write; either way no message and status 141, never the
    "gate failed" 1."""
    for i in range(3):
        shutil.copy(SAMPLE, tmp_path / f"v{i}.yaml")
    with subprocess.Popen([sys.executable, "-m", "trustscore", "batch", str(tmp_path), "-f",
                           fmt, "--fail-under", "99", *AS_OF], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, preexec_fn=_limits) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        if read_first_line:
            proc.stdout.readline()
        proc.stdout.close()
        error = proc.stderr.read().decode()
        assert proc.wait(60) == 141, error
    assert error == ""


def _close_stdout() -> None:
    _limits()
    os.close(1)


def _close_stderr() -> None:
    _limits()
    os.close(2)


def test_a_closed_stdout_is_an_error_not_a_bug(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "trustscore", "score", str(SAMPLE), *AS_OF],
                          stderr=subprocess.PIPE, text=True, preexec_fn=_close_stdout,
                          timeout=60, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "standard output is closed" in proc.stderr
    assert "bug" not in proc.stderr


@pytest.mark.parametrize(("extra", "code"), [([], 0), (["--fail-under", "99"], 1)])
def test_a_closed_stderr_loses_only_messages(tmp_path: Path, extra: list[str],
                                             code: int) -> None:
    proc = subprocess.run([sys.executable, "-m", "trustscore", "score", str(SAMPLE), *AS_OF,
                           *extra], stdout=subprocess.PIPE, text=True,
                          preexec_fn=_close_stderr, timeout=60, check=False)
    assert proc.returncode == code
    assert "Trust score" in proc.stdout


# ---------------------------------------------------------------- encodings (item 4)

ENCODED_COMMANDS = [
    ["score", str(SAMPLE), *AS_OF],
    ["score", str(SAMPLE), *AS_OF, "-f", "markdown"],
    ["diff", str(SAMPLES / "harbor-expired-knockout.yaml"), str(SAMPLE), *AS_OF],
    ["compare", str(SAMPLE), str(SAMPLES / "lotus-honest-weak.yaml"), *AS_OF],
    ["batch", str(SAMPLES), *AS_OF],
    ["plan", str(SAMPLES / "lotus-honest-weak.yaml"), "--target", "C", *AS_OF],
    ["rubric", "show", "it-services"],
    ["init"],
    ["validate", str(SAMPLE)],
    ["validate", str(HOSTILE / "bidi-override-in-name.yaml")],
]


@pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
@pytest.mark.parametrize("command", ENCODED_COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_every_command_writes_on_any_output_encoding(tmp_path: Path, encoding: str,
                                                     command: list[str]) -> None:
    """Redirected output is UTF-8 whatever PYTHONIOENCODING says (what Windows sets when
    output is redirected), so ``> file`` holds the same bytes as ``--output file``."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("FORCE_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "trustscore", *command], cwd=tmp_path,
                          capture_output=True, env=env, preexec_fn=_limits, timeout=60,
                          check=False)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")
    assert b"Traceback" not in proc.stderr and b"UnicodeEncodeError" not in proc.stderr
    proc.stdout.decode("utf-8")
    if command[0] in ("score", "compare", "batch", "plan", "diff"):
        written = run_limited(*command, "-o", "out.txt", cwd=tmp_path)
        assert written.returncode == proc.returncode
        assert (tmp_path / "out.txt").read_bytes() == proc.stdout


# ------------------------------------------------------------------ signals (item 14)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_workers_and_removes_the_temporary_file(tmp_path: Path,
                                                                  signum: int) -> None:
    folder = tmp_path / "vendors"
    folder.mkdir()
    for i in range(600):
        shutil.copy(SAMPLE, folder / f"v{i:04}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "trustscore", "batch", str(folder), "-j",
                             "2", *AS_OF, "-f", "json", "-o", str(tmp_path / "out.json")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with proc:
        _interrupt(proc, signum, tmp_path)


def _interrupt(proc: subprocess.Popen[bytes], signum: int, tmp_path: Path) -> None:
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert workers, "the batch never started its workers"
    time.sleep(0.3)
    proc.send_signal(signum)
    code = proc.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    survivors = [w for w in workers if _alive(w)]
    for worker in survivors:  # they hold stderr open: reading it would wait for ever
        os.kill(worker, signal.SIGKILL)
    assert not survivors, "a worker outlived the batch"
    assert code == 128 + signum
    assert proc.stderr is not None
    assert "Traceback" not in proc.stderr.read().decode()
    assert not (tmp_path / "out.json").exists()
    assert leftovers(tmp_path) == []
