"""The arguments of a call of a SRC function, in an order the borrow model allows.

A callee's reference or slice parameter given a raw pointer gets a reference made from it at the call
(`&mut *core::ptr::addr_of_mut!((*s).w)`, under a `// SAFETY:` note). Rust evaluates arguments left to
right, so an argument after that one which reads or writes through the same raw base (`(*s).w.pos`) would
touch the memory behind a live `&mut` by another pointer: Stacked Borrows' undefined behaviour, though the
C is fine. Such later arguments are evaluated first, into temporaries (C leaves the order of argument
evaluation unspecified, so any order is one the C allows), and the references are made last.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import cstrs
from llmigrate.backends.builtin.borrows import argument, is_upgraded
from llmigrate.backends.builtin.cfront import kids, unop, walk
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import unparen
from llmigrate.backends.builtin.dispatch import value
from llmigrate.core import RustParam
from llmigrate.signatures.cstr import CSTR

K = ci.CursorKind


def arguments(args: list[ci.Cursor], params: list[RustParam], lent: dict[int, str], setup: str,
              ctx: FnCtx) -> tuple[str, str]:
    """(the statements to run before the call, the argument list): `lent` holds the arguments already made
    (elements lent by elements.lend, whose statements are `setup`); an argument after the first reference
    made from a raw pointer that may touch memory is bound to a temporary first."""
    codes: list[str] = []
    made: list[bool] = []  # the argument is itself a reference made from a raw pointer (it noted a proof)
    for i, (a, p) in enumerate(zip(args, params, strict=True)):
        before = len(ctx.proofs)
        direct = i not in lent and (p.conv in CSTR or is_upgraded(p))
        codes.append(lent[i] if i in lent else cstrs.argument(a, p, ctx) if p.conv in CSTR
                     else argument(args, params, i, ctx) if is_upgraded(p)
                     else unparen(value(a, ctx, p.rust_type)))
        made.append(direct and len(ctx.proofs) > before)  # not one made inside a value (a nested call)
    first = next((i for i, m in enumerate(made) if m), len(codes))
    for j in range(first + 1, len(codes)):
        if not made[j] and j not in lent and _touches_memory(args[j]):
            tmp = ctx.fresh("arg")
            setup += f"let {tmp}: {params[j].rust_type} = {codes[j]}; "
            codes[j] = tmp
    return setup, ", ".join(codes)


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
