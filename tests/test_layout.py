"""The source tree keeps the shape HACKING.md gives it: a few top-level modules, one package per stage with no
import cycle between packages, and no module over 400 lines."""

from __future__ import annotations

import ast
from collections.abc import Container
from pathlib import Path

import networkx as nx
from helpers.paths import ROOT

SOURCE = ROOT / "llmigrate"
MAX_TOP_LEVEL = 12
MAX_LINES = 400


def modules() -> dict[str, Path]:
    """Dotted name -> file for every module of llmigrate (a package by its own name, from __init__.py)."""
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def node(module: str) -> str:
    """llmigrate.<package>.… -> <package> (verify.difftest is verify); a top-level module is its own node."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _base(module: str, path: Path, level: int) -> list[str]:
    """The package a relative import of `level` dots starts from."""
    parts = module.split(".")
    package = parts if path.name == "__init__.py" else parts[:-1]
    return package[: len(package) - level + 1]


def imported(module: str, path: Path, known: Container[str]) -> set[str]:
    """Modules of llmigrate that `module` imports anywhere in its file, inside functions too."""
    found = set()
    for stmt in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(stmt, ast.Import):
            found |= {alias.name for alias in stmt.names}
        elif isinstance(stmt, ast.ImportFrom):
            base = stmt.module or ""
            if stmt.level:
                base = ".".join(_base(module, path, stmt.level) + ([base] if base else []))
            for alias in stmt.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {name for name in found if name in known}


def package_graph() -> tuple[nx.DiGraph, dict[tuple[str, str], list[str]]]:
    """Nodes are packages and top-level modules; an edge carries the module imports that make it."""
    known = modules()
    graph: nx.DiGraph = nx.DiGraph()
    why: dict[tuple[str, str], list[str]] = {}
    for module, path in known.items():
        graph.add_node(node(module))
        for target in sorted(imported(module, path, known)):
            edge = (node(module), node(target))
            if edge[0] != edge[1]:
                graph.add_edge(*edge)
                why.setdefault(edge, []).append(f"{module} -> {target}")
    return graph, why


def test_few_top_level_modules() -> None:
    top = sorted(p.name for p in SOURCE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, f"{len(top)} top-level modules (a stage belongs in a package): {top}"


def test_the_graph_sees_nested_packages_and_every_kind_of_import(tmp_path: Path) -> None:
    graph, _ = package_graph()
    assert node("llmigrate.verify.difftest.driver") == "verify" and node("llmigrate.cli") == "cli"
    assert {"backends", "verify", "core", "cli"} <= set(graph) and "difftest" not in graph
    text = "import llmigrate.core\nfrom . import shrink\ndef f():\n    from ..run import x\n"
    (tmp_path / "m.py").write_text(text)
    known = {"llmigrate.core", "llmigrate.verify.difftest.shrink", "llmigrate.verify.run"}
    assert imported("llmigrate.verify.difftest.m", tmp_path / "m.py", known) == known


# Imports under `if TYPE_CHECKING:` count: a type annotation is a dependency too.
def test_no_import_cycle_between_packages() -> None:
    graph, why = package_graph()
    cycles = sorted(nx.simple_cycles(graph), key=lambda c: (len(c), c))
    shown = []
    for cycle in cycles[:10]:
        edges = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
        shown.append(" -> ".join(cycle + cycle[:1]) + "\n" + "\n".join(
            f"    {a} -> {b}: {', '.join(why[a, b][:3])}" for a, b in edges))
    assert not cycles, f"{len(cycles)} import cycles between packages, e.g.:\n" + "\n".join(shown)


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in modules().values()
            if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by concern): {long}"
