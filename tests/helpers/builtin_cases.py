"""Behaviour cases of the builtin translator, kept as data: tests/data/backends/builtin/behaviour/<label>/.

Each folder holds one C file per case and a `cases.toml` listing, per case in order, the calls to make on its
non-static functions, written as C-like calls with constant arguments (`"shl(1 << 40, 3)"`); an optional
`prelude` names a file whose text goes in front of every case of the folder.
"""

from __future__ import annotations

import ast
import operator
import tomllib
from dataclasses import dataclass

from helpers.paths import DATA

BEHAVIOUR = DATA / "backends" / "builtin" / "behaviour"
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Pow: operator.pow,
        ast.LShift: operator.lshift}


@dataclass
class Case:
    """C source for one file and the calls to make: (function, integer/float arguments)."""

    name: str
    c: str
    calls: list[tuple[str, list[int | float]]]


def _number(node: ast.expr) -> int | float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_number(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_number(node.left), _number(node.right))
    raise ValueError(f"not a constant expression: {ast.unparse(node)}")


def parse_call(text: str) -> tuple[str, list[int | float]]:
    """`"f(1, -2.5, 10**18 + 7)"` -> `("f", [1, -2.5, 1000000000000000007])`."""
    call = ast.parse(text, mode="eval").body
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name) or call.keywords:
        raise ValueError(f"not a call of a named function: {text!r}")
    return call.func.id, [_number(a) for a in call.args]


def load_cases(label: str) -> list[Case]:
    """The cases of one folder, in the order cases.toml lists them (test ids are their names)."""
    folder = BEHAVIOUR / label
    spec = tomllib.loads((folder / "cases.toml").read_text())
    prelude = (folder / spec["prelude"]).read_text() if "prelude" in spec else ""
    unlisted = {p.stem for p in folder.glob("*.c")} - set(spec["calls"])
    assert not unlisted, f"{folder}: C files with no calls in cases.toml: {sorted(unlisted)}"
    return [Case(name, prelude + (folder / f"{name}.c").read_text(), [parse_call(c) for c in calls])
            for name, calls in spec["calls"].items()]
