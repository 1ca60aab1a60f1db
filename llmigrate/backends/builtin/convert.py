"""C's conversions between scalar types as Rust expressions: `coerce` (assignment/cast) and `truth` (test)."""

from __future__ import annotations

import re
from typing import NamedTuple

from llmigrate.backends.builtin import types as bt


class E(NamedTuple):
    """A translated expression: Rust code (self-delimiting: an atom or parenthesised) and its Rust type."""

    code: str
    ty: str


def paren(code: str) -> str:
    """`code` as an operand: left alone when it is already an atom, else parenthesised."""
    if _atomic(code):
        return code
    return f"({code})"


def unparen(code: str) -> str:
    """`code` without parentheses around the whole of it, for a position that delimits it anyway (an
    argument, an index, a statement's value)."""
    while len(code) > 2 and code[0] == "(" and closing(code, 0) == len(code) - 1:
        code = code[1:-1].strip()
    return code


def bare(code: str) -> str:
    """A condition without its outer parentheses (when that cannot change how Rust parses it: no struct
    literal inside; an unsafe block is none)."""
    braces = "{" in code.replace("unsafe {", "")
    if code.startswith("(") and code.endswith(")") and not braces and closing(code, 0) == len(code) - 1:
        return code[1:-1]
    return code


def _atomic(code: str) -> bool:
    if code.replace("_", "a").replace("::", "a").replace(".", "a").isalnum() and not code[0] == "-":
        return True
    if code[0] == "(" and closing(code, 0) == len(code) - 1:
        return True
    # a call or method chain ending in a balanced (...) group whose head is a path
    if code.endswith(")") and code[0] not in "(-!*&{" and " " not in code.split("(", 1)[0]:
        return closing(code, code.index("(")) >= 0 and _balanced_tail(code)
    return False


def closing(code: str, start: int) -> int:
    """The index of the bracket closing the one at `start` (-1 when unbalanced)."""
    depth = 0
    for i in range(start, len(code)):
        ch = code[i]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _balanced_tail(code: str) -> bool:
    """True when `code` is path(...)(...).m(...) with no top-level operator between the groups."""
    depth = 0
    for ch in code:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in " +-*/%<>=!&|^?,;":
            return False
        if ch == '"' and depth == 0:
            return False
    return depth == 0


def promote(rust: str) -> str:
    """The C integer promotion of a Rust integer/bool type (types narrower than int become i32)."""
    if rust == "bool" or (bt.is_int(rust) and bt.int_bits(rust) < 32):
        return "i32"
    return rust


# What `literal` writes: `5u32`, `(-1i64)`, `0xff_u8`, `u64::MAX`, `i32::MIN`.
_INT_LITERAL = re.compile(r"^\(?(-?\d+|0x[0-9a-f]+)_?[iu](?:8|16|32|64|128|size)\)?$")
_NAMED = re.compile(r"^([iu](?:32|64|128|size))::(MAX|MIN)$")


def literal_value(code: str) -> int | None:
    """The value of an integer literal as `literal` spells it, else None."""
    m = _INT_LITERAL.match(code)
    if m:
        return int(m.group(1), 0)
    m = _NAMED.match(code)
    if m is None:
        return None
    bits, signed = bt.int_bits(m.group(1)), bt.is_signed(m.group(1))
    if m.group(2) == "MIN":
        return -(1 << (bits - 1)) if signed else 0
    return (1 << (bits - int(signed))) - 1


def coerce(e: E, to: str) -> str:
    """Code converting `e` to Rust type `to` as a C conversion does (assignment, cast, argument passing)."""
    frm = e.ty
    if bt.same_type(frm, to) or to == "()":
        return e.code
    v = literal_value(e.code)
    if v is not None and (bt.is_int(to) or to == "bool") and bt.is_int(frm):
        return literal(v, to, "0x" in e.code)
    if v is not None and bt.is_float(to) and bt.is_int(frm) and abs(v) <= 1 << (24 if to == "f32" else 53):
        return f"{v}{to}" if v >= 0 else f"({v}{to})"  # `1f64`, not `1i32 as f64`: the value is exact
    if to == "bool":
        return truth(e)
    if frm == "bool":
        return f"({e.code} as {to})" if bt.is_int(to) else f"(({e.code} as u8) as {to})"
    num = (bt.is_int(frm) or bt.is_float(frm)), (bt.is_int(to) or bt.is_float(to))
    if all(num):
        return f"({paren(e.code)} as {to})"
    if bt.is_ptr(to) and (bt.is_ptr(frm) or bt.is_int(frm)):
        return f"({paren(e.code)} as {to})"
    if bt.is_int(to) and bt.is_ptr(frm):
        return f"({paren(e.code)} as {to})"
    if bt.is_fnptr(to) and bt.is_fnptr(frm):
        return f"core::mem::transmute::<{frm}, {to}>({e.code})"
    if bt.is_fnptr(to) and (bt.is_int(frm) or bt.is_ptr(frm)):
        return f"core::mem::transmute::<usize, {to}>({paren(e.code)} as usize)"
    if bt.is_fnptr(frm) and (bt.is_int(to) or bt.is_ptr(to)):
        # a function's address as a number is a safe cast; None is C's null function pointer
        return f"({paren(e.code)}.map_or(0usize, |f| f as usize) as {to})"
    # aggregates: the same C type under another Rust spelling (typedef alias vs tag) needs no conversion
    return e.code


def needs_unsafe(e: E, to: str) -> bool:
    """True when `coerce(e, to)` produces code that needs an unsafe context (a transmute into a function
    pointer: any other direction is a cast)."""
    return bt.is_fnptr(to) and not bt.same_type(e.ty, to)


def truth(e: E) -> str:
    """A Rust `bool` expression that is true when the C scalar `e` compares unequal to 0."""
    if e.ty == "bool":
        return e.code
    if bt.is_int(e.ty):
        return f"({paren(e.code)} != 0)"
    if bt.is_float(e.ty):
        return f"({paren(e.code)} != 0.0)"
    if bt.is_ptr(e.ty):
        return f"(!{paren(e.code)}.is_null())"
    if bt.is_fnptr(e.ty):
        return f"{paren(e.code)}.is_some()"
    raise bt.Unsupported("condition", f"a value of type {e.ty} used as a truth value")


def falsity(e: E) -> str:
    """A Rust `bool` expression that is true when the C scalar `e` equals 0 (C's `!e`)."""
    if e.ty == "bool":
        return f"(!{paren(e.code)})"
    if bt.is_int(e.ty):
        return f"({paren(e.code)} == 0)"
    if bt.is_float(e.ty):
        return f"({paren(e.code)} == 0.0)"
    if bt.is_ptr(e.ty):
        return f"{paren(e.code)}.is_null()"
    if bt.is_fnptr(e.ty):
        return f"{paren(e.code)}.is_none()"
    raise bt.Unsupported("condition", f"a value of type {e.ty} used as a truth value")


def literal(value: int, rust: str, hexadecimal: bool = False) -> str:
    """An integer literal of Rust type `rust`, value wrapped into its range as C converts; the limits of the
    wide types by name (`u64::MAX`), hexadecimal when the C spelled it so."""
    if rust == "bool":
        return "true" if value else "false"
    bits = bt.int_bits(rust)
    value &= (1 << bits) - 1
    if bt.is_signed(rust) and value >> (bits - 1):
        value -= 1 << bits
    if bits >= 32 and literal_value(f"{rust}::MAX") == value:
        return f"{rust}::MAX"
    if bits >= 32 and bt.is_signed(rust) and literal_value(f"{rust}::MIN") == value:
        return f"{rust}::MIN"
    if hexadecimal and value >= 0:
        return f"0x{value:x}_{rust}"
    return f"{value}{rust}" if value >= 0 else f"({value}{rust})"
