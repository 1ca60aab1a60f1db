"""A last check on mapped types: declarator shapes the text mapper does not model must not reach the crate as
malformed Rust, which would break every function's build, not just the one that uses the type."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'Option<unsafe extern "C" fn\(|->|\*mut|\*const|[A-Za-z_][\w:]*|\d+|\S')
_CLOSE = {")": "(", "]": "[", ">": "<"}


def well_formed(rust: str) -> bool:
    """True when `rust` reads as a type the mapper makes (names, unit, raw pointers, arrays, fn pointers)."""
    if rust == "()":
        return True
    stack: list[str] = []
    prev_ident = False
    toks = _TOKEN.findall(rust)
    for i, tok in enumerate(toks):
        if tok == "]" and (i < 2 or not toks[i - 1].isdigit() or toks[i - 2] != ";"):
            return False  # an array type is `[T; N]` with a literal length
        ident = tok[0].isalpha() or tok[0] == "_"
        if ident and prev_ident:  # `long double`, `int _Complex`: two names in a row
            return False
        prev_ident = ident
        if tok.startswith("Option<"):
            stack += ["<", "("]
        elif tok in ("[", "<"):
            stack.append(tok)
        elif tok in _CLOSE:
            if not stack or stack.pop() != _CLOSE[tok]:
                return False
        elif tok == "(":  # only a fn pointer's parameter list opens a parenthesis
            return False
    return not stack


def safe_type(c_type: str, rust: str, void: str) -> str:
    """`rust`, or for a pointer whose declarator the mapper garbled (`int (*)[]`, `int [rows][cols]`, a
    pointer to a function returning a function pointer) an opaque `*mut void`: any object or function
    pointer has its ABI, and a body that needs the real type then fails to compile alone and is kept in C."""
    if well_formed(rust) or not ("*" in c_type or "[" in c_type):  # an array parameter is a pointer
        return rust
    return f"*mut {void}"
