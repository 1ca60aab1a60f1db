"""C lvalues as Rust places: `*p`, `a[i]` (safe indexing for local arrays), `s.f` / `p->f` through anonymous
members, bit-fields through their accessors, and arrays decaying to pointers (variables are in exprs.py)."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import bytecursors, cstrs, libslices, unions
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.align import misaligned
from llmigrate.backends.builtin.borrows import REFS, borrowed, lent_member, stepped
from llmigrate.backends.builtin.cfront import EXPR_KINDS, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, paren, unparen
from llmigrate.backends.builtin.cursors import is_cast, is_local_place, only_child, side_effects, strip, ty
from llmigrate.backends.builtin.dispatch import EXPRS, PLACES, expr, place, register
from llmigrate.backends.builtin.inits import string_bytes
from llmigrate.backends.builtin.items_names import is_anonymous_member, member_path_after
from llmigrate.backends.builtin.items_values import byte_string
from llmigrate.backends.builtin.types import Unsupported
from llmigrate.signatures.mapper import VOID, rust_ident

K = ci.CursorKind
TK = ci.TypeKind


def elem_ptr(array: ci.Cursor) -> str:
    """The Rust type of a pointer to the first element of `array`."""
    elem = bt.rust_type(array.type.get_canonical().element_type)
    return f"*mut {VOID if elem == '()' else elem}"


def decay(array: ci.Cursor, ctx: FnCtx) -> str:
    """A pointer to the first element of an array lvalue."""
    p = address_place(array, ctx)
    elem = elem_ptr(array)
    if is_local_place(array):
        return f"{paren(p)}.as_mut_ptr()"
    return f"({addr_of(array.type)}({p}) as {elem})"


def unread_members(lhs: ci.Cursor) -> set[int]:
    """The member accesses a store into `lhs` (or taking its address) does not read: `lhs` and the members
    it is a field of, down to a pointer or anything else. Rust lets a store or `addr_of_mut!` go through
    union fields (`u.a.b = v`) without `unsafe`: no union field is read. A bit-field's accessor call
    borrows its owner, so none are."""
    found: set[int] = set()
    c = strip(lhs)
    while c.kind == K.MEMBER_REF_EXPR and c.referenced is not None and not c.referenced.is_bitfield():
        found.add(c.hash)
        base = [k for k in kids(c) if k.kind in EXPR_KINDS]
        if len(base) != 1 or base[0].type.get_canonical().kind == TK.POINTER:
            break
        c = strip(base[0])
    return found


def address_place(x: ci.Cursor, ctx: FnCtx) -> str:
    """The place of an lvalue whose address only is taken: `addr_of_mut!` of a `static mut` or extern
    static named as such is safe (Rust 1.82), and so is going through union fields (none is read)."""
    ctx.unread |= unread_members(x)
    before = ctx.unsafe
    p = place(x, ctx)
    if strip(x).kind == K.DECL_REF_EXPR:
        ctx.unsafe = before
    return p


def addr_of(c_type: ci.Type) -> str:
    """The raw-address macro for an lvalue of `c_type`: a const-qualified object (a `static`, or reached
    through a `*const` pointer) only allows `addr_of!`; C permits writing through it only after a cast."""
    return "core::ptr::addr_of!" if bt.is_const(c_type) else "core::ptr::addr_of_mut!"


def _deref(s: ci.Cursor, ctx: FnCtx) -> str | None:
    if unop(s) != "*":
        return None
    if (read := bytecursors.deref(s, ctx)) is not None:  # `*p` of a byte cursor: only read
        return read
    if (read := cstrs.element(only_child(s), None, ty(s), ctx)) is not None:  # never written: only read
        return read
    ref = borrowed(only_child(s), ctx, REFS)
    if ref is not None:  # a proven reference: safe
        return f"(*{ref})"
    if (element := stepped(only_child(s), ctx)) is not None:  # `*p++` of a stepped slice: bounds-checked
        return element
    ctx.unsafe = True
    return f"(*{paren(expr(only_child(s), ctx).code)})"


def _compound_literal(s: ci.Cursor, ctx: FnCtx) -> str:
    raise Unsupported("compound literal", "used as an object (address taken, array decayed or assigned); "
                      "only its value is translated", s)


def member(c: ci.Cursor, ctx: FnCtx) -> str:
    """`s.f` / `p->f` as a Rust place, crossing anonymous members by their Rust field path."""
    base = [k for k in kids(c) if k.kind in EXPR_KINDS]
    field = c.referenced
    if not base or field is None or field.kind != K.FIELD_DECL:
        raise Unsupported("member access", f"'{c.spelling}' is not a plain struct/union field", c)
    if field.is_bitfield():
        raise Unsupported("bit-field", f"'{field.spelling}' used as an object (address taken)", c)
    b = base[0]
    path = ".".join(member_path_after(field, b))
    if field.semantic_parent.kind == K.UNION_DECL and c.hash not in ctx.unread:
        unions.read(field, ctx)  # reading a union field is unsafe; a store or `addr_of_mut!` is not (ops.py)
    if b.type.get_canonical().kind == TK.POINTER:
        ref = borrowed(b, ctx, REFS)
        if ref is not None:  # a proven reference: safe, and Rust dereferences it for the field
            return f"{ref}.{path}"
        ctx.unsafe = True
        return f"(*{paren(expr(b, ctx).code)}).{path}"
    inner = strip(b)
    if inner.kind in (K.CALL_EXPR, K.StmtExpr, K.CONDITIONAL_OPERATOR) or not _is_lvalue(inner):
        return f"{paren(expr(b, ctx).code)}.{path}"
    if inner.kind == K.ARRAY_SUBSCRIPT_EXPR and (one := _element_at(*_subscript_operands(inner), ctx)):
        return f"{one.removeprefix('(*').removesuffix(')')}.{path}"  # `p.f`: Rust derefs it for the field
    return f"{paren(place(b, ctx))}.{path}"


def _is_lvalue(c: ci.Cursor) -> bool:
    return c.kind in (K.DECL_REF_EXPR, K.MEMBER_REF_EXPR, K.ARRAY_SUBSCRIPT_EXPR, K.UNARY_OPERATOR,
                      K.PAREN_EXPR)


def bitfield(c: ci.Cursor, ctx: FnCtx, stable: bool = False) -> tuple[str, str, str] | None:
    """For a bit-field member access: (setup, owner place, accessor name); items.py gives records with
    bit-fields `name()` / `set_name(v)` accessors. None for anything else."""
    s = strip(c)
    if s.kind != K.MEMBER_REF_EXPR or s.referenced is None or s.referenced.kind != K.FIELD_DECL \
            or not s.referenced.is_bitfield():
        return None
    if is_anonymous_member(s.referenced.semantic_parent) or not s.referenced.spelling:
        raise Unsupported("bit-field", "a bit-field inside an anonymous member or unnamed", s)
    root = _dereferenced(s, ctx)
    if root is not None and misaligned(root, ctx.sources, ctx.addressed, ctx.loose):
        raise Unsupported("bit-field", f"'{s.spelling}' reached through a pointer not known to be aligned "
                          "for its struct (Rust's accessors would borrow it)", s)
    b = [k for k in kids(s) if k.kind in EXPR_KINDS][0]
    if b.type.get_canonical().kind == TK.POINTER:
        ctx.unsafe = True
        owner = f"(*{paren(expr(b, ctx).code)})"
    else:
        owner = paren(place(b, ctx))
        if (owner.startswith(("crate::", "(crate::")) or owner in ctx.statics.values()) \
                and owner not in ctx.immutable:
            # a method call on a `static mut` would borrow it (refused by Rust 2024): go through a pointer
            owner = f"(*{addr_of(b.type)}({owner}))"
    setup = ""
    if stable and side_effects(b):
        ctx.unsafe = True
        tmp = ctx.fresh("p")
        setup, owner = f"let {tmp} = core::ptr::addr_of_mut!({owner}); ", f"(*{tmp})"
    return setup, owner, rust_ident(s.referenced.spelling)


def subscript(c: ci.Cursor, ctx: FnCtx) -> str:
    """`a[i]` as a Rust place: safe indexing of a local array, else `*p.offset(i)`."""
    base, index = _subscript_operands(c)
    if (read := cstrs.element(base, index, ty(c), ctx)) is not None:  # never written: only read
        return read
    if (read := libslices.element(base, index, ctx)) is not None:  # never written either
        return read
    if (read := bytecursors.element(base, index, ty(c), ctx)) is not None:  # `end[j]`: only read too
        return read
    if (one := _element_at(base, index, ctx)) is not None:  # the one element its reference stands for
        return one
    inner = _safely_indexed(base, ctx)
    if inner is not None:  # safe, bounds-checked indexing
        i = expr(index, ctx)
        return f"{paren(place(inner, ctx))}[{unparen(coerce(i, 'usize'))}]"
    whole = borrowed(base, ctx, ("slice", "slice_mut"))
    if whole is not None:  # a proven slice: bounds-checked (an index C would not allow panics)
        return f"{whole}[{unparen(coerce(expr(index, ctx), 'usize'))}]"
    return f"(*{_element(base, index, ctx)})"


def _element_at(base: ci.Cursor, index: ci.Cursor, ctx: FnCtx) -> str | None:
    """`p[k]` of a reference parameter of rule element-at (signatures/elementat.py), `k` its index
    parameter: the element the reference is, `(*p)`; else None."""
    b, i = strip(base), strip(index)
    if b.kind != K.DECL_REF_EXPR or b.referenced is None or (at := ctx.at.get(b.referenced.hash)) is None:
        return None
    while i.kind in (K.UNEXPOSED_EXPR, K.PAREN_EXPR) and len(list(kids(i))) == 1:
        i = only_child(i)  # `const size_t k` read as a `size_t`
    if i.kind != K.DECL_REF_EXPR or i.referenced is None or i.referenced.kind != K.PARM_DECL or \
            ctx.local(i.referenced) != at:  # the proof saw only `p[k]`: never index its reference otherwise
        raise Unsupported("element-at", f"'{b.spelling}' indexed other than at `{at}`", base)
    return f"(*{borrowed(base, ctx, REFS)})"


def _element(base: ci.Cursor, index: ci.Cursor, ctx: FnCtx) -> str:
    """A raw pointer to element `index` of pointer `base`."""
    ctx.unsafe = True
    p = expr(base, ctx)
    i = expr(index, ctx)
    if i.ty == "usize":  # a size_t index steps as it is (clippy's ptr_offset_with_cast)
        return f"{paren(p.code)}.add({unparen(i.code)})"
    return f"{paren(p.code)}.offset({unparen(coerce(i, 'isize'))})"


def _subscript_operands(c: ci.Cursor) -> tuple[ci.Cursor, ci.Cursor]:
    base, index = [k for k in kids(c) if k.kind in EXPR_KINDS]
    if base.type.get_canonical().kind != TK.POINTER and index.type.get_canonical().kind == TK.POINTER:
        return index, base  # C allows i[a]
    return base, index


def _safely_indexed(base: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The array `base` decays from when Rust indexes it directly (a local or immutable array, or a sized
    array member of a proven reference's pointee: signatures/members.py)."""
    inner = _decayed(base)
    if inner is not None and inner.type.get_canonical().kind == TK.CONSTANTARRAY \
            and (is_local_place(inner) or _immutable(inner, ctx) or _borrowed_member(inner, ctx)):
        return inner
    return None


def _borrowed_member(array: ci.Cursor, ctx: FnCtx) -> bool:
    """`array` is `p->a` (or `p->x.a`) of a sized array member (N > 1), `p` a proven reference."""
    return array.type.get_canonical().element_count > 1 and lent_member(array, ctx, REFS) is not None


def _dereferenced(s: ci.Cursor, ctx: FnCtx) -> ci.Cursor | None:
    """The pointer whose dereference gives lvalue `s` its Rust place (None: no raw pointer is)."""
    if s.kind == K.UNARY_OPERATOR and unop(s) == "*":
        return only_child(s)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR:
        base, _ = _subscript_operands(s)
        inner = _safely_indexed(base, ctx)
        return base if inner is None else _dereferenced(strip(inner), ctx)
    if s.kind == K.MEMBER_REF_EXPR:
        base = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if not base or base[0].type.get_canonical().kind == TK.POINTER:
            return base[0] if base else None
        return _dereferenced(strip(base[0]), ctx)
    return None


def unaligned(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """A raw pointer to lvalue `c` when its place dereferences a pointer not known to be aligned for its
    pointee (align.py): the access then goes through `read_unaligned`/`write_unaligned`, as C reads
    unaligned memory on this target. None for every other lvalue, accessed as a place."""
    s = strip(c)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR and libslices.sliced(_subscript_operands(s)[0], ctx) is not None:
        return None  # an element of a slice (rule library-result), read as one
    root = _dereferenced(s, ctx)
    if root is None or not misaligned(root, ctx.sources, ctx.addressed, ctx.loose):
        return None
    ctx.unsafe = True
    if s.kind == K.UNARY_OPERATOR:
        return paren(expr(root, ctx).code)
    if s.kind == K.ARRAY_SUBSCRIPT_EXPR and _safely_indexed(_subscript_operands(s)[0], ctx) is None:
        return _element(*_subscript_operands(s), ctx)
    return f"{addr_of(s.type)}({place(s, ctx)})"


def _decayed(base: ci.Cursor) -> ci.Cursor | None:
    """The array a pointer operand is the decay of (clang's implicit array-to-pointer conversion)."""
    arr = strip(base)
    return strip(list(kids(arr))[0]) if arr.kind == K.UNEXPOSED_EXPR and is_cast(arr) else None


def _immutable(array: ci.Cursor, ctx: FnCtx) -> bool:
    """A C const array that is a plain Rust `static` (shared.rs, or a function's static helper)."""
    return array.kind == K.DECL_REF_EXPR and place(array, ctx) in ctx.immutable


def _string_element(c: ci.Cursor, ctx: FnCtx) -> E | None:
    """`"0123"[i]` read as a byte string's element (safe, bounds-checked), not through a raw pointer."""
    base, index = [k for k in kids(c) if k.kind in EXPR_KINDS]
    inner = _decayed(base)
    if inner is None or inner.kind != K.STRING_LITERAL or (t := ty(c)) not in ("i8", "u8"):
        return None
    data = byte_string(string_bytes(inner) + b"\0")
    i = unparen(coerce(expr(index, ctx), "usize"))
    return E(f'b"{data}"[{i}]' if t == "u8" else f'(b"{data}"[{i}] as {t})', t)


def lvalue_expr(c: ci.Cursor, ctx: FnCtx) -> E:
    """The value of a member or element lvalue (a bit-field through its getter, an element of a string
    literal from a byte string)."""
    found = _string_element(c, ctx) if c.kind == K.ARRAY_SUBSCRIPT_EXPR else None
    if found is not None:
        return found
    bf = bitfield(c, ctx)
    if bf is not None:
        return E(f"{bf[1]}.{bf[2]}()", ty(c))
    raw = unaligned(c, ctx)
    return E(place(c, ctx) if raw is None else f"{raw}.read_unaligned()", ty(c))


register(EXPRS, {K.MEMBER_REF_EXPR: lvalue_expr, K.ARRAY_SUBSCRIPT_EXPR: lvalue_expr})
register(PLACES, {K.MEMBER_REF_EXPR: member, K.ARRAY_SUBSCRIPT_EXPR: subscript, K.UNARY_OPERATOR: _deref,
                  K.COMPOUND_LITERAL_EXPR: _compound_literal})
