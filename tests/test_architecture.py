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
    "store": {"models"},
    "services": {"models", "engine", "loading", "render", "store"},
    "cli": {"models", "render", "services"},  # the core's work only through a service
    "entry": {"models", "engine", "loading", "render", "store", "services", "cli"},
}
FORBIDDEN_LIBRARIES = {
    "models": {"typer", "click", "rich"},
    "engine": {"typer", "click", "rich", "yaml"},
    "loading": {"typer", "click", "rich"},
    "store": {"typer", "click", "rich", "yaml"},
    "render": {"typer", "click", "yaml"},
    "services": {"typer", "click"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only(tree: ast.Module) -> set[int]:
    """The ids of import nodes under ``if TYPE_CHECKING:`` (never run, so no circle)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            hidden |= {id(inner) for child in node.body for inner in ast.walk(child)}
    return hidden


def _imports(path: Path, *, runtime: bool = False) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (with ``runtime``,
    not those imported for type checking only)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_only(tree) if runtime else set()
    for node in ast.walk(tree):
        if id(node) in hidden:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name}
         for name, path in MODULES.items()}
RUNTIME_GRAPH = {name: {m for m in _imports(path, runtime=True) if m in MODULES and m != name}
                 for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    if module in BASE or module == "trustscore.__main__":
        return None
    return module.split(".")[1]


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [m for m in MODULES if _layer(m) is not None and _layer(m) not in LAYERS]
    assert not unplaced, f"modules outside every layer: {unplaced}"


def _upward(module: str, imported: set[str]) -> list[str]:
    """What ``module`` imports from a layer it may not use."""
    layer = _layer(module)
    if layer is None:
        return [] if module == "trustscore.__main__" else sorted(
            m for m in imported if _layer(m) is not None)
    allowed = LAYERS[layer] | {layer}
    return sorted(m for m in imported if _layer(m) is not None and _layer(m) not in allowed)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_only_downwards(module: str) -> None:
    layer = _layer(module)
    upward = _upward(module, GRAPH[module])
    assert not upward, f"{module} ({layer}) imports a layer above it: {upward}"
    if layer is None:
        return
    libraries = {m.split(".")[0] for m in _imports(MODULES[module])}
    assert not libraries & FORBIDDEN_LIBRARIES.get(layer, set()), (
        f"{module} imports {sorted(libraries & FORBIDDEN_LIBRARIES[layer])}")


def test_no_module_imports_another_in_a_circle() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(RUNTIME_GRAPH[module]):
            if target == module.rsplit(".", 1)[0]:
                continue  # a module's own package (__init__) is no cycle
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(RUNTIME_GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "import circles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_a_planted_upward_import() -> None:
    """The rules above would pass vacuously if the import walk found nothing."""
    assert "trustscore.engine.score" in GRAPH["trustscore.services.scoring"]
    assert "trustscore.render.escaping" in GRAPH["trustscore.cli.messages"]
    assert _layer("trustscore.cli.app") == "cli"
    assert _upward("trustscore.engine.score", {"trustscore.render.text"}) == [
        "trustscore.render.text"]
    assert _upward("trustscore.cli.score", {"trustscore.engine.score"}) == [
        "trustscore.engine.score"]
    assert _upward("trustscore.errors", {"trustscore.models.report"}) == [
        "trustscore.models.report"]
