"""Ordinary files that broke commands (items 19 and 22 of issue 10), as real processes
under the hostile corpus' CPU, memory and time limits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLES, check, run_limited

AS_OF = ("--as-of", "2026-11-01")


@pytest.mark.parametrize(("control", "items"), [("SEC-03", 50), ("SEC-01", 50),
                                                ("COM-01", 49)])
def test_plan_with_a_full_evidence_list(tmp_path: Path, control: str, items: int) -> None:
    """50 evidence items on one control crashed plan (exit 3) when it proposed a 51st."""
    data = yaml.safe_load((SAMPLES / "quickbuild-startup.yaml").read_text(encoding="utf-8"))
    old = data["answers"].get(control)
    value = old["value"] if isinstance(old, dict) else old
    data["answers"][control] = {"value": value if value is not None else "yes",
                                "evidence": [{"kind": "policy", "title": f"Page {i}"}
                                             for i in range(items)]}
    path = tmp_path / "vendor.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    proc = run_limited("plan", str(path), "--target-score", "100", *AS_OF, "-f", "json",
                       cwd=tmp_path)
    check(proc, "", 1, "", None)  # 100 is out of reach; the plan is still given
    for step in json.loads(proc.stdout)["steps"]:
        if step["control"] == control and step["add_evidence"]:
            assert items < 50


@pytest.mark.parametrize("vendors", [7, 12, 20, 30])
def test_compare_of_many_vendors_is_never_empty(tmp_path: Path, vendors: int) -> None:
    """12 vendors at 80 columns (the width of piped output) printed an empty table and
    exited 0."""
    samples = [p for p in sorted(SAMPLES.glob("*.yaml")) if "sana" not in p.name]
    files = []
    for i in range(vendors):
        target = tmp_path / f"v{i:02}.yaml"
        shutil.copy(samples[i % len(samples)], target)
        files.append(target.name)
    proc = run_limited("compare", *files, *AS_OF, cwd=tmp_path)
    check(proc, "", 0, "Trust", None)
    assert all(len(line) <= 80 for line in proc.stdout.splitlines())
    assert proc.stdout.count(".") >= vendors * 2  # every vendor's figures are there
