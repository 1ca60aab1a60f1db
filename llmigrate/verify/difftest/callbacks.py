"""Functions the harness hands a function-pointer parameter when SRC exports none of its type.

A comparator, a hash or a free callback passed by the caller (`qsort`'s `compar`, a container's `key_free`)
has no function of SRC to stand for it, and NULL alone makes the C crash on every input. The harness then
defines one small function of that exact type, compiled into both sides' units from the same C, so that
whatever the function under test does with it happens alike on both: it orders its first two pointer (or
scalar) arguments by their first byte (or value) (a `bool` one: whether those are equal), returns the first
byte of a single pointer argument, and does nothing else (a void one does nothing; any other result is 0).
"""

from __future__ import annotations

import hashlib
import re

from llmigrate.core import Codebase
from llmigrate.signatures.mapper import c_type_to_rust
from llmigrate.verify.difftest.shapes import RUST_TO_KIND
from llmigrate.verify.difftest.typedefs import clean, typedef_target

PREFIX = "difftest:"  # marks a harness callback among a parameter's candidates (SRC's are function ids)
_FN = re.compile(r"(.+?)\(\s*\*\s*\)\s*\((.*)\)")


def harness_callback(c_type: str, codebase: Codebase) -> tuple[str, str] | None:
    """(candidate, C definition) of the harness's function of pointer type `c_type`, or None when its
    parameters or result are not plain enough to make one."""
    text = c_type if "(" in c_type else typedef_target(c_type, codebase)  # `cmp_fn`, a typedef of one
    m = _FN.fullmatch(" ".join(text.split()))
    if m is None:
        return None
    ret, params = m.group(1).strip(), _split(m.group(2))
    if params in ([], ["void"]):
        params = []
    if any("(" in p or "[" in p or "..." in p for p in params):
        return None
    body = _body(ret, params, codebase)
    if body is None:
        return None
    name = "difftest_callback_" + hashlib.sha256(m.group(0).encode()).hexdigest()[:8]
    args = ", ".join(f"{p} dt_p{i}" for i, p in enumerate(params)) or "void"
    unused = " ".join(f"(void)dt_p{i};" for i in range(len(params)))
    return PREFIX + name, f"static DT_NOSAN {ret} {name}({args}) {{ {unused} {body} }}"


def _split(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        depth += (ch == "(") - (ch == ")")
        cur += ch
    return [*parts, cur.strip()] if cur.strip() else parts


def _body(ret: str, params: list[str], codebase: Codebase) -> str | None:
    if clean(ret) == "void":
        return ""
    rust = c_type_to_rust(clean(ret), codebase)
    if not (rust in RUST_TO_KIND or rust.startswith("*")):
        return None  # a struct by value: nothing plain to return
    pointers = [i for i, p in enumerate(params) if c_type_to_rust(clean(p), codebase).startswith("*")]
    scalars = [i for i, p in enumerate(params) if c_type_to_rust(clean(p), codebase) in RUST_TO_KIND]
    if rust.startswith("*") or rust in ("f32", "f64"):
        return "return 0;"
    if len(pointers) >= 2:
        a, b = (f"(dt_p{i} ? *(const unsigned char *)dt_p{i} : 0)" for i in pointers[:2])
        return f"return {a} == {b};" if rust == "bool" else f"return ({a} > {b}) - ({a} < {b});"
    if pointers:
        return f"return dt_p{pointers[0]} ? *(const unsigned char *)dt_p{pointers[0]} : 0;"
    if len(scalars) >= 2:
        a, b = (f"dt_p{i}" for i in scalars[:2])
        return f"return {a} == {b};" if rust == "bool" else f"return ({a} > {b}) - ({a} < {b});"
    return "return 0;"
