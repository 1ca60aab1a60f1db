"""The arguments of a call of a SRC function, in an order the borrow model allows.

A callee's reference or slice parameter given a raw pointer gets a reference made from it at the call
(`&mut *core::ptr::addr_of_mut!((*s).w)`, under a `// SAFETY:` note). Rust evaluates arguments left to
right, so an argument after that one which reads or writes through the same raw base (`(*s).w.pos`) would
touch the memory behind a live `&mut` by another pointer: Stacked Borrows' undefined behaviour, though the
C is fine. Such later arguments are evaluated first, into temporaries (C leaves the order of argument
evaluation unspecified, so any order is one the C allows), and the references are made last. Each
temporary and the call itself get their own smallest `unsafe` (unsafety.py), never one block around all.
"""

from __future__ import annotations

from dataclasses import dataclass

import clang.cindex as ci

from llmigrate.backends.builtin import cstrs
from llmigrate.backends.builtin.borrows import argument, is_upgraded
from llmigrate.backends.builtin.cfront import kids, unop, walk
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import unparen
from llmigrate.backends.builtin.dispatch import value
from llmigrate.backends.builtin.unsafety import narrowed, own_block
from llmigrate.core import RustParam
from llmigrate.signatures.cstr import CSTR

K = ci.CursorKind


@dataclass
class Arguments:
    """A call's arguments: `lets` binds those evaluated first to temporaries (each in its own unsafe block if
    it needs one), `code` is the argument list, `unsafe` whether it needs an unsafe context (known only when
    there are temporaries: without them the flag of the statement is set as before)."""

    lets: str
    code: str
    unsafe: bool = False


def arguments(args: list[ci.Cursor], params: list[RustParam], lent: dict[int, str], ctx: FnCtx) -> Arguments:
    """The call's arguments: `lent` holds those already made (elements lent by elements.lend); an argument
    after the first reference made from a raw pointer that may touch memory is bound to a temporary first."""
    codes: list[str] = []
    needs: list[bool] = []  # the argument needs an unsafe context (unsafety.narrowed)
    made: list[bool] = []  # the argument is itself a reference made from a raw pointer (it noted a proof)
    proofs: list[list[str]] = []  # those the argument noted
    for i, (a, p) in enumerate(zip(args, params, strict=True)):
        before = len(ctx.proofs)
        direct = i not in lent and (p.conv in CSTR or is_upgraded(p))
        code, needed = narrowed(ctx, lambda i=i, a=a, p=p: _argument(args, params, lent, i, a, p, ctx))
        codes.append(code)
        needs.append(needed)
        made.append(direct and len(ctx.proofs) > before)  # not one made inside a value (a nested call)
        proofs.append(ctx.proofs[before:])
    first = next((i for i, m in enumerate(made) if m), len(codes))
    lets = ""
    for j in range(first + 1, len(codes)):
        if not made[j] and j not in lent and _touches_memory(args[j]):
            tmp = ctx.fresh("arg")
            lets += f"let {tmp}: {params[j].rust_type} = {own_block(ctx, codes[j], needs[j])}; "
            ctx.temp_proofs[tmp] = proofs[j]  # its `// SAFETY:` goes above its own line (unsafety.py)
            codes[j], needs[j] = tmp, False
    if not lets:
        ctx.unsafe |= any(needs)
    return Arguments(lets, ", ".join(codes), any(needs))


def _argument(args: list[ci.Cursor], params: list[RustParam], lent: dict[int, str], i: int, a: ci.Cursor,
              p: RustParam, ctx: FnCtx) -> str:
    if i in lent:
        return lent[i]
    if p.conv in CSTR:
        return cstrs.argument(a, p, ctx)
    return argument(args, params, i, ctx) if is_upgraded(p) else unparen(value(a, ctx, p.rust_type))


def _touches_memory(a: ci.Cursor) -> bool:
    """The C argument `a` reads or writes through a pointer (`*p`, `p->f`, `p[i]`), a global or static
    (a reference may have been made into it too), or calls a function (which may); one computed from
    locals' values and constants is left in place."""
    for n in walk(a):
        if n.kind in (K.CALL_EXPR, K.ARRAY_SUBSCRIPT_EXPR) or n.kind == K.UNARY_OPERATOR and unop(n) == "*":
            return True
        d = n.referenced if n.kind == K.DECL_REF_EXPR else None
        if d is not None and d.kind == K.VAR_DECL and (d.storage_class == ci.StorageClass.STATIC or
                                                       d.semantic_parent.kind == K.TRANSLATION_UNIT):
            return True
        if n.kind == K.MEMBER_REF_EXPR and any(k.type.get_canonical().kind == ci.TypeKind.POINTER
                                               for k in kids(n)):
            return True  # `p->f` (its base is a pointer; `s.f` of a local is not)
    return False
