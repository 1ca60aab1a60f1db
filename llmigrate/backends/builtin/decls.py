"""Local declarations: `let mut` with C's initialisers, function-level statics as module statics, local
struct types as module items, and hoisting for blocks that jumps enter."""

from __future__ import annotations

import ctypes
import functools

import clang.cindex as ci

from llmigrate.backends.builtin import bytecursors, libslices
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.borrows import view_alias
from llmigrate.backends.builtin.cfront import kids, unop, walk
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.cursors import strip
from llmigrate.backends.builtin.dispatch import STMTS, register, value
from llmigrate.backends.builtin.globals_atomic import definition as atomic_definition
from llmigrate.backends.builtin.inits import initializer, zero
from llmigrate.backends.builtin.items_types import record_item
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.backends.builtin.unsafety import guarded_lines
from llmigrate.signatures.atomics import atomic_type

K = ci.CursorKind
TK = ci.TypeKind


@functools.cache
def _init_fn():
    ci.conf.lib  # noqa: B018 - load libclang first
    lib = ctypes.CDLL(ci.conf.get_filename())
    f = lib.clang_Cursor_getVarDeclInitializer
    f.argtypes, f.restype = [ci.Cursor], ci.Cursor
    return f


def var_init(d: ci.Cursor) -> ci.Cursor | None:
    """The initialiser expression of a VAR_DECL, or None (array sizes are children too, so ask clang)."""
    c = _init_fn()(d)
    if c is None or c == ci.conf.lib.clang_getNullCursor():
        return None
    c._tu = d._tu  # what the bindings' own wrappers attach to every cursor they return
    return c


def _declarations(c: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Each declarator of `int *p = 0, *q = f();` its own statement, in its own smallest `unsafe`."""
    return [ln for d in kids(c) for ln in guarded_lines(ctx, lambda d=d: declaration(d, ctx))]


def declaration(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A local declaration: `let mut`, a function-level static, or nothing for extern/typedef of a scalar."""
    if d.kind in (K.TYPEDEF_DECL, K.STRUCT_DECL, K.UNION_DECL, K.ENUM_DECL):
        if d.kind == K.TYPEDEF_DECL and bt.is_scalar(bt.rust_type(d.underlying_typedef_type)):
            return []  # uses of a scalar typedef resolve to the primitive; nothing to declare
        if d.kind == K.ENUM_DECL:
            return []  # enumerators are emitted by value
        if d.kind in (K.STRUCT_DECL, K.UNION_DECL):
            return _local_record(d, ctx)
        raise Unsupported("local type", f"'{d.spelling}' declared inside a function", d)
    if d.kind != K.VAR_DECL:
        raise Unsupported("declaration", f"{d.kind.name.lower()} inside a function", d)
    if d.storage_class == ci.StorageClass.EXTERN:
        return []
    if d.storage_class == ci.StorageClass.STATIC:
        static_local(d, ctx)
        return []
    if d.type.get_canonical().kind == TK.VARIABLEARRAY:
        return _vla(d, ctx)
    if (end := bytecursors.declaration(d, ctx)) is not None:  # a byte cursor's end: an offset
        return end
    _check_attributes(d)
    name = ctx.local(d)
    t = bt.rust_type(d.type)
    init = var_init(d)
    if d.hash in ctx.hoisted:
        return [f"{name} = {initializer(init, d.type, t, ctx)};"] if init is not None and \
            d.hash not in ctx.borrowed else []
    if (slice_ := libslices.declare(d, init, ctx)) is not None:
        return slice_
    if init is not None and (param := view_alias(init, ctx)) is not None:
        return _alias(d, param, ctx)
    if init is not None and any(n.kind == K.DECL_REF_EXPR and n.spelling == d.spelling and n.referenced == d
                                for n in walk(init)):
        # C's scope of a variable starts before its initialiser (`struct list_head h = { &h, &h };`)
        first = f"let mut {name}: {t} = {zero(d.type, ctx)};"
        return [first, f"{name} = {initializer(init, d.type, t, ctx)};"]
    lit = _literal_object(init) if init is not None and t.startswith("*") else None
    if lit is not None:
        # C11 6.5.2.5p5: a compound literal in a block is an object living until the block ends; a hidden
        # local of the same Rust block holds it, and the pointer is taken from that local
        obj, lt = ctx.fresh(f"{name.removeprefix('r#')}__lit"), bt.rust_type(lit.type)
        decayed = lit.type.get_canonical().kind == TK.CONSTANTARRAY
        ptr = f"{obj}.as_mut_ptr()" if decayed else f"core::ptr::addr_of_mut!({obj})"
        value = initializer(lit, lit.type, lt, ctx)
        return [f"let mut {obj}: {lt} = {value};", f"let mut {name}: {t} = {ptr} as {t};"]
    val = initializer(init, d.type, t, ctx) if init is not None else zero(d.type, ctx)
    return [f"{ctx.let(d, t)} {name}: {t} = {val};"]


def _literal_object(init: ci.Cursor) -> ci.Cursor | None:
    """The compound literal a pointer is initialised from: `&(struct s){..}`, or `(int []){..}` decayed."""
    s = strip(init)
    while s.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR, K.CSTYLE_CAST_EXPR):  # pointer conversions, decay
        inner = [k for k in kids(s) if k.kind != K.TYPE_REF]
        if len(inner) != 1:
            return None
        s = inner[0]
        if s.kind == K.COMPOUND_LITERAL_EXPR:
            return s if s.type.get_canonical().kind == TK.CONSTANTARRAY else None
    if s.kind == K.UNARY_OPERATOR and unop(s) == "&":
        inner = strip(next(iter(kids(s))))
        return inner if inner.kind == K.COMPOUND_LITERAL_EXPR else None
    return None


def _vla(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A one-dimensional variable-length array: a zeroed Vec owning the storage for the block's lifetime,
    and the variable itself as a pointer to its first element (what every use of it decays to)."""
    elem_type = d.type.get_canonical().element_type
    sizes = [k for k in kids(d) if k.kind.is_expression()]
    if elem_type.get_canonical().kind == TK.VARIABLEARRAY or len(sizes) != 1:
        raise Unsupported("variable-length array", f"'{d.spelling}' has several run-time dimensions", d)
    if d.hash in ctx.hoisted:
        raise Unsupported("variable-length array", f"'{d.spelling}' in a block goto/switch jumps into", d)
    elem = bt.rust_type(elem_type)
    store, name = ctx.fresh(f"{d.spelling}_storage"), ctx.local(d)
    ctx.vlas[d.hash] = f"*mut {elem}"
    ctx.vla_bytes[d.hash] = f"{store}.len() * core::mem::size_of::<{elem}>()"  # sizeof: fixed at declaration
    n = value(sizes[0], ctx, "usize")
    return [f"let mut {store}: Vec<{elem}> = vec![{zero(elem_type, ctx)}; {n}];",
            f"let mut {name}: *mut {elem} = {store}.as_mut_ptr();"]


def _local_record(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """A struct/union defined inside the function becomes a module-level item next to it."""
    if not d.is_definition():
        return []
    for inner in kids(d):  # records nested in it come first
        if inner.kind in (K.STRUCT_DECL, K.UNION_DECL):
            _local_record(inner, ctx)
    item, why = record_item(d, lambda p: p, set())
    if item is None:
        raise Unsupported("local type", why or f"'{d.spelling}'", d)
    if item.code not in ctx.helpers:
        ctx.helpers.append(item.code + "\n".join(item.asserts))
    return []


def _check_attributes(d: ci.Cursor) -> None:
    """Attributes that change what a local does (cleanup handlers) cannot be dropped silently."""
    if any(k.kind.is_attribute() for k in kids(d)):
        words = {t.spelling for t in d.get_tokens()}
        for bad in ("cleanup", "__cleanup__"):
            if bad in words:
                raise Unsupported("attribute", f"'{d.spelling}' has __attribute__((cleanup)), which "
                                  "runs code at scope exit", d)


def hoist(d: ci.Cursor, ctx: FnCtx) -> list[str]:
    """Declare a local ahead of a switch/goto body (C lets jumps skip its initialisation)."""
    if d.kind != K.VAR_DECL or d.storage_class in (ci.StorageClass.EXTERN, ci.StorageClass.STATIC):
        return []
    if d.type.get_canonical().kind == TK.VARIABLEARRAY:
        raise Unsupported("variable-length array", f"'{d.spelling}' has a run-time size", d)
    libslices.not_hoisted(d, ctx)
    ctx.hoisted.add(d.hash)
    init = var_init(d)
    if init is not None and (param := view_alias(init, ctx)) is not None:
        return _alias(d, param, ctx)  # the parameter is not used otherwise: binding it early is the same
    return [f"let mut {ctx.local(d)}: {bt.rust_type(d.type)} = {zero(d.type, ctx)};"]


def aliased(param: ci.Cursor, body: ci.Cursor, ctx: FnCtx) -> bool:
    """A local of `body` stands for `param` (`_alias`), which the body names nowhere else."""
    return any(d.kind == K.VAR_DECL and (init := var_init(d)) is not None and
               (found := view_alias(init, ctx)) is not None and found.hash == param.hash for d in walk(body))


def _alias(d: ci.Cursor, param: ci.Cursor, ctx: FnCtx) -> list[str]:
    """`const T *x = a;` of a `void *` parameter its uses type (signatures.voids: its only use): `x` is the
    parameter's reference or slice."""
    ctx.borrowed[d.hash] = ctx.borrowed[param.hash]
    if param.hash in ctx.at:  # `x[k]` is the element as `p[k]` was (rule element-at)
        ctx.at[d.hash] = ctx.at[param.hash]
    return [f"let {'mut ' * (ctx.borrowed[d.hash][0] == 'opt_mut')}{ctx.local(d)} = {ctx.local(param)};"]


def static_local(d: ci.Cursor, ctx: FnCtx) -> str:
    """A `static` local as a module-level `static mut <fn>__<name>` helper (an atomic `static` for a scalar);
    returns its name."""
    if d.hash in ctx.statics:
        return ctx.statics[d.hash]
    name = f"{ctx.fn_name.removeprefix('r#')}__{d.spelling}"
    while any(h.startswith((f"static mut {name}:", f"static {name}:")) for h in ctx.helpers):
        name += "_"
    ctx.statics[d.hash] = name
    t = bt.rust_type(d.type)
    init = var_init(d)
    val = initializer(init, d.type, t, ctx) if init is not None else zero(d.type, ctx)
    keyword = bt.static_keyword(d.type)
    if keyword == "static":
        ctx.immutable.add(name)
    atomic = None if bt.is_const(d.type) else atomic_definition(name, t, val)  # a scalar: globals_atomic.py
    if atomic is not None:
        ctx.atomics[name] = atomic_type(t)
    ctx.helpers.append(atomic.removeprefix("pub ").rstrip() if atomic else f"{keyword} {name}: {t} = {val};")
    return name


register(STMTS, {K.DECL_STMT: _declarations})
