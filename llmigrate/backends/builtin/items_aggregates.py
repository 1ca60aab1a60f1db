"""Brace initializers of globals (C11 6.7.9): positions filled by position or designator chains
(`.a.b = 1`, `[2].x = 3`, GNU `[1 ... 4] = v`) into a tree, then written as Rust array and struct literals."""

from __future__ import annotations

from collections.abc import Callable

import clang.cindex as ci

from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.items_bitfields import run_bytes, runs
from llmigrate.backends.builtin.items_names import field_name, record_name
from llmigrate.backends.builtin.items_values import c_string_bytes, char_array, evaluate

CK, K = ci.CursorKind, ci.TypeKind
Node = ci.Cursor | dict  # an expression translated whole, or the sub-positions given so far
Scalar = Callable[[ci.Cursor, ci.Type], str]  # translates one initializer expression for a destination type


class NotConstant(Exception):
    """An initializer this translator cannot express as a Rust constant."""


def strip(e: ci.Cursor) -> ci.Cursor:
    """Through parentheses, implicit conversions and casts with a single operand."""
    while e.kind in (CK.UNEXPOSED_EXPR, CK.PAREN_EXPR, CK.CSTYLE_CAST_EXPR):
        kids = [c for c in e.get_children() if c.kind != CK.TYPE_REF]
        if len(kids) != 1:
            break
        e = kids[0]
    return e


def text(e: ci.Cursor) -> str:
    return " ".join(t.spelling for t in e.get_tokens())[:60]


def aggregate(e: ci.Cursor, c: ci.Type, scalar: Scalar) -> str:
    """An array or struct/union (canonical type `c`) initialised from `e`, as a Rust literal."""
    s = strip(e)
    if c.kind == K.CONSTANTARRAY and s.kind == CK.STRING_LITERAL:
        elem = bt.rust_type(c.element_type)
        data = c_string_bytes([t.spelling for t in s.get_tokens()])
        if data is None or not bt.is_int(elem) or bt.int_bits(elem) != 8:
            raise NotConstant(f"string literal '{text(s)}' for an array of {elem}")
        return char_array(data, c.element_count, elem)
    if s.kind != CK.INIT_LIST_EXPR:
        raise NotConstant(f"aggregate initialised from '{text(e)}' (not an initializer list)")
    tree: dict = {}
    _fill(tree, c, s)
    return _render(tree, c, scalar)


def _steps(item: ci.Cursor) -> tuple[list[tuple], ci.Cursor] | None:
    """The designator chain and value of a designated element; None for a positional one."""
    if item.kind != CK.UNEXPOSED_EXPR or item.type.kind != K.VOID:
        return None
    kids = list(item.get_children())
    parts, value = kids[:-1], kids[-1]
    toks = [t.spelling for t in item.get_tokens()]
    steps: list[tuple] = []
    i = k = 0
    while i < len(toks) and toks[i] != "=" and k < len(parts):
        if toks[i] == "." and parts[k].kind == CK.MEMBER_REF:
            steps.append(("field", parts[k].spelling))
            i, k = i + 2, k + 1
        elif toks[i] == "[":
            j, depth, is_range = i, 0, False
            while j < len(toks):
                depth += toks[j] == "["
                depth -= toks[j] == "]"
                is_range |= toks[j] == "..." and depth == 1
                if depth == 0:
                    break
                j += 1
            width = 2 if is_range else 1
            bounds = [evaluate(p) for p in parts[k:k + width]]
            if len(bounds) != width or not all(isinstance(b, int) and b >= 0 for b in bounds):
                raise NotConstant(f"array designator in '{text(item)}'")
            steps.append(("index", bounds[0], bounds[-1]))
            i, k = j + 1, k + width
        else:
            break
    if not toks and parts and all(p.kind == CK.MEMBER_REF for p in parts):
        # `.i` naming a member of an anonymous struct/union (C11 6.7.2.1p13): clang spells out the chain
        # through the anonymous members itself, with no tokens of its own
        steps, k = [("member", p.referenced) for p in parts], len(parts)
    if k != len(parts) or not steps:
        raise NotConstant(f"designator '{text(item)}'")
    return steps, value


def _member_type(c: ci.Type, pos: int) -> ci.Type:
    if c.kind == K.CONSTANTARRAY:
        return c.element_type
    return list(c.get_fields())[pos].type


def _positions(c: ci.Type, step: tuple) -> list[int]:
    if step[0] == "index":
        if c.kind != K.CONSTANTARRAY or step[2] >= c.element_count:
            raise NotConstant("array designator out of range or on a non-array")
        return list(range(step[1], step[2] + 1))
    fields = list(c.get_fields()) if c.kind == K.RECORD else []
    if step[0] == "member":
        idx = next((i for i, f in enumerate(fields) if step[1] is not None and f == step[1]), None)
    else:
        idx = next((i for i, f in enumerate(fields) if f.spelling == step[1]), None)
    if idx is None:
        raise NotConstant(f"designator '.{step[1]}' names no direct member")
    return [idx]


class _Items:
    """The elements of one braced list, consumed in order (brace elision lets sub-aggregates take several)."""

    def __init__(self, items: list[ci.Cursor]):
        self.items, self.at = items, 0

    def peek(self) -> ci.Cursor | None:
        return self.items[self.at] if self.at < len(self.items) else None


def _fill(tree: dict, c: ci.Type, s: ci.Cursor) -> None:
    """Record every element of initializer list `s` for an aggregate of canonical type `c` in `tree`."""
    _fill_from(tree, c, _Items(list(s.get_children())), braced=True)


def _fill_from(tree: dict, c: ci.Type, items: _Items, braced: bool) -> None:
    fields = list(c.get_fields()) if c.kind == K.RECORD else []
    union = c.kind == K.RECORD and c.get_declaration().kind == CK.UNION_DECL
    length = c.element_count if c.kind == K.CONSTANTARRAY else 1 if union else len(fields)
    pos = 0
    while (item := items.peek()) is not None:
        designated = _steps(item)
        if designated is not None:
            if not braced:
                return  # a designator belongs to the enclosing braced list
            items.at += 1
            steps, value = designated
            nxt = items.peek()
            if len(steps) > 1 and nxt is not None and _steps(nxt) is None:
                # 6.7.9p17 continues inside the deepest designated object: not reproduced here.
                raise NotConstant(f"positional initializer after the nested designator '{text(item)}'")
            keys = _positions(c, steps[0])
            for key in keys:
                _assign(tree, c, key, steps[1:], value)
            pos = keys[-1] + 1
            continue
        while pos < len(fields) and fields[pos].is_bitfield() and not fields[pos].spelling.isidentifier():
            pos += 1  # positional initializers skip unnamed bit-fields (6.7.9p9)
        if pos >= length:
            if braced:
                raise NotConstant(f"too many initializers at '{text(item)}'")
            return  # this sub-aggregate is full: the rest belongs to the enclosing one
        if _elided(_member_type(c, pos).get_canonical(), item):
            # 6.7.9p20: without braces, a sub-aggregate takes as many elements as it has members.
            sub: dict = {}
            _fill_from(sub, _member_type(c, pos).get_canonical(), items, braced=False)
            if union:
                tree.clear()
            tree[pos] = sub
        else:
            items.at += 1
            _set(tree, c, pos, item)
        pos += 1


def _elided(t: ci.Type, value: ci.Cursor) -> bool:
    """Whether `value` starts an aggregate of type `t` whose braces were left out."""
    if t.kind not in (K.CONSTANTARRAY, K.RECORD):
        return False
    braced = strip(value).kind in (CK.INIT_LIST_EXPR, CK.STRING_LITERAL)
    return not braced and value.type.get_canonical().kind != t.kind


def _set(tree: dict, c: ci.Type, key: int, value: ci.Cursor) -> None:
    if _elided(_member_type(c, key).get_canonical(), value):
        raise NotConstant(f"brace elision after a designator at '{text(value)}'")
    if c.kind == K.RECORD and c.get_declaration().kind == CK.UNION_DECL:
        tree.clear()  # a union holds the member initialised last
    tree[key] = value


def _assign(tree: dict, c: ci.Type, key: int, rest: list[tuple], value: ci.Cursor) -> None:
    if not rest:
        _set(tree, c, key, value)
        return
    sub_t = _member_type(c, key).get_canonical()
    sub = tree.get(key)
    if not isinstance(sub, dict):
        new: dict = {}
        if sub is not None:  # `.a = {..}, .a.b = 1`: the later designator overrides part of the list
            if strip(sub).kind != CK.INIT_LIST_EXPR:
                raise NotConstant(f"designator into '{text(sub)}'")
            _fill(new, sub_t, strip(sub))
        if c.kind == K.RECORD and c.get_declaration().kind == CK.UNION_DECL:
            tree.clear()
        tree[key] = sub = new
    for k in _positions(sub_t, rest[0]):
        _assign(sub, sub_t, k, rest[1:], value)


def _render(node: Node, t: ci.Type, scalar: Scalar) -> str:
    c = t.get_canonical()
    if not isinstance(node, dict):
        return scalar(node, t)
    if c.kind == K.CONSTANTARRAY:
        zero = bt.zero_value(bt.rust_type(c.element_type))
        if not node:
            return f"[{zero}; {c.element_count}]"
        return "[" + ", ".join(_render(node[i], c.element_type, scalar) if i in node else zero
                               for i in range(c.element_count)) + "]"
    return _record(node, c, scalar)


def _record(tree: dict, c: ci.Type, scalar: Scalar) -> str:
    decl = c.get_declaration()
    name = record_name(decl)
    fields = list(c.get_fields())
    if decl.kind == CK.UNION_DECL:
        if not tree:
            return f"unsafe {{ core::mem::zeroed::<{name}>() }}"
        (i, node), = tree.items()
        if fields[i].is_bitfield():
            raise NotConstant(f"initializer for a bit-field of union '{name}'")
        return f"{name} {{ {field_name(fields[i], i)}: {_render(node, fields[i].type, scalar)} }}"
    bits = {fields[i].spelling: _bit_value(node) for i, node in tree.items() if fields[i].is_bitfield()}
    parts, bit_runs = [], runs(fields)
    for i, f in enumerate(fields):
        if f.is_bitfield():
            run = bit_runs.get(i)
            if run is not None and run.members[0][0] == f:
                parts.append(f"{run.name}: {run_bytes(run, bits)}")
        elif i in tree:
            parts.append(f"{field_name(f, i)}: {_render(tree[i], f.type, scalar)}")
        else:
            whole = f.type.get_canonical().kind in (K.RECORD, K.CONSTANTARRAY, K.INCOMPLETEARRAY)
            zero = "unsafe { core::mem::zeroed() }" if whole else bt.zero_value(bt.rust_type(f.type))
            parts.append(f"{field_name(f, i)}: {zero}")
    return f"{name} {{ {', '.join(parts)} }}"


def _bit_value(node: Node) -> int:
    value = None if isinstance(node, dict) else evaluate(node)
    if not isinstance(value, int):
        raise NotConstant("a bit-field initialised from a non-integer constant")
    return value
