"""Byte cursors proven by the flow analysis (issue 15, rule byte-cursor, the xxhash shape; bytecursor.py has
siphash's): the decision (its signature and reads: cursorslice.py).

    const u8 *p = (const u8 *)input;  const u8 *const b_end = p + len;
    if (len >= 16) { const u8 *const limit = b_end - 16; do { R4(p); p += 4; ... } while (p <= limit); }
    while (p + 4 <= b_end) { R4(p); p += 4; }
    while (p < b_end) { h += *p; p++; }

Every pointer here is the parameter's start plus a byte offset, so the body is read again with each cursor
`p` (a byte pointer local set from the parameter, or the parameter itself when it moves) and each end (a
byte pointer local set to a cursor or end plus or minus an integer) as a `size_t` offset `p__at`; their
arithmetic and comparisons are the offsets' (one buffer: the same order); each read becomes the indexes of
its first and last byte, `*p` -> `input[p__at]`, `p[j]` -> `input[p__at + j]`, `F(p)` of a function only
reading K bytes (readers.py) -> `(input[p__at] + input[p__at + K - 1])`. The flow analysis (flow.py, rule
index-range) then proves those indexes in [0, len) on every path, or nothing. Any other use of a cursor or
end (stored, returned, passed on, compared with another pointer, written through) keeps the parameter raw.
"""

from __future__ import annotations

import dataclasses

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.bytecursor import _BYTE_POINTEES, _byte_pointer
from llmigrate.signatures.proof import declares, node_text, occurrences, op, parsed_body, unparen, up, walk
from llmigrate.signatures.treewalk import identifiers

_AT = "__at"
_ARITH = ("+", "-")
_COMPARE = ("<", "<=", ">", ">=", "==", "!=")


def count(fn: CFunction, name: str, body: Node | None, codebase: Codebase) -> str | None:
    """The count parameter when every read through parameter `name`'s cursors is in [0, count), else None."""
    found = proof(fn, name, body, codebase)
    return found[0] if found is not None else None


def proof(fn: CFunction, name: str, body: Node | None, codebase: Codebase) -> tuple[str, list[Node]] | None:
    """(the count, the uses of `body` reading through a cursor: `*p`, `p[j]`, `F(p)`) when every read
    through parameter `name`'s cursors is in [0, count), else None."""
    param = next((p for p in fn.params if p.name == name), None)
    if body is None or param is None or not _byte_pointer(param.type) or "const" not in param.type.split():
        return None
    reads: list[Node] = []
    text = _offsets(fn, name, body, codebase, reads)
    found = _proven(fn, name, text, codebase) if text is not None else None
    return (found, reads) if found is not None else None


def _proven(fn: CFunction, name: str, text: str, codebase: Codebase) -> str | None:
    """The count flow.py proves every index of `name` in the rewritten body `text` below, else None."""
    from llmigrate.signatures import flow

    start = fn.source.find("{", max(len(fn.signature) - 1, 0))
    params = [dataclasses.replace(p, type="const unsigned char *") if p.name == name else p
              for p in fn.params]
    typed = dataclasses.replace(fn, source=fn.source[:start] + text, params=params)
    new_body = parsed_body(typed)[0]
    uses = occurrences(new_body, name) if new_body is not None else None
    return flow.prove_param(typed, new_body, name, uses, codebase) if uses else None


def _offsets(fn: CFunction, name: str, body: Node, codebase: Codebase, reads: list[Node]) -> str | None:
    """The body's text with the cursors and ends of `name` as offsets, or None when a use is another;
    the uses that read through a cursor go into `reads`."""
    cursors = _pointers(body, name)
    if cursors is None:
        return None
    edits: list[tuple[int, int, str]] = []
    names, moved = {name, *cursors}, False
    starts = _starts(body, name, cursors)
    for u in occurrences(body, name) or []:
        if (fresh := _fresh(u, name, body, names)) is not None:
            edits.append(fresh)
            moved = True
            continue
        init = _initialises(u, cursors)
        if init is not None:
            edits.append((init.start_byte, init.end_byte, "0"))
            continue
        found = _use(u, name, name, names, codebase)
        if found is None:
            return None
        edits.append(found)
        reads += [u] if _reads(u) else []
        moved = True
    for local in cursors:
        for u in identifiers(body).get(local, ()):
            fresh = _fresh(u, local, body, names) if local in starts else None
            found = _declared(u) if declares(u) else fresh or _use(u, local, name, names, codebase)
            if found is None:
                return None
            edits.append(found)
            reads += [u] if not declares(u) and _reads(u) else []
    text = _apply(node_text(body), body.start_byte, edits)
    return "{ size_t " + name + _AT + " = 0; " + text[1:] if moved else text


def _fresh(u: Node, local: str, body: Node, names: set[str]) -> tuple[int, int, str] | None:
    """`c + X` initialising an end, `c` (use `u`) still at offset 0 there: no move of it comes before, nor
    after in a loop around the end's declaration. The edit leaves `X`: the flow analysis takes `x = y + n`
    of an unsigned n to state nothing (it may wrap), and `0 + n` is n (`names`: the cursors and ends)."""
    v = _outer(u)
    sum_ = v.parent
    d = sum_.parent if sum_ is not None else None
    if sum_ is None or sum_.type != "binary_expression" or op(sum_) != "+" or \
            sum_.child_by_field_name("left").id != v.id or d is None or d.type != "init_declarator" or \
            d.child_by_field_name("value").id != _outer(sum_).id:
        return None
    inner = d.child_by_field_name("declarator").child_by_field_name("declarator")
    if inner is None or node_text(inner) not in names:
        return None  # only an end becomes an offset
    loops = [a for a in _ancestors(d) if a.type in ("for_statement", "while_statement", "do_statement")]
    for m in identifiers(body).get(local, ()):
        if _moves(m) and (m.start_byte < d.start_byte or any(_inside(m, loop) for loop in loops)):
            return None
    return v.start_byte, sum_.child_by_field_name("right").start_byte, ""


def _starts(body: Node, name: str, cursors: list[str]) -> set[str]:
    """The cursor locals set to the parameter itself (cast or not): at offset 0 where declared."""
    found = set()
    for d in walk(body):
        inner = d.child_by_field_name("declarator") if d.type == "init_declarator" else None
        inner = inner.child_by_field_name("declarator") if inner is not None else None
        value = d.child_by_field_name("value") if inner is not None else None
        v = _uncast(unparen(value)) if value is not None else None
        if v is not None and v.type == "identifier" and node_text(v) == name and node_text(inner) in cursors:
            found.add(node_text(inner))
    return found


def _ancestors(n: Node):
    while (n := n.parent) is not None:
        yield n


def _inside(n: Node, outer: Node) -> bool:
    return outer.start_byte <= n.start_byte and n.end_byte <= outer.end_byte


def _pointers(body: Node, name: str) -> list[str] | None:
    """The byte pointer locals (declared once) set from `name`, or from one of them plus or minus an
    integer: its cursors and ends; None when one is declared twice."""
    found: list[str] = []
    changed = True
    while changed:
        changed = False
        for d in walk(body):
            if d.type != "init_declarator" or d.parent is None or d.parent.type != "declaration":
                continue
            target = d.child_by_field_name("declarator")
            inner = target.child_by_field_name("declarator") if target.type == "pointer_declarator" else None
            t = d.parent.child_by_field_name("type")
            if inner is None or inner.type != "identifier" or t is None or \
                    node_text(t) not in _BYTE_POINTEES[1:]:
                continue
            local = node_text(inner)
            if local not in found and _from(d.child_by_field_name("value"), [name, *found]):
                found.append(local)
                changed = True
    counts = identifiers(body)
    return None if any(sum(declares(n) for n in counts.get(k, ())) != 1 for k in found) else found


def _from(value: Node | None, roots: list[str]) -> bool:
    """`value` is one of `roots`, cast or not, or one of them plus or minus something."""
    v = _uncast(unparen(value)) if value is not None else None
    if v is None:
        return False
    if v.type == "identifier":
        return node_text(v) in roots
    return v.type == "binary_expression" and op(v) in _ARITH and _from(v.child_by_field_name("left"), roots)


def _uncast(n: Node) -> Node:
    while n.type == "cast_expression":
        n = unparen(n.child_by_field_name("value"))
    return n


def _initialises(u: Node, cursors: list[str]) -> Node | None:
    """The initialiser `name` or `(T *)name` of a cursor local that use `u` is, else None."""
    v = u
    while v.parent is not None and v.parent.type in ("cast_expression", "parenthesized_expression"):
        v = v.parent
    d = v.parent
    if d is None or d.type != "init_declarator" or d.child_by_field_name("value") is None or \
            d.child_by_field_name("value").id != v.id:
        return None
    inner = d.child_by_field_name("declarator").child_by_field_name("declarator")
    return v if inner is not None and node_text(inner) in cursors else None


def _declared(u: Node) -> tuple[int, int, str] | None:
    """The declaration of cursor `u` as a `size_t` offset: its type and `*` become `size_t`."""
    d = u.parent.parent if u.parent is not None else None  # pointer_declarator -> init_declarator
    decl = d.parent if d is not None else None
    if decl is None or decl.type != "declaration" or \
            sum(k.type == "init_declarator" for k in decl.named_children) != 1:
        return None
    value = d.child_by_field_name("value")
    return (decl.start_byte, value.start_byte, f"size_t {node_text(u)}{_AT} = ")


def _use(u: Node, local: str, buf: str, names: set[str], codebase: Codebase) -> tuple[int, int, str] | None:
    """The edit of a use of a cursor or end (`names`: all of them): its read as indexes, or its arithmetic as
    the offset's when that ends in a comparison with another, an end's initialiser or a step."""
    from llmigrate.signatures.readers import width

    at = local + _AT
    p = up(u)
    if p is None:
        return None
    if p.type == "pointer_expression" and op(p) == "*" and not _written(p):
        return p.start_byte, p.end_byte, f"{buf}[{at}]"
    if p.type == "subscript_expression" and p.child_by_field_name("argument").id == u.id and not _written(p):
        return p.start_byte, p.end_byte, f"{buf}[{at} + ({node_text(p.child_by_field_name('index'))})]"
    if p.type == "argument_list" and u.parent.id == p.id:
        k = width(p.parent, codebase)
        return (p.parent.start_byte, p.parent.end_byte, f"({buf}[{at}] + {buf}[{at} + {k - 1}])") \
            if k else None
    return (u.start_byte, u.end_byte, at) if _moves(u) or _offset(u, names) else None


def _reads(u: Node) -> bool:
    """Use `u`, which _use accepted, reads through the cursor: `*u`, `u[j]` or `F(u)` (else it moves it
    or is an offset)."""
    p = up(u)
    return p is not None and (p.type == "pointer_expression" or p.type == "subscript_expression" or
                              p.type == "argument_list")


def _moves(u: Node) -> bool:
    """`p++`, `p += e`, `p -= e` as a statement or a `for` update: the value goes nowhere."""
    p = up(u)
    step = p is not None and (p.type == "update_expression" or p.type == "assignment_expression" and
                              op(p) in ("+=", "-=") and p.child_by_field_name("left").id == u.id)
    q = up(p) if step else None
    return step and q is not None and (q.type == "expression_statement" or q.type == "for_statement" and
                                       q.child_by_field_name("update") is not None and
                                       q.child_by_field_name("update").id == _outer(p).id)


def _offset(u: Node, names: set[str]) -> bool:
    """`u`, plus or minus integers, is a side of a comparison whose other side is a cursor or end too, or
    the initialiser of one: only there does the offset stand for the pointer."""
    top = _outer(u)
    while top.parent is not None and top.parent.type == "binary_expression" and op(top.parent) in _ARITH and \
            top.parent.child_by_field_name("left").id == top.id:
        top = _outer(top.parent)
    p = top.parent
    if p is not None and p.type == "init_declarator" and p.child_by_field_name("value").id == top.id:
        inner = p.child_by_field_name("declarator").child_by_field_name("declarator")
        return inner is not None and node_text(inner) in names
    if p is None or p.type != "binary_expression" or op(p) not in _COMPARE:
        return False
    other = p.child_by_field_name("right" if p.child_by_field_name("left").id == top.id else "left")
    return _offset_expr(other, names)


def _outer(n: Node) -> Node:
    while n.parent is not None and n.parent.type == "parenthesized_expression":
        n = n.parent
    return n


def _offset_expr(n: Node, names: set[str]) -> bool:
    """A cursor or end, or one of them plus or minus something."""
    n = unparen(n)
    return n.type == "identifier" and node_text(n) in names or n.type == "binary_expression" and \
        op(n) in _ARITH and _offset_expr(n.child_by_field_name("left"), names)


def _written(p: Node) -> bool:
    q = up(p)
    return q is not None and (q.type == "assignment_expression" and q.child_by_field_name("left").id == p.id
                              or q.type == "update_expression" or
                              q.type == "pointer_expression" and op(q) == "&")


def _apply(text: str, base: int, edits: list[tuple[int, int, str]]) -> str | None:
    """`text` (starting at byte `base`) with the edits made, or None when two overlap."""
    data = text.encode()
    out, at = [], 0
    for start, end, new in sorted(edits):
        if start - base < at:
            return None
        out += [data[at:start - base].decode(), new]
        at = end - base
    return "".join(out) + data[at:].decode()
