"""The house rules of docs/architecture.md, checked: layers import only downwards, no
module imports another in a circle, and every extension point has its registry entries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "trustscore"

BASE = {"trustscore", "trustscore.errors", "trustscore.suggest", "trustscore.ranking"}
"""Modules every layer may use: the version, the error types, spelling hints, sort keys."""
LAYERS = {  # layer -> the layers it may import (besides itself and BASE)
    "models": set(),
    "engine": {"models"},
    "loading": {"models"},
    "render": {"models"},
    "services": {"models", "engine", "loading", "render"},
    "cli": {"models", "engine", "loading", "render", "services"},
    "entry": {"models", "engine", "loading", "render", "services", "cli"},
}
FORBIDDEN_LIBRARIES = {
    "models": {"typer", "click", "rich"},
    "engine": {"typer", "click", "rich", "yaml"},
    "loading": {"typer", "click", "rich"},
    "render": {"typer", "click", "yaml"},
    "services": {"typer", "click"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name}
         for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    if module in BASE or module == "trustscore.__main__":
        return None
    return module.split(".")[1]


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [m for m in MODULES if _layer(m) is not None and _layer(m) not in LAYERS]
    assert not unplaced, f"modules outside every layer: {unplaced}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_only_downwards(module: str) -> None:
    layer = _layer(module)
    if layer is None:
        assert all(_layer(m) is None for m in GRAPH[module]) or module == "trustscore.__main__"
        return
    allowed = LAYERS[layer] | {layer}
    upward = sorted(m for m in GRAPH[module] if _layer(m) is not None
                    and _layer(m) not in allowed)
    assert not upward, f"{module} ({layer}) imports a layer above it: {upward}"
    libraries = {m.split(".")[0] for m in _imports(MODULES[module])}
    assert not libraries & FORBIDDEN_LIBRARIES.get(layer, set()), (
        f"{module} imports {sorted(libraries & FORBIDDEN_LIBRARIES[layer])}")


def test_no_module_imports_another_in_a_circle() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if target == module.rsplit(".", 1)[0]:
                continue  # a module's own package (__init__) is no cycle
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_a_planted_upward_import() -> None:
    """The rules above would pass vacuously if the import walk found nothing."""
    assert "trustscore.engine.score" in GRAPH["trustscore.services.scoring"]
    assert "trustscore.render.escaping" in GRAPH["trustscore.cli.messages"]
    assert _layer("trustscore.cli.app") == "cli"
