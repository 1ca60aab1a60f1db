"""Clang types as Rust types (LP64 Linux, gcc), and facts about the Rust scalar types the translator emits.

Public API, shared by the function-body translator and the shared-items translator (items.py):
- `rust_type(t, ctx=None) -> str`: the Rust spelling of a `clang.cindex.Type`, consistent with
  `signatures.c_type_to_rust` (scalar typedefs such as `u32`/`size_t` resolve to primitives; typedef names of
  aggregates and the tag of a `struct`/`union` are kept as the Rust name; enums are their integer type).
- `record_name(decl) -> str`: the Rust name of a struct/union declaration cursor.
- `is_int`, `is_signed`, `int_bits`, `is_float`, `is_ptr`, `is_fnptr`, `pointee`: facts about Rust types.
- `Unsupported`: raised (with a construct and a reason) for a type or construct that cannot be translated.

Names the function bodies rely on in src/shared.rs (items.py emits them):
- structs/unions as `record_name(decl)`; typedefs of aggregates / function pointers under the typedef name;
- globals (and file-static globals) as `crate::shared::<rust_ident(c name)>` (`static mut`; `static` for
  const data, `immutable`);
- external (libc, undefined) functions as `crate::shared::<c name>` inside an `extern "C"` block, with the
  parameter types of `param_type` on the clang prototype;
- enum constants are emitted by value in bodies, so they need no agreed name.
"""

from __future__ import annotations

import re

from clang.cindex import Cursor, Type, TypeKind

from llmigrate.backends.builtin import items_names
from llmigrate.signatures.mapper import SCALARS, VOID, rust_ident

K = TypeKind


class Unsupported(Exception):
    """A C construct the builtin translator cannot translate faithfully; `construct` names it."""

    def __init__(self, construct: str, reason: str, cursor: Cursor | None = None):
        super().__init__(f"{construct}: {reason}")
        self.construct = construct
        self.reason = reason
        self.cursor = cursor


# Clang builtin kinds on x86-64 Linux: plain char is signed.
_PRIMS = {
    K.BOOL: "bool", K.CHAR_S: "i8", K.SCHAR: "i8", K.CHAR_U: "u8", K.UCHAR: "u8",
    K.SHORT: "i16", K.USHORT: "u16", K.INT: "i32", K.UINT: "u32",
    K.LONG: "i64", K.ULONG: "u64", K.LONGLONG: "i64", K.ULONGLONG: "u64",
    K.INT128: "i128", K.UINT128: "u128", K.FLOAT: "f32", K.DOUBLE: "f64", K.VOID: "()",
    K.WCHAR: "i32", K.CHAR16: "u16", K.CHAR32: "u32",
}
_INT_BITS = {"i8": 8, "u8": 8, "i16": 16, "u16": 16, "i32": 32, "u32": 32, "i64": 64, "u64": 64,
             "isize": 64, "usize": 64, "i128": 128, "u128": 128}
_SUGAR = {K.ELABORATED, K.TYPEDEF}


def is_int(rust: str) -> bool:
    """True for the Rust integer primitives (not bool)."""
    return rust in _INT_BITS


def int_bits(rust: str) -> int:
    """Width in bits of a Rust integer primitive (usize/isize are 64 on LP64); bool counts as 8."""
    return 8 if rust == "bool" else _INT_BITS[rust]


def is_signed(rust: str) -> bool:
    """True for the signed Rust integer primitives."""
    return rust.startswith("i")


def is_float(rust: str) -> bool:
    return rust in ("f32", "f64")


def is_ptr(rust: str) -> bool:
    """A raw pointer type `*mut T` / `*const T`."""
    return rust.startswith("*")


def is_fnptr(rust: str) -> bool:
    """A nullable C function pointer `Option<unsafe extern "C" fn(..)>`."""
    return rust.startswith("Option<")


def is_scalar(rust: str) -> bool:
    return is_int(rust) or is_float(rust) or rust == "bool" or is_ptr(rust) or is_fnptr(rust)


def pointee(rust: str) -> str:
    """`*mut T` -> `T`."""
    return re.sub(r"^\*(mut|const) ", "", rust, count=1)


_ALIASES: dict[str, str] = {}  # the shared module's `pub type A = B;`, set for each unit translated
_ALIASES_OF: list[str | None] = [None]  # the shared module they were read from
_WORD = re.compile(r"\b[A-Za-z_]\w*\b")


def use_aliases(shared_code: str) -> None:
    """Know the type aliases of the shared module (`pub type FILE = _IO_FILE;`): two spellings of one type
    then convert without a cast (clippy's unnecessary_cast)."""
    if _ALIASES_OF[0] == shared_code:  # the units of a run share one module, which grows with the codebase:
        return  # read per unit, it made the run quadratic
    _ALIASES.clear()
    _ALIASES.update(re.findall(r"^\s*pub type (\w+) = ([^;<]+);", shared_code, re.M))
    _ALIASES_OF[0] = shared_code


def _resolved(t: str) -> str:
    for _ in range(8):  # aliases of aliases; a cycle cannot compile, so a bound suffices
        new = _WORD.sub(lambda m: _ALIASES.get(m.group(), m.group()), t)
        if new == t:
            break
        t = new
    return t.replace(" ", "")


def same_type(a: str, b: str) -> bool:
    """Equal Rust types up to whitespace and the shared module's type aliases."""
    return a.replace(" ", "") == b.replace(" ", "") or bool(_ALIASES) and _resolved(a) == _resolved(b)


def int_of_width(bits: int, signed: bool) -> str:
    return f"{'i' if signed else 'u'}{bits}"


def record_name(decl: Cursor) -> str:
    """The Rust name of a struct/union declaration: its tag, or the typedef naming an unnamed one."""
    name = decl.spelling
    if not name or not re.fullmatch(r"[A-Za-z_]\w*", name):
        raise Unsupported("anonymous struct/union", "a type with no tag or typedef name has no name", decl)
    return rust_ident(name)


_MEMOS: dict[object, dict[tuple, str]] = {}  # per translation unit (held, so ids are never reused)


def rust_type(t: Type, ctx: object = None) -> str:
    """The Rust type for a clang type; arrays are `[T; N]` (callers decay parameters themselves)."""
    kind = t.kind
    if kind in _PRIMS:
        return _PRIMS[kind]
    # Memoised per translation unit by clang's type identity; libclang calls dominate the time otherwise.
    memo = _MEMOS.get(t._tu)
    if memo is None:
        if len(_MEMOS) >= 8:
            del _MEMOS[next(iter(_MEMOS))]
        memo = _MEMOS[t._tu] = {}
    key = (kind, t.data[0], t.data[1])  # clang's uniqued QualType: spelling costs ~4 us, this nothing
    found = memo.get(key)
    if found is None:
        found = memo[key] = _rust_type(t, ctx)
    return found


def _rust_type(t: Type, ctx: object) -> str:
    while t.kind in _SUGAR:
        name = t.get_typedef_name() if t.kind == K.TYPEDEF else ""
        if name in SCALARS and SCALARS[name] != "()":
            return SCALARS[name]
        if t.kind == K.TYPEDEF:
            under = t.get_declaration().underlying_typedef_type
            resolved = rust_type(under, ctx)
            # Scalars, pointers and arrays resolve through the alias; named aggregates keep the alias name,
            # as signatures.c_type_to_rust does.
            if is_scalar(resolved) or resolved in ("()", VOID) or resolved.startswith("["):
                return resolved
            return rust_ident(name)
        t = t.get_named_type()
    return _structural(t, ctx)


def _structural(t: Type, ctx: object) -> str:
    kind = t.kind
    if kind in (K.UNEXPOSED, K.AUTO) and t.get_canonical().kind != kind:  # typeof(x), __auto_type
        return rust_type(t.get_canonical(), ctx)
    if kind in _PRIMS:
        return _PRIMS[kind]
    if kind == K.POINTER:
        return _pointer(t.get_pointee(), ctx)
    if kind == K.CONSTANTARRAY:
        return f"[{rust_type(t.element_type, ctx)}; {t.element_count}]"
    if kind == K.RECORD:
        return items_names.record_name(t.get_declaration())  # unnamed records: items' naming
    if kind == K.ENUM:
        return rust_type(t.get_declaration().enum_type, ctx)
    if kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO):
        raise Unsupported("function type", "a function type is only usable behind a pointer")
    if kind == K.INCOMPLETEARRAY:
        raise Unsupported("flexible array", f"array of unknown size '{t.spelling}'")
    if kind == K.VARIABLEARRAY:
        raise Unsupported("variable-length array", f"'{t.spelling}' has a run-time size")
    if kind == K.ATOMIC:
        raise Unsupported("_Atomic", f"atomic type '{t.spelling}'")
    raise Unsupported("type", f"no Rust equivalent for '{t.spelling}' ({kind.name})")


def _pointer(p: Type, ctx: object) -> str:
    base = p
    while base.kind in _SUGAR:
        base = base.get_named_type() if base.kind == K.ELABORATED else \
            base.get_declaration().underlying_typedef_type
    if base.kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO):
        return fn_pointer(base, ctx)
    inner = rust_type(p, ctx)
    if inner == "()":
        inner = VOID
    return f"*{'const' if p.is_const_qualified() else 'mut'} {inner}"


def fn_pointer(fn: Type, ctx: object = None) -> str:
    """`Option<unsafe extern "C" fn(args) -> ret>` for a clang function type."""
    args = [] if fn.kind == K.FUNCTIONNOPROTO else [param_type(a, ctx) for a in fn.argument_types()]
    if fn.kind == K.FUNCTIONPROTO and fn.is_function_variadic():
        args.append("...")
    ret = rust_type(fn.get_result(), ctx)
    return f"Option<unsafe extern \"C\" fn({', '.join(args)}){'' if ret == '()' else ' -> ' + ret}>"


def param_type(t: Type, ctx: object = None) -> str:
    """A parameter's Rust type: arrays decay to pointers to their element."""
    c = t.get_canonical()
    if c.kind in (K.CONSTANTARRAY, K.INCOMPLETEARRAY, K.VARIABLEARRAY):
        elem = c.element_type
        inner = rust_type(elem, ctx)
        return f"*{'const' if elem.is_const_qualified() else 'mut'} {VOID if inner == '()' else inner}"
    if c.kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO):
        return fn_pointer(c, ctx)
    return rust_type(t, ctx)


_ARRAYS = (K.CONSTANTARRAY, K.INCOMPLETEARRAY)


def is_const(t: Type) -> bool:
    """A const-qualified object; an array (of arrays) when its elements are."""
    c = t.get_canonical()
    while c.kind in _ARRAYS and not c.is_const_qualified():
        c = c.element_type.get_canonical()
    return c.is_const_qualified()


def immutable(t: Type) -> bool:
    """C const data that becomes a plain (immutable) Rust `static`: const, and holding no raw pointer
    (Rust requires a `static` to be Sync, and raw pointers are not)."""
    return is_const(t) and _sync(t)


def _sync(t: Type) -> bool:
    c = t.get_canonical()
    if c.kind in _ARRAYS:
        return _sync(c.element_type)
    if c.kind == K.POINTER:  # a function pointer (Option<fn>) is Sync, a data pointer is not
        return c.get_pointee().get_canonical().kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO)
    if c.kind == K.RECORD:
        return all(_sync(f.type) for f in c.get_fields())
    return True


def static_keyword(t: Type) -> str:
    """`static` for immutable C const data, else `static mut`."""
    return "static" if immutable(t) else "static mut"


def zero_value(rust: str) -> str:
    """A Rust expression for the all-zero value of a type (for C's static zero-initialisation)."""
    if is_int(rust):
        return f"0{rust}"
    if is_float(rust):
        return f"0.0{rust}"
    if rust == "bool":
        return "false"
    if is_ptr(rust):
        return f"core::ptr::null{'_mut' if rust.startswith('*mut') else ''}::<{pointee(rust)}>()"
    if is_fnptr(rust):
        return "None"
    return f"unsafe {{ core::mem::zeroed::<{rust}>() }}"
