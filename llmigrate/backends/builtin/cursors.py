"""Questions about expression cursors that every construct module asks: what is under the parentheses and
no-op conversions, the Rust type of a value, whether it is a null constant, a local object, side-effect free.

Nothing here translates; the construct modules import it, and it imports none of them.
"""

from __future__ import annotations

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.cfront import EXPR_KINDS, binop, kids, unop, walk
from llmigrate.backends.builtin.generic import selected
from llmigrate.backends.builtin.items_values import evaluate
from llmigrate.backends.builtin.types import Unsupported

K = ci.CursorKind
TK = ci.TypeKind
ARRAYS = (TK.CONSTANTARRAY, TK.INCOMPLETEARRAY, TK.VARIABLEARRAY)


def ty(c: ci.Cursor) -> str:
    """The Rust type of an expression cursor (arrays stay arrays; decay is an explicit conversion)."""
    if c.type.get_canonical().kind in ARRAYS and array_param(c):
        return bt.param_type(c.type)
    return bt.rust_type(c.type)


def array_param(c: ci.Cursor) -> bool:
    """True for a use of a parameter declared as an array (`int a[]`): libclang keeps the array type, but
    C adjusted it to a pointer."""
    while c.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR):
        ch = list(kids(c))
        if len(ch) != 1 or ch[0].type.get_canonical() != c.type.get_canonical():
            return False
        c = ch[0]
    return c.kind == K.DECL_REF_EXPR and c.referenced is not None and c.referenced.kind == K.PARM_DECL


def strip(c: ci.Cursor) -> ci.Cursor:
    """`c` without parentheses, no-op implicit conversions and generic selections (their chosen
    association)."""
    while True:
        if c.kind == K.PAREN_EXPR or c.kind == K.UNARY_OPERATOR and unop(c) == "__extension__":
            c = only_child(c)
        elif c.kind == K.GENERIC_SELECTION_EXPR:
            c = selected(c)
        elif c.kind == K.UNEXPOSED_EXPR and is_cast(c) and same_type(only_child(c).type, c.type):
            c = only_child(c)
        else:
            return c


def discarded(c: ci.Cursor) -> ci.Cursor:
    """An expression evaluated for its effects only, without its parentheses and casts to void."""
    c = strip(c)
    while c.kind == K.CSTYLE_CAST_EXPR and c.type.get_canonical().kind == TK.VOID:
        c = strip([k for k in kids(c) if k.kind in EXPR_KINDS][-1])
    return c


def same_type(a: ci.Type, b: ci.Type) -> bool:
    """Same C type; clang's uniqued type pointers settle most cases without a libclang call."""
    if a.kind == b.kind and a.data[0] == b.data[0] and a.data[1] == b.data[1]:
        return True
    return a.get_canonical() == b.get_canonical()


def only_child(c: ci.Cursor) -> ci.Cursor:
    """The one operand of a unary construct (type references aside)."""
    ch = [k for k in kids(c) if k.kind != K.TYPE_REF]
    if len(ch) != 1:
        raise Unsupported(c.kind.name.lower(), f"expected one operand, found {len(ch)}", c)
    return ch[0]


def is_cast(c: ci.Cursor) -> bool:
    """An UNEXPOSED_EXPR wrapping one expression: clang's implicit conversion."""
    ch = list(kids(c))
    return len(ch) == 1 and ch[0].kind in EXPR_KINDS


def operands(c: ci.Cursor) -> list[ci.Cursor]:
    """The operand expressions of an operator, in order."""
    return [k for k in kids(c) if k.kind in EXPR_KINDS]


def is_null_constant(c: ci.Cursor) -> bool:
    """The integer constant 0 under parentheses and casts: C's null pointer constant."""
    s = c
    while s.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR):
        ch = [k for k in kids(s) if k.kind in EXPR_KINDS]
        if len(ch) != 1:
            return False
        s = ch[0]
    return s.kind == K.INTEGER_LITERAL and evaluate(s) == 0


def side_effects(c: ci.Cursor) -> bool:
    """True when evaluating `c` twice would differ from once (calls, assignments, ++/--)."""
    for n in walk(c):
        k = n.kind
        if k in (K.CALL_EXPR, K.COMPOUND_ASSIGNMENT_OPERATOR, K.StmtExpr):
            return True
        if k == K.BINARY_OPERATOR and binop(n) == "=":
            return True
        if k == K.UNARY_OPERATOR and unop(n) in ("post++", "post--", "pre++", "pre--"):
            return True
    return False


def is_local_place(c: ci.Cursor) -> bool:
    """True for a local array variable or a field path rooted in one (no pointer or static involved)."""
    s = strip(c)
    if s.kind == K.DECL_REF_EXPR:
        d = s.referenced
        return d is not None and d.kind == K.VAR_DECL and d.semantic_parent is not None and \
            d.semantic_parent.kind == K.FUNCTION_DECL and d.storage_class not in (ci.StorageClass.STATIC,
                                                                                    ci.StorageClass.EXTERN)
    if s.kind == K.MEMBER_REF_EXPR:
        base = list(kids(s))[0]
        return base.type.get_canonical().kind != TK.POINTER and is_local_place(base)
    return False


_CHANGES = ("post++", "post--", "pre++", "pre--", "&")


def mutated(body: ci.Cursor) -> tuple[set[int], set[int]]:
    """The variables `body` assigns, increments, decrements, takes the address of or lets decay to a
    pointer (through parentheses, casts, `.` fields and array elements), by declaration hash: the bindings
    Rust needs as `let mut`; and apart, those whose address it takes (a pointer may then reach them). One
    walk for both: every function's body is walked once here."""
    found, addressed, indexed = set(), set(), set()
    for n in walk(body):  # an expression before its operands
        kind, target, address = n.kind, None, False
        if kind == K.COMPOUND_ASSIGNMENT_OPERATOR or kind == K.BINARY_OPERATOR and binop(n) == "=":
            target = operands(n)[0]
        elif kind == K.UNARY_OPERATOR:
            op = unop(n)
            target, address = operands(n)[0] if op in _CHANGES else None, op == "&"
        elif kind == K.ARRAY_SUBSCRIPT_EXPR:  # a local array Rust indexes itself (places.subscript): read
            indexed.update(k.hash for k in operands(n) if k.kind == K.UNEXPOSED_EXPR and is_cast(k)
                           and _is_array(operands(k)[0]) and is_local_place(operands(k)[0]))
        elif kind == K.UNEXPOSED_EXPR and is_cast(n) and _is_array(operands(n)[0]) and n.hash not in indexed:
            target = operands(n)[0]  # an array decaying to a pointer: `.as_mut_ptr()`, `addr_of_mut!`
        decl = _root_variable(target) if target is not None else None
        if decl is not None:
            found.add(decl.hash)
            if address:
                addressed.add(decl.hash)
    return found, addressed


def postponable(s: ci.Cursor, addressed_: set[int]) -> list[ci.Cursor]:
    """The `x++`/`x--` inside expression statement `s` that may run after it: `x` a local (or parameter)
    named nowhere else in `s`, its address never taken, the increment not under `&&`, `||` or `?:`.
    Nothing else in the statement can see `x`, so `*p++ = v;` is `*p = v; p++;`."""
    refs: dict[int, int] = {}
    for n in walk(s):
        if n.kind == K.DECL_REF_EXPR and n.referenced is not None:
            refs[n.referenced.hash] = refs.get(n.referenced.hash, 0) + 1
    return [n for n in _unconditional(s) if n.kind == K.UNARY_OPERATOR and unop(n) in ("post++", "post--")
            and _movable(strip(operands(n)[0]), refs, addressed_)]


def _movable(x: ci.Cursor, refs: dict[int, int], addressed_: set[int]) -> bool:
    d = x.referenced if x.kind == K.DECL_REF_EXPR else None
    if d is None or refs.get(d.hash) != 1 or d.hash in addressed_:
        return False
    local = d.kind == K.PARM_DECL or d.kind == K.VAR_DECL and d.storage_class == ci.StorageClass.NONE \
        and d.semantic_parent is not None and d.semantic_parent.kind == K.FUNCTION_DECL
    canon = d.type.get_canonical()
    return local and not canon.is_volatile_qualified() and canon.kind not in ARRAYS


def _unconditional(c: ci.Cursor):
    """`c`'s descendants that run whenever `c` runs (not under `&&`, `||`, `?:` or in a nested statement)."""
    for k in kids(c):
        yield k
        conditional = k.kind in (K.CONDITIONAL_OPERATOR, K.StmtExpr, K.CXX_UNARY_EXPR) \
            or k.kind == K.BINARY_OPERATOR and binop(k) in ("&&", "||")
        if not conditional:
            yield from _unconditional(k)


def _root_variable(c: ci.Cursor) -> ci.Cursor | None:
    """The variable whose own storage the place `c` is in (None when it is behind a pointer)."""
    while True:
        inner = operands(c)
        if c.kind in (K.PAREN_EXPR, K.UNEXPOSED_EXPR, K.CSTYLE_CAST_EXPR) and len(inner) == 1:
            c = inner[0]
        elif c.kind == K.MEMBER_REF_EXPR and inner and inner[0].type.get_canonical().kind != TK.POINTER:
            c = inner[0]
        elif c.kind == K.ARRAY_SUBSCRIPT_EXPR and inner and _is_array(_undecayed(inner[0])):
            c = _undecayed(inner[0])
        else:
            return c.referenced if c.kind == K.DECL_REF_EXPR else None


def _undecayed(c: ci.Cursor) -> ci.Cursor:
    """The array a subscript's pointer operand decays from (clang's implicit conversion), else the operand."""
    c = strip(c)
    inner = operands(c)
    return strip(inner[0]) if c.kind == K.UNEXPOSED_EXPR and is_cast(c) and len(inner) == 1 else c


def _is_array(c: ci.Cursor) -> bool:
    """An array object; a parameter declared `u8 t[16]` is a pointer, whatever its spelled type."""
    if c.type.get_canonical().kind not in ARRAYS:  # asked of every conversion: the cheap question first
        return False
    return not (c.kind == K.DECL_REF_EXPR and c.referenced is not None and c.referenced.kind == K.PARM_DECL)
