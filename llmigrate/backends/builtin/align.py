"""Which pointers C does not promise to be aligned for their pointee: a byte buffer read as `uint32_t *`, a
struct pointer into a packet, a pointer stepped by bytes, or a local that holds one.

On x86-64 the C reads and writes through them anyway; Rust calls such a dereference undefined (debug builds
panic on it), so places.py and ops.py access them with `read_unaligned`/`write_unaligned`. The alignment a
pointer value is known to have follows it from its origin: a value of unknown origin (a parameter, a call's
result, a pointer loaded from memory, a global) has its declared type's alignment, as C assumes; a cast keeps
the alignment of what it converts; arithmetic keeps what the step preserves. The exception is a parameter of
an exported function pointing to unsigned fixed-width integers wider than a byte (<stdint.h>'s `uint16_t`, the
kernel's `u32` or `__le16`, or a typedef of one: the types of binary data, `loose_params`): C code outside
SRC calls it with a byte buffer or a string literal cast to that type (`(uint16_t *) "a\0b\0"`), so it has
no alignment known. Nothing here translates.
"""

from __future__ import annotations

import re

import clang.cindex as ci

from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids, unop, walk
from llmigrate.backends.builtin.cursors import ARRAYS, only_child, operands
from llmigrate.backends.builtin.items_values import evaluate

K = ci.CursorKind
TK = ci.TypeKind
ANY = 1 << 16  # no constraint known: at least any type's alignment
_STEPS = ("post++", "post--", "pre++", "pre--")


def sources(body: ci.Cursor) -> dict[int, list[ci.Cursor]]:
    """The values each pointer variable of `body` is given (initialiser, `=`, and the `+=`/`++` cursors
    that step it), by declaration hash."""
    found: dict[int, list[ci.Cursor]] = {}
    for n in walk(body):
        target = value = None
        if n.kind == K.VAR_DECL and _is_pointer(n.type):
            init = [k for k in kids(n) if k.kind in EXPR_KINDS]
            target, value = n, init[-1] if init else None
        elif n.kind == K.BINARY_OPERATOR and binop(n) == "=" or n.kind == K.COMPOUND_ASSIGNMENT_OPERATOR:
            lhs, rhs = operands(n)
            target, value = _variable(lhs), rhs if n.kind == K.BINARY_OPERATOR else n
        elif n.kind == K.UNARY_OPERATOR and unop(n) in _STEPS:
            target, value = _variable(operands(n)[0]), n
        if target is not None and value is not None and _is_pointer(target.type):
            found.setdefault(target.hash, []).append(value)
    return found


def loose_params(fn: ci.Cursor, raw: list[ci.Cursor]) -> set[int]:
    """The declaration hashes of the parameters among `raw` (those that stay raw pointers) with no alignment
    known: those pointing to unsigned fixed-width integers wider than a byte, when `fn` is exported (see the
    module's docstring)."""
    if fn.storage_class == ci.StorageClass.STATIC:
        return set()
    return {p.hash for p in raw if _is_pointer(p.type) and p.type.get_pointee().get_align() > 1
            and _fixed_width(p.type.get_pointee())}


_FIXED = re.compile(r"(__)?uint(_least|_fast)?\d+_t|(__)?u\d+|__(le|be)\d+")


def _fixed_width(t: ci.Type) -> bool:
    """`t` is an unsigned integer type named for its width, or a typedef of one (`utf16_t`)."""
    for _ in range(16):  # typedef chains are short; a bound all the same
        if t.kind == TK.ELABORATED:
            t = t.get_named_type()
        if t.kind != TK.TYPEDEF:
            return False
        if _FIXED.fullmatch(t.get_typedef_name()):
            return t.get_canonical().kind not in (TK.POINTER, TK.RECORD, *ARRAYS)
        t = t.get_declaration().underlying_typedef_type
    return False


def misaligned(p: ci.Cursor, known: dict[int, list[ci.Cursor]], addressed: set[int],
               loose: set[int] | frozenset[int] = frozenset()) -> bool:
    """Pointer expression `p` may hold an address its pointee type's alignment does not divide (`loose`: the
    parameters known to have no alignment)."""
    t = p.type.get_canonical()
    if t.kind != TK.POINTER:
        return False
    need = t.get_pointee().get_align()
    return need > 1 and _Tracker(known, addressed, loose).pointer(p) < need


class _Tracker:
    """The alignment known for pointer values of one function, given its variables' `sources`."""

    def __init__(self, known: dict[int, list[ci.Cursor]], addressed: set[int], loose=frozenset()):
        self.known, self.addressed, self.loose, self.seen = known, addressed, loose, set()

    def pointer(self, c: ci.Cursor) -> int:
        """The alignment the address `c` evaluates to is known to have."""
        while c.kind == K.PAREN_EXPR:
            c = only_child(c)
        ops = operands(c)
        if c.kind in (K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR) and len(ops) == 1:
            inner = ops[-1].type.get_canonical()
            if inner.kind == TK.POINTER:
                return self.pointer(ops[-1])
            if inner.kind in ARRAYS:
                return self.object(ops[-1])
            return _declared(c.type) if inner.kind not in (TK.FUNCTIONPROTO, TK.FUNCTIONNOPROTO) else ANY
        if c.kind in (K.BINARY_OPERATOR, K.COMPOUND_ASSIGNMENT_OPERATOR) and len(ops) == 2 \
                and binop(c) in ("+", "-", "+=", "-="):
            ptr, count = ops if _is_pointer(ops[0].type) else ops[::-1]
            return self.step(ptr, count)
        if c.kind == K.UNARY_OPERATOR and unop(c) in _STEPS:
            return self.step(ops[0], None, 1)
        if c.kind == K.UNARY_OPERATOR and unop(c) == "&":
            return self.object(ops[0])
        if c.kind == K.CONDITIONAL_OPERATOR and len(ops) == 3:
            return min(self.pointer(ops[1]), self.pointer(ops[2]))
        if c.kind == K.STRING_LITERAL:
            return 1
        if c.kind == K.DECL_REF_EXPR and c.referenced is not None:
            return self.variable(c.referenced, c.type)
        return _declared(c.type)

    def step(self, ptr: ci.Cursor, count: ci.Cursor | None, n: int | None = None) -> int:
        """`ptr` moved by `count` (or the constant `n`) elements: the step's alignment bounds the result."""
        pointee = ptr.type.get_canonical().get_pointee()
        size = 1 if pointee.kind == TK.VOID else max(pointee.get_size(), 1)  # GNU: void * steps bytes
        if n is None:
            v = evaluate(count) if count is not None else None
            n = v if isinstance(v, int) else 1
        moved = abs(size * n)
        return min(self.pointer(ptr), moved & -moved) if moved else self.pointer(ptr)

    def object(self, c: ci.Cursor) -> int:
        """The alignment known for the address of lvalue `c`."""
        while c.kind == K.PAREN_EXPR:
            c = only_child(c)
        ops = operands(c)
        if c.kind == K.UNARY_OPERATOR and unop(c) == "*":
            return self.pointer(ops[0])
        if c.kind == K.ARRAY_SUBSCRIPT_EXPR and len(ops) == 2:
            base, index = ops if not _is_integer(ops[0].type) else ops[::-1]
            return self.step(base, index)
        if c.kind == K.MEMBER_REF_EXPR and ops and c.referenced is not None \
                and c.referenced.kind == K.FIELD_DECL:
            base = ops[0]
            at = self.pointer(base) if _is_pointer(base.type) else self.object(base)
            offset = max(c.referenced.get_field_offsetof(), 0) // 8
            return min(at, offset & -offset) if offset else at
        return max(c.type.get_canonical().get_align(), 1)

    def variable(self, decl: ci.Cursor, t: ci.Type) -> int:
        """A local pointer variable's values bound its alignment; anything else is trusted as declared."""
        local = decl.kind == K.PARM_DECL or decl.kind == K.VAR_DECL and \
            decl.storage_class == ci.StorageClass.NONE and decl.semantic_parent is not None \
            and decl.semantic_parent.kind == K.FUNCTION_DECL
        if t.get_canonical().kind in ARRAYS or not local or decl.hash in self.addressed:
            return _declared(t)
        if decl.hash in self.seen:  # a loop through its own steps: the steps bound it
            return ANY
        self.seen.add(decl.hash)
        start = (1 if decl.hash in self.loose else _declared(t)) if decl.kind == K.PARM_DECL else ANY
        return min([start, *(self.pointer(v) for v in self.known.get(decl.hash, ()))])


def _declared(t: ci.Type) -> int:
    """The alignment C promises for a pointer of type `t`: its pointee's (any for void or incomplete)."""
    t = t.get_canonical()
    if t.kind != TK.POINTER:
        return ANY
    a = t.get_pointee().get_align()
    return a if a > 0 and t.get_pointee().kind != TK.VOID else ANY


def _is_pointer(t: ci.Type) -> bool:
    return t.get_canonical().kind == TK.POINTER


def _is_integer(t: ci.Type) -> bool:
    return t.get_canonical().kind not in (TK.POINTER, *ARRAYS)


def _variable(c: ci.Cursor) -> ci.Cursor | None:
    while c.kind in (K.PAREN_EXPR,):
        c = only_child(c)
    return c.referenced if c.kind == K.DECL_REF_EXPR else None
