"""Constant values as Rust literals: clang's evaluator for scalars, C string literals decoded byte-exactly."""

from __future__ import annotations

import ctypes
import math
import re
import struct

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.convert import literal

_EVAL_INT, _EVAL_FLOAT, _EVAL_STR = 1, 2, 4
_bound = False


def _lib():
    """libclang's constant evaluator, which the Python bindings do not wrap."""
    global _bound
    lib = ci.conf.lib
    if not _bound:
        lib.clang_Cursor_Evaluate.argtypes = [ci.Cursor]
        lib.clang_Cursor_Evaluate.restype = ctypes.c_void_p
        for fn, res in (("getKind", ctypes.c_int), ("getAsLongLong", ctypes.c_longlong),
                        ("getAsUnsigned", ctypes.c_ulonglong), ("isUnsignedInt", ctypes.c_uint),
                        ("getAsDouble", ctypes.c_double), ("getAsStr", ctypes.c_char_p)):
            f = getattr(lib, f"clang_EvalResult_{fn}")
            f.argtypes, f.restype = [ctypes.c_void_p], res
        lib.clang_EvalResult_dispose.argtypes = [ctypes.c_void_p]
        _bound = True
    return lib


def evaluate(cursor: ci.Cursor) -> int | float | bytes | None:
    """The compile-time value clang computes for an expression, or None when it is not a constant."""
    lib = _lib()
    res = lib.clang_Cursor_Evaluate(cursor)
    if not res:
        return None
    try:
        kind = lib.clang_EvalResult_getKind(res)
        if kind == _EVAL_INT:
            if lib.clang_EvalResult_isUnsignedInt(res):
                return int(lib.clang_EvalResult_getAsUnsigned(res))
            return int(lib.clang_EvalResult_getAsLongLong(res))
        if kind == _EVAL_FLOAT:
            return float(lib.clang_EvalResult_getAsDouble(res))
        if kind == _EVAL_STR:
            return lib.clang_EvalResult_getAsStr(res)
        return None
    finally:
        lib.clang_EvalResult_dispose(res)


def int_literal(value: int, rust: str, hexadecimal: bool = False) -> str:
    """`value` converted to the Rust integer type as C converts (modulo 2^N), as a literal (the body
    translator's `literal`, so both wrap alike), in hexadecimal when the C spelled it so."""
    return literal(value, rust, hexadecimal)


def spelled_hex(e: ci.Cursor) -> bool:
    """`e` is one integer literal the C wrote in hexadecimal (not through a macro), under parentheses and
    conversions."""
    while e.kind in (ci.CursorKind.PAREN_EXPR, ci.CursorKind.UNEXPOSED_EXPR, ci.CursorKind.CSTYLE_CAST_EXPR):
        inner = [k for k in e.get_children() if k.kind.is_expression()]
        if len(inner) != 1:
            return False
        e = inner[0]
    first = next(iter(e.get_tokens()), None) if e.kind == ci.CursorKind.INTEGER_LITERAL else None
    return first is not None and first.spelling.lower().startswith("0x")


def float_literal(value: float, rust: str) -> str:
    if math.isnan(value):
        return f"{rust}::NAN"
    if math.isinf(value):
        return f"{rust}::{'INFINITY' if value > 0 else 'NEG_INFINITY'}"
    text = _shortest_f32(value) if rust == "f32" else repr(value)
    return text if any(c in text for c in ".en") else text + ".0"


def _f32(value: float) -> float:
    """`value` rounded to the nearest f32, as C converts a double to float."""
    return struct.unpack("f", struct.pack("f", value))[0]


def _shortest_f32(value: float) -> str:
    """The fewest digits that still name the same f32 (a double's 17 digits are noise in an f32 literal:
    clippy's excessive_precision); the f32 value itself never changes."""
    single = _f32(value)
    return next(t for p in range(1, 10) if _f32(float(t := f"{single:.{p}g}")) == single)


def scalar_literal(value: int | float, rust: str, hexadecimal: bool = False) -> str | None:
    """A literal of Rust type `rust` for a C arithmetic value converted to it (an integer in hexadecimal
    when the C spelled it so); None if not arithmetic."""
    if bt.is_float(rust):
        return float_literal(float(value), rust)
    if bt.is_int(rust) or rust == "bool":
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                return None
            value = math.trunc(value)  # C converts floating to integer by truncation toward zero
        return int_literal(value, rust, hexadecimal)
    return None


_ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39, '"': 34, "?": 63,
            "e": 27}


def c_string_bytes(tokens: list[str]) -> bytes | None:
    """The bytes (without the final NUL) of adjacent C string literal tokens; None for wide/unicode ones."""
    out = bytearray()
    for tok in tokens:
        if tok.startswith("u8"):
            tok = tok[2:]
        if not tok.startswith('"'):
            return None
        body, i = tok[1:-1], 0
        while i < len(body):
            ch = body[i]
            if ch != "\\":
                out += ch.encode("utf-8")
                i += 1
                continue
            nxt = body[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
            elif nxt == "x":
                m = re.match(r"[0-9a-fA-F]+", body[i + 2:])
                out.append(int(m.group(0), 16) & 0xFF)
                i += 2 + len(m.group(0))
            elif nxt in "01234567":
                m = re.match(r"[0-7]{1,3}", body[i + 1:])
                out.append(int(m.group(0), 8) & 0xFF)
                i += 1 + len(m.group(0))
            else:
                return None
    return bytes(out)


def byte_string(data: bytes) -> str:
    """A Rust byte-string literal body for `data` (printable ASCII kept, the rest escaped)."""
    return "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02x}" for b in data)


def string_pointer(data: bytes, rust_ptr: str) -> str:
    """A NUL-terminated static string as a pointer of type `rust_ptr` (`*const i8`, `*mut u8`, ...)."""
    if 0 not in data:  # a `c"..."` is already a `*const i8` (c_char): no cast for that type
        return f'c"{byte_string(data)}".as_ptr()' + ("" if rust_ptr == "*const i8" else f" as {rust_ptr}")
    return f'b"{byte_string(data)}\\x00".as_ptr() as {rust_ptr}'


def char_array(data: bytes, n: int, elem: str) -> str:
    """A `char[n]` initialised from a string literal: its bytes, NUL-padded (or truncated) to n."""
    data = (data + b"\0" * n)[:n]
    return "[" + ", ".join(int_literal(b, elem) for b in data) + "]"
