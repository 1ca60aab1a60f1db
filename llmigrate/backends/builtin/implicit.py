"""Calls of C library functions declared by their first call (C89's implicit `int name()`): which the
translator may pass its arguments to as gcc does."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported

K = ci.CursorKind
TK = ci.TypeKind


def implicit_declaration(decl: ci.Cursor) -> bool:
    """A library function declared by its first call (clang gives it the builtin's type): its extent is its
    name alone, where a written declaration spells at least a type and parameters."""
    start, end = decl.extent.start, decl.extent.end
    return start.line == end.line and end.column - start.column == len(decl.spelling)


_PROMOTED = {TK.BOOL: TK.INT, TK.CHAR_S: TK.INT, TK.CHAR_U: TK.INT, TK.SCHAR: TK.INT, TK.UCHAR: TK.INT,
             TK.SHORT: TK.INT, TK.USHORT: TK.INT, TK.FLOAT: TK.DOUBLE}
_POINTERS = (TK.POINTER, TK.CONSTANTARRAY, TK.INCOMPLETEARRAY, TK.VARIABLEARRAY, TK.FUNCTIONPROTO)
_INTS = (TK.INT, TK.UINT, TK.LONG, TK.ULONG, TK.LONGLONG, TK.ULONGLONG)


def unconverted(name: str, args: list[ci.Cursor], ftype: ci.Type) -> None:
    """clang types a call of an undeclared library function by the builtin's prototype. gcc does too, unless
    the implicit `int name()` is compatible with the builtin (an `int` result, no `...`, no parameter that
    default promotions change, as strncmp): then each argument is passed as those promotions leave it (an
    `int` where the parameter is `size_t` keeps 32 bits). The two agree when the promoted argument has the
    parameter's type, both are pointers, or it is a constant >= 0; otherwise the call is not translated."""
    if ftype.kind != TK.FUNCTIONPROTO:
        return  # no prototype: `_args` refuses the call
    params = list(ftype.argument_types())
    if ftype.get_result().kind != TK.INT or ftype.is_function_variadic() \
            or any(p.get_canonical().kind in _PROMOTED for p in params):
        return  # gcc calls it with the builtin's prototype, as clang does
    for i, (a, p) in enumerate(zip(args, params, strict=False)):
        ch = kids(a) if a.kind == K.UNEXPOSED_EXPR else []
        src = ch[0] if len(ch) == 1 and ch[0].kind in EXPR_KINDS else a
        t, param = src.type.get_canonical(), p.get_canonical()
        if t.kind == TK.ENUM:
            t = t.get_declaration().enum_type.get_canonical()
        kind = _PROMOTED.get(t.kind, t.kind)
        if kind == param.kind or kind in _POINTERS and param.kind == TK.POINTER:
            continue
        known = evaluate(src)
        if kind in _INTS and param.kind in _INTS and isinstance(known, int) and known >= 0:
            continue
        raise Unsupported(f"`{name}` is not declared", f"C passes argument {i + 1} as `{t.spelling}`, "
                          f"unconverted, where the library function takes `{param.spelling}`", a)
