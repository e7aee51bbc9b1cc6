"""Evidence bundles (issue 12, item 1): a bundled file is hashed where it lies, beside the
assessment; a changed byte is a critical flag and the item counts for nothing; hostile
paths (outside the folder, a FIFO, a device) are a reason, never a hang or a read."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import SAMPLES, write_yaml

CONTROL = "SEC-05"
"""A control of the sample with an internal document as its evidence."""


def bundled(folder: Path, content: bytes | None = b"incident response procedure v3\n",
            name: str = "evidence/ir-procedure.pdf", digest: str | None = None) -> Path:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / "meridian-midsize-gaps.yaml")
                                          .read_text(encoding="utf-8"))
    answer = data["answers"][CONTROL]
    item = answer["evidence"][0]
    assert item["kind"] in ("procedure", "policy", "plan"), item
    if content is not None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    item["file"] = name
    item["sha256"] = digest or hashlib.sha256(content or b"").hexdigest()
    return write_yaml(folder / "meridian.yaml", data)


def score(path: Path, *extra: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "trustscore", "score", str(path), "-f", "json",
                           "--as-of", "2026-11-01", *extra], capture_output=True, text=True,
                          timeout=60, input=stdin, check=False, cwd=path.parent
                          if path.name != "-" else None)


def item_of(report: dict[str, Any]) -> dict[str, Any]:
    c = next(c for c in report["controls"] if c["id"] == CONTROL)
    return next(e for e in c["evidence"] if e.get("file"))


def test_a_matching_file_counts_and_its_hash_is_in_the_provenance(tmp_path: Path) -> None:
    path = bundled(tmp_path)
    proc = score(path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    digest = hashlib.sha256(b"incident response procedure v3\n").hexdigest()
    assert report["provenance"]["evidence_files"] == [
        {"file": "evidence/ir-procedure.pdf", "sha256": digest, "problem": None}]
    assert item_of(report)["status"] == "valid"
    assert score(path).stdout == proc.stdout                 # byte-identical


def test_one_changed_byte_is_a_critical_flag_and_the_item_counts_for_nothing(
        tmp_path: Path) -> None:
    honest = json.loads(score(bundled(tmp_path)).stdout)
    (tmp_path / "evidence/ir-procedure.pdf").write_bytes(b"incident response procedure v4\n")
    report = json.loads(score(tmp_path / "meridian.yaml").stdout)
    assert item_of(report)["status"] == "file_mismatch"
    flag = next(f for f in report["flags"] if f["code"] == "evidence-file-mismatch")
    assert flag["severity"] == "critical" and flag["controls"] == [CONTROL]
    assert "evidence/ir-procedure.pdf" in flag["message"]
    assert report["trust_score"] < honest["trust_score"]
    assert report["provenance"]["evidence_files"][0]["sha256"] == hashlib.sha256(
        b"incident response procedure v4\n").hexdigest()


def test_a_missing_file_makes_the_item_a_claim_and_says_so(tmp_path: Path) -> None:
    report = json.loads(score(bundled(tmp_path, content=None)).stdout)
    assert item_of(report)["status"] == "file_missing"
    flag = next(f for f in report["flags"] if f["code"] == "evidence-file-missing")
    assert "no such file beside the assessment" in flag["message"]


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for the vendor\n")
    folder = tmp_path / "vendor"
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence/link.pdf").symlink_to(secret)
    path = bundled(folder, content=None, name="evidence/link.pdf",
                   digest=hashlib.sha256(b"not for the vendor\n").hexdigest())
    report = json.loads(score(path).stdout)
    assert report["provenance"]["evidence_files"] == [
        {"file": "evidence/link.pdf", "sha256": None,
         "problem": "it leads outside the assessment's folder"}]
    assert item_of(report)["status"] == "file_missing"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_read_and_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    os.mkfifo(tmp_path / "evidence/pipe.pdf")
    report = json.loads(score(bundled(tmp_path, content=None, name="evidence/pipe.pdf")).stdout)
    assert report["provenance"]["evidence_files"][0]["problem"] == "it is not a regular file"


def test_from_standard_input_there_is_no_folder(tmp_path: Path) -> None:
    text = bundled(tmp_path).read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "trustscore", "score", "-", "-f", "json",
                           "--as-of", "2026-11-01"], input=text, capture_output=True,
                          text=True, timeout=60, check=False, cwd=tmp_path)
    report = json.loads(proc.stdout)
    assert "standard input" in report["provenance"]["evidence_files"][0]["problem"]


@pytest.mark.parametrize(("name", "digest", "message"), [
    ("../outside.pdf", None, "no '..'"),
    ("/etc/passwd", None, "relative to the assessment's folder"),
    ("evidence\\\\x.pdf", None, "with '/' between folders"),
    ("evidence/x.pdf", "abc", "64 hexadecimal digits of the file's SHA-256"),
])
def test_a_bad_path_or_hash_is_invalid_input_at_its_line(tmp_path: Path, name: str,
                                                          digest: str | None,
                                                          message: str) -> None:
    path = bundled(tmp_path, content=None, name=name.replace("\\\\", "\\"), digest=digest)
    proc = score(path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "meridian.yaml:" in proc.stderr and message in proc.stderr, proc.stderr


def test_a_file_without_its_hash_is_refused(tmp_path: Path) -> None:
    path = bundled(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["answers"][CONTROL]["evidence"][0]["sha256"]
    proc = score(write_yaml(path, data))
    assert proc.returncode == 2 and "'file' and 'sha256' go together" in proc.stderr
