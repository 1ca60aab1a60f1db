"""A byte cursor's Rust (rule byte-cursor, signatures/cursorslice.py): the parameter is a `&[u8]` of its
count, the C pointer a usize offset into it (its `_at` local, 0 at entry), every other cursor or end set
from it another (`let end: usize = p_at + n - n % K;`, `let mut p: usize = input_at;`, `let limit: usize =
(stop - 16);`). The proof allows nothing else of them, so each C use is one of: `p != end`, `p + 4 <= end`
compare offsets, `p += K` / `p++` steps one, `p[j]` / `end[j]` / `*p` reads `s[at + j]`, `memcpy(&x, p, w)`
is `x = T::from_ne_bytes(s[at..at + w].try_into().unwrap())`, and a reader call `F(p)` (a header's
function returning exactly the w bytes it reads, in memory order) is that `from_ne_bytes` of its result
type: every read bounds-checked. Native byte order, as memcpy and `*p` read memory.

The offsets' arithmetic is plain usize `+` and `-`: an offset below 0 (`end - 16` with fewer than 16
bytes) or past usize::MAX (a slice is at most isize::MAX bytes) is a pointer outside its buffer, whose
arithmetic C leaves undefined; wherever C's pointer arithmetic is defined the offsets' neither wraps nor
panics, and compare as C's pointers do (one buffer). The proofs only let a limit like `end - 16` be read
where `len >= 16` (flow.py)."""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import memberbytes
from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids, unop
from llmigrate.backends.builtin.context import FnCtx
from llmigrate.backends.builtin.convert import E, coerce, unparen
from llmigrate.backends.builtin.cursors import only_child, operands, strip, ty
from llmigrate.backends.builtin.dispatch import expr, place
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.signatures.bytecursor import RULE

K, TK = ci.CursorKind, ci.TypeKind


def register(param: ci.Cursor, proof: str, beneath: str, ctx: FnCtx) -> None:
    """Key a byte cursor parameter's offset local (funcs.py made it, `ctx.steps`) by its declaration."""
    if RULE in (proof, beneath):
        ctx.cursors[param.hash] = (param.hash, ctx.steps[param.hash])


def _bare(c: ci.Cursor) -> ci.Cursor:
    """`c` without parentheses and pointer conversions (`(const u8 *)data`, the implicit `void *` ones)."""
    c = strip(c)
    while c.kind in (K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR, K.PAREN_EXPR) and \
            len(ch := [k for k in kids(c) if k.kind in EXPR_KINDS]) == 1:
        c = strip(ch[0])
    return c


def at(c: ci.Cursor, ctx: FnCtx) -> tuple[str, str] | None:
    """(the slice, the offset local) when `c` denotes a byte cursor or its `end`, else None."""
    d = _bare(c)
    found = ctx.cursors.get(d.referenced.hash) if d.kind == K.DECL_REF_EXPR and d.referenced is not None \
        else None
    if found is None:
        return None
    return (ctx.member_bytes[found[0]] if isinstance(found[0], tuple) else ctx.names[found[0]]), found[1]


def declaration(d: ci.Cursor, ctx: FnCtx) -> list[str] | None:
    """`let end: usize = p_at + n - n % K;` for `const u8 *end = p + n - (n % K);` (`let mut` for a cursor
    the body moves, `const u8 *p = input;`), else None."""
    init = next((k for k in kids(d) if k.kind in EXPR_KINDS), None)
    pointer = init is not None and d.type.get_canonical().kind == TK.POINTER
    copied = memberbytes.start(_root(init), ctx) if pointer else None  # rule member-bytes: its bytes
    found = _offset(init, ctx) if pointer else None
    if found is None:
        return None
    name = ctx.local(d)
    ctx.cursors[d.hash] = (found[0], name)
    return [*(copied[1] if copied else []), f"{ctx.let(d, 'usize')} {name}: usize = {unparen(found[1])};"]


def _root(c: ci.Cursor) -> ci.Cursor:
    """`p` of `p + e - f`: where an end's offset starts."""
    d = _bare(c)
    return _root(operands(d)[0]) if d.kind == K.BINARY_OPERATOR and binop(d) in ("+", "-") else c


def _offset(c: ci.Cursor, ctx: FnCtx) -> tuple[int, str] | None:
    """(the cursor parameter's hash, the usize offset) of `p`, `p + e` or `p - e` (p a byte cursor); of
    `(const u8 *)s->m` whose bytes rule member-bytes copied, (their key, 0)."""
    if (key := memberbytes.copied(c, ctx)) is not None:
        return key, "0"
    d = _bare(c)
    if d.kind == K.DECL_REF_EXPR and d.referenced is not None and d.referenced.hash in ctx.cursors:
        return ctx.cursors[d.referenced.hash][0], ctx.cursors[d.referenced.hash][1]
    if d.kind != K.BINARY_OPERATOR or binop(d) not in ("+", "-"):
        return None
    lhs, rhs = operands(d)
    base = _offset(lhs, ctx) if ty(lhs).startswith("*") else None
    if base is None:
        return None
    n = unparen(coerce(expr(rhs, ctx), 'usize'))
    return base[0], n if base[1] == "0" and binop(d) == "+" else f"({base[1]} {binop(d)} {n})"


def compare(c: ci.Cursor, op: str, ctx: FnCtx) -> str | None:
    """`p != end`, `p + 4 <= end` (any comparison of two cursors of one buffer, plus or minus integers) as
    one of their offsets. `p_at + 4` cannot wrap where C's `p + 4` is defined (module docstring)."""
    lhs, rhs = operands(c)
    a, b = _offset(lhs, ctx), _offset(rhs, ctx)
    if a is None or b is None or a[0] != b[0]:
        return None
    return f"({unparen(a[1])} {op} {unparen(b[1])})"


def step(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """`p += K` / `p -= K` of a byte cursor as a step of its offset."""
    lhs, rhs = operands(c)
    found = at(lhs, ctx) if binop(c) in ("+=", "-=") else None
    if found is None:
        return None
    return f"{found[1]} {binop(c)} {unparen(coerce(expr(rhs, ctx), 'usize'))};"


def increment(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """`p++` / `--p` (its value unused) of a byte cursor as a step of its offset."""
    found = at(only_child(c), ctx)
    return f"{found[1]} {'+' if '++' in unop(c) else '-'}= 1;" if found is not None else None


def deref(c: ci.Cursor, ctx: FnCtx) -> str | None:
    """`*p` of a byte cursor (only ever read: the proof) as the slice's byte at its offset."""
    found = at(only_child(c), ctx) if unop(c) == "*" else None
    return _typed(_byte(found, found[1], ctx), only_child(c), ty(c), ctx) if found is not None else None


def element(base: ci.Cursor, index: ci.Cursor, t: str, ctx: FnCtx) -> str | None:
    """`p[j]` / `end[j]` (of C type `t`) as the slice's byte at the offset plus j (bounds-checked)."""
    found = at(base, ctx)
    if found is None:
        return None
    if evaluate(index) == 0:  # `end[0]`: the byte at the offset (clippy's identity_op)
        return _typed(_byte(found, found[1], ctx), base, t, ctx)
    j = unparen(coerce(expr(index, ctx), 'usize'))
    return _typed(_byte(found, f"{found[1]} + {j}", ctx), base, t, ctx)


def _byte(found: tuple[str, str], i: str, ctx: FnCtx) -> str:
    """The byte at index `i` of the slice `found[0]`, bounds-checked (a member's bytes: memberbytes.py)."""
    return memberbytes.byte(found[0], i) if found[0] in ctx.member_bytes.values() else f"{found[0]}[{i}]"


def _typed(byte: str, c: ci.Cursor, t: str, ctx: FnCtx) -> str:
    """A byte of the slice read as C type `t`: a `const char *` cursor over a `void *`'s `&[u8]` reads
    `i8`, as C reads it (signed), not the slice's element."""
    hash_ = ctx.cursors[_bare(c).referenced.hash][0]
    element = ctx.borrowed[hash_][1].removeprefix("&[").removesuffix("]") if hash_ in ctx.borrowed else \
        "u8" if isinstance(hash_, tuple) else t  # a member's bytes (rule member-bytes)
    return byte if element == t else f"({byte} as {t})"


def _bytes(found: tuple[str, str], t: str, width: int, ctx: FnCtx) -> str:
    s, off = found
    window = memberbytes.window(s, off, width) if s in ctx.member_bytes.values() else \
        f"{s}[{off}..{off} + {width}]"
    return f"{t}::from_ne_bytes({window}.try_into().unwrap())"


def copy(c: ci.Cursor, name: str | None, ctx: FnCtx) -> str | None:
    """`memcpy(&x, p, w)` reading w bytes at a byte cursor into the scalar x of w bytes."""
    args = list(c.get_arguments())
    if name not in ("memcpy", "memmove") or ctx.function_id(name) is not None or len(args) != 3:
        return None
    found = at(args[1], ctx)
    x = _bare(args[0])
    if found is None or x.kind != K.UNARY_OPERATOR or unop(x) != "&":
        return None
    target = strip(only_child(x))
    width = target.type.get_canonical().get_size()
    if evaluate(args[2]) != width:
        return None
    return f"{place(target, ctx)} = {_bytes(found, ty(target), width, ctx)};"


def read(args: list[ci.Cursor], c: ci.Cursor, t: str, ctx: FnCtx) -> E | None:
    """`F(p)` of a byte cursor: the proof allowed it only for a function returning exactly the bytes it
    reads (signatures/readers.py returned), which its result type's size counts."""
    found = at(args[0], ctx) if len(args) == 1 else None
    return E(_bytes(found, t, c.type.get_canonical().get_size(), ctx), t) if found is not None else None
