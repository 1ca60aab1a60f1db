"""The modules of backends/builtin import each other without a cycle, at module level or inside functions,
and share no private names; the construct modules' handlers are registered however the package is entered."""

from __future__ import annotations

import ast
import graphlib
import json
import subprocess
import sys
from pathlib import Path

import llmigrate.backends.builtin as package

PACKAGE = "llmigrate.backends.builtin"
DIR = Path(package.__file__).parent
MODULES = {p.stem: p for p in sorted(DIR.glob("*.py"))}


def _imports(path: Path) -> list[tuple[ast.AST, str, list[str], bool]]:
    """(node, imported module of the package, names taken from it, inside a function) for every import."""
    out = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [a.name for a in child.names]
                if child.module == PACKAGE:  # `from package import module`
                    out.extend((child, n if n in MODULES else "__init__", [], inner) for n in names)
                elif child.module.startswith(PACKAGE + "."):
                    out.append((child, child.module.removeprefix(PACKAGE + "."), names, inner))
            elif isinstance(child, ast.Import):
                out.extend((child, a.name.removeprefix(PACKAGE + "."), [], inner) for a in child.names
                           if a.name.startswith(PACKAGE + "."))
            visit(child, inner)

    visit(ast.parse(path.read_text()), False)
    return out


def test_the_import_graph_is_a_dag():
    graph = {name: {mod for _, mod, _, _ in _imports(path)} for name, path in MODULES.items()}
    try:
        order = list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as e:
        raise AssertionError(f"import cycle among backends/builtin modules: {e.args[1]}") from e
    assert set(MODULES) <= set(order)


def test_no_imports_of_the_package_inside_functions():
    found = [f"{name}.py:{node.lineno} imports {mod}" for name, path in MODULES.items()
             for node, mod, _, inner in _imports(path) if inner]
    assert found == []


def test_no_private_names_cross_modules():
    found = [f"{name}.py:{node.lineno} takes {n} from {mod}" for name, path in MODULES.items()
             for node, mod, names, _ in _imports(path) for n in names if n.startswith("_")]
    assert found == []


def _registered_after_importing(first: str) -> list[str]:
    probe = (f"import json, importlib; importlib.import_module('{PACKAGE}.{first}'); "
             f"from {PACKAGE} import dispatch as d; "
             "print(json.dumps(sorted(f'{t}:{k.name}' for t in ('EXPRS', 'PLACES', 'EFFECTS', 'STMTS') "
             "for k in getattr(d, t))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_handlers_are_registered_whichever_module_is_imported_first():
    tables = {first: _registered_after_importing(first) for first in ("dispatch", "funcs", "cfront")}
    assert tables["dispatch"] == tables["funcs"] == tables["cfront"]
    for kind in ("EXPRS:CALL_EXPR", "EXPRS:BINARY_OPERATOR", "EXPRS:DECL_REF_EXPR", "EXPRS:INIT_LIST_EXPR",
                 "EXPRS:StmtExpr", "PLACES:MEMBER_REF_EXPR", "EFFECTS:BINARY_OPERATOR", "STMTS:IF_STMT",
                 "STMTS:SWITCH_STMT", "STMTS:GOTO_STMT", "STMTS:DECL_STMT", "STMTS:COMPOUND_STMT"):
        assert kind in tables["dispatch"]
