"""A byte cursor over a counted buffer (issue 15, rule byte-cursor): the proof (its Rust: cursorslice.py).

    u64 h(const void *data, size_t len) {
        const u8 *end = data + len - (len % 8);
        const u8 left = len & 7;
        for (; data != end; data += 8) { u64 m; memcpy(&m, data, 8); ... }
        switch (left) { case 7: b |= (u64)end[6] << 48; ... case 1: b |= end[0]; }
    }

The cursor `data` (a `void *` or byte pointer parameter) starts at the buffer of `len` bytes (an unsigned
parameter the body never changes) and only moves as the update `data += K` of a `for` that runs while
`data != end`, `end = data + len - (len % K)` declared before it. So in that loop `data` is `start + m*K`
with `m*K < len - len % K`: at least K bytes lie before `end`, and a read of at most K bytes at `data` is in
the buffer. The loop leaves `data == end` (no `break` may leave it early, no `goto` anywhere), so after it
`data` is `end`. The tail reads `end[j]`, or w bytes at `data`/`end`, only inside a `switch` on
`len % K` (a local set once to it, or to `len & (K - 1)` for K a power of two), where every case label
before the read (a `default` counts as 0) is at least j + 1 (w): those `left` bytes past `end` are the
buffer's last ones. A read is `memcpy(&x, p, w)` of a scalar local of w bytes (windows.width), `p[j]`, or
`F(p)` of a function only reading w bytes at its parameter (readers.py: the kernel's get_unaligned_le64).

Every use of the cursor and of `end` must be one of these; a cursor stored, returned, passed on, stepped by
another amount or compared otherwise, an `end` of another pointer or count, keep the pointer raw. The proof
states offsets in bytes from the buffer's start, so the Rust it asks for is a `&[u8]` of `len` with a usize
offset local for the cursor and `end`, every read bounds-checked: cursorslice.py makes it a signature where
the builtin writes each read (backends/builtin/bytecursors.py); voidwhy.py names it as a `void *`'s reason to
stay raw where it does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import (
    declares,
    is_field,
    is_write,
    node_text,
    occurrences,
    op,
    unparen,
    up,
    walk,
    within,
)
from llmigrate.signatures.treewalk import identifiers

RULE = "byte-cursor"
_BYTE_POINTEES = ("void", "char", "unsigned char", "signed char", "uint8_t", "int8_t", "u8", "s8")


@dataclass(frozen=True)
class Cursor:
    """What rule byte-cursor proved of a parameter: its count, its step K, the `end` local, the local the
    tail switch tests (empty when it tests `len % K` itself) and each read's use id -> (offset base: "cursor"
    in the loop, "end" after it; first byte past end it may reach relative to that base)."""

    count: str
    step: int
    end: str
    left: str
    reads: dict[int, tuple[str, int]]


@dataclass(frozen=True)
class _Shape:
    count: str
    step: int
    end: str
    decl: Node  # the declaration of `end`
    loop: Node  # the `for`


def cursor(fn: CFunction, name: str, body: Node | None, codebase: Codebase) -> Cursor | None:
    """The proof that parameter `name` is a byte cursor over its count's bytes, or None."""
    param = next((p for p in fn.params if p.name == name), None)
    if body is None or param is None or not _byte_pointer(param.type) or \
            any(n.type in ("goto_statement", "labeled_statement") for n in walk(body)):
        return None
    shape = _shape(fn, name, body, codebase)
    uses = occurrences(body, name)
    if shape is None or uses is None:
        return None
    ends = _local_uses(body, shape.end)
    switch, left = _tail(body, shape)
    reads: dict[int, tuple[str, int]] = {}
    for u in uses:
        if within(u, shape.decl) or _in_header(u, shape.loop):
            continue  # end's initialiser, the loop's condition and update: _shape checked them
        found = _read(u, shape, switch, fn, body, codebase, after=switch is not None and within(u, switch))
        if found is None:
            return None
        reads[u.id] = found
    for u in ends or ():
        if within(u, shape.decl) or _in_header(u, shape.loop):
            continue
        if is_write(u) or switch is None or not within(u, switch):
            return None
        found = _read(u, shape, switch, fn, body, codebase, after=True)
        if found is None:
            return None
        reads[u.id] = found
    return Cursor(shape.count, shape.step, shape.end, left, reads) if ends is not None else None


def _byte_pointer(c_type: str) -> bool:
    """A pointer to bytes (`const void *`, `const u8 *`): its `+= K` steps K bytes."""
    words = [w for w in c_type.replace("*", " * ").split() if w not in ("const", "volatile")]
    return words.count("*") == 1 and words[-1] == "*" and " ".join(words[:-1]) in _BYTE_POINTEES


def _shape(fn: CFunction, name: str, body: Node, codebase: Codebase) -> _Shape | None:
    """`T *end = name + len - (len % K);` then `for (; name != end; name += K)`, both statements of the
    body itself, `len` an unsigned parameter the body never changes, `end` never written."""
    from llmigrate.signatures.voidbytes import _fixed_unsigned

    stmts = _statements(body)
    for i, decl in enumerate(stmts):
        found = _end_decl(decl, name)
        if found is None:
            continue
        end, count, k = found
        if not _fixed_unsigned(fn, count, body, codebase):
            return None
        loop = next((s for s in stmts[i + 1:] if s.type == "for_statement" and _loop(s, name, end, k)), None)
        return _Shape(count, k, end, decl, loop) if loop is not None and _no_break(loop) else None
    return None


_CONDITIONALS = ("preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef", "preproc_else")


def _statements(body: Node) -> list[Node]:
    """The statements of the body itself, in order; those of an `#if`/`#else` branch count as its own when
    no other branch of that conditional holds a statement (the skipped one is blank, expand.py): which one
    the compiler reads is then not in doubt."""
    found = []
    for n in body.named_children:
        if n.type not in _CONDITIONALS:
            found.append(n)
            continue
        full = [b for b in _branches(n) if b]
        if len(full) > 1:
            return []  # two branches with code: the function's statements are not known here
        found += full[0] if full else []
    return [n for n in found if n.type != "comment"]


def _branches(n: Node) -> list[list[Node]]:
    """The statements of each branch of a preprocessor conditional (its condition aside)."""
    alt = n.child_by_field_name("alternative")
    heads = {k.id for f in ("condition", "name") for k in n.children_by_field_name(f)}
    own = [c for c in n.named_children if c.type != "comment" and c.id not in heads and
           (alt is None or c.id != alt.id)]
    return [own, *(_branches(alt) if alt is not None else [])]


def _end_decl(decl: Node, name: str) -> tuple[str, str, int] | None:
    """(end, len, K) of `const u8 *end = name + len - (len % K);`, else None."""
    inits = [d for d in decl.named_children if d.type == "init_declarator"] if decl.type == "declaration" \
        else []
    if len(inits) != 1:
        return None
    target, value = inits[0].child_by_field_name("declarator"), unparen(inits[0].child_by_field_name("value"))
    end = target.child_by_field_name("declarator") if target is not None and \
        target.type == "pointer_declarator" else None
    t = decl.child_by_field_name("type")
    if t is None or node_text(t) not in _BYTE_POINTEES[1:]:
        return None  # `end[j]` reads a byte
    if end is None or end.type != "identifier" or value is None or value.type != "binary_expression" or \
            op(value) != "-":
        return None
    start, rem = unparen(value.child_by_field_name("left")), unparen(value.child_by_field_name("right"))
    if start.type != "binary_expression" or op(start) != "+" or \
            node_text(unparen(start.child_by_field_name("left"))) != name:
        return None
    count = unparen(start.child_by_field_name("right"))
    k = _remainder(rem, node_text(count)) if count.type == "identifier" else None
    return (node_text(end), node_text(count), k) if k is not None else None


def _remainder(n: Node, count: str) -> int | None:
    """K of `count % K` (K a positive literal or a `sizeof` of a fixed-size integer type)."""
    n = unparen(n)
    left = unparen(n.child_by_field_name("left")) if n.type == "binary_expression" and op(n) == "%" else None
    if left is None or node_text(left) != count:
        return None
    return _constant(unparen(n.child_by_field_name("right")))


_SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8, "uint8_t": 1, "uint16_t": 2, "uint32_t": 4, "uint64_t": 8,
          "s8": 1, "s16": 2, "s32": 4, "s64": 8, "int8_t": 1, "int16_t": 2, "int32_t": 4, "int64_t": 8}


def _constant(n: Node) -> int | None:
    """A positive decimal literal, or `sizeof(T)` of a fixed-size integer type."""
    text = node_text(n).rstrip("uUlL")
    if n.type == "number_literal" and text.isdigit() and int(text) > 0:
        return int(text)
    if n.type == "sizeof_expression":
        t = n.child_by_field_name("type") or unparen(n.child_by_field_name("value"))  # `sizeof(u64)`: either
        return _SIZES.get(node_text(t).strip()) if t is not None else None
    return None


def _loop(loop: Node, name: str, end: str, k: int) -> bool:
    """`for (; name != end; name += K)`: no initialiser, that condition, that update alone."""
    cond, update = unparen(loop.child_by_field_name("condition")), loop.child_by_field_name("update")
    if loop.child_by_field_name("initializer") is not None or cond is None or update is None:
        return False
    sides = {node_text(unparen(cond.child_by_field_name(f))) for f in ("left", "right")} \
        if cond.type == "binary_expression" and op(cond) == "!=" else set()
    step = unparen(update)
    return sides == {name, end} and step.type == "assignment_expression" and op(step) == "+=" and \
        node_text(unparen(step.child_by_field_name("left"))) == name and \
        _constant(unparen(step.child_by_field_name("right"))) == k


def _no_break(loop: Node) -> bool:
    """No `break` leaves the loop early (one of a nested loop or switch leaves that one only)."""
    def leaves(n: Node) -> bool:
        if n.type == "break_statement":
            return True
        return n.type not in ("for_statement", "while_statement", "do_statement", "switch_statement") and \
            any(leaves(c) for c in n.named_children)
    body = loop.child_by_field_name("body")
    return body is not None and not leaves(body)


def _in_header(u: Node, loop: Node) -> bool:
    """`u` is in the loop's condition or update (which _loop read as a whole)."""
    return any(is_field_within(u, loop, f) for f in ("condition", "update"))


def is_field_within(u: Node, parent: Node, field: str) -> bool:
    ch = parent.child_by_field_name(field)
    return ch is not None and within(u, ch)


def _tail(body: Node, shape: _Shape) -> tuple[Node | None, str]:
    """The `switch` after the loop testing `len % K` (or a local set once to it): (it, the local or "")."""
    stmts = _statements(body)
    after = [s for s in stmts if s.start_byte > shape.loop.end_byte and s.type == "switch_statement"]
    for s in after:
        cond = unparen(s.child_by_field_name("condition"))
        if _left_of(cond, shape):
            return s, ""
        if cond.type == "identifier" and _left_local(body, node_text(cond), shape, s):
            return s, node_text(cond)
    return None, ""


def _left_of(n: Node, shape: _Shape) -> bool:
    """`len % K`, or `len & (K - 1)` for K a power of two (the same number)."""
    n = unparen(n)
    if _remainder(n, shape.count) == shape.step:
        return True
    if n.type != "binary_expression" or op(n) != "&" or \
            node_text(unparen(n.child_by_field_name("left"))) != shape.count or shape.step & (shape.step - 1):
        return False
    mask = unparen(n.child_by_field_name("right"))
    if mask.type == "binary_expression" and op(mask) == "-":
        return _constant(unparen(mask.child_by_field_name("left"))) == shape.step and \
            node_text(unparen(mask.child_by_field_name("right"))) == "1"
    return node_text(mask).rstrip("uUlL").isdigit() and int(node_text(mask).rstrip("uUlL")) == shape.step - 1


def _left_local(body: Node, name: str, shape: _Shape, switch: Node) -> bool:
    """`name` is declared once, a statement of the body before `switch`, `= len % K` (or `len & (K - 1)`),
    never written, nor its address taken."""
    decls = [s for s in _statements(body) if s.type == "declaration" and s.end_byte < switch.start_byte and
             any(d.type == "init_declarator" and node_text(d.child_by_field_name("declarator")) == name
                 for d in s.named_children)]
    uses = _local_uses(body, name)
    if len(decls) != 1 or uses is None or any(is_write(u) or _addressed(u) for u in uses):
        return False
    init = next(d for d in decls[0].named_children if d.type == "init_declarator")
    return _left_of(init.child_by_field_name("value"), shape)


def _local_uses(body: Node, name: str) -> list[Node] | None:
    """The uses of a local the body declares exactly once, or None."""
    found = identifiers(body).get(name, ())
    decls = [n for n in found if declares(n)]
    return [n for n in found if not declares(n)] if len(decls) == 1 else None


def _addressed(u: Node) -> bool:
    p = up(u)
    return p is not None and p.type == "pointer_expression" and op(p) == "&"


def _read(u: Node, shape: _Shape, switch: Node | None, fn: CFunction, body: Node, codebase: Codebase,
          after: bool) -> tuple[str, int] | None:
    """(base, bytes) of a read at use `u`: a window or `p[j]` of at most K bytes in the loop's body, or of
    at most the least case label before it in the tail switch; else None."""
    width = _width(u, fn, body, codebase)
    if width is None:
        return None
    base = "end" if after else "cursor"
    if not after:
        inside = is_field_within(u, shape.loop, "body")
        return (base, width) if inside and width <= shape.step and node_text(u) != shape.end else None
    return (base, width) if switch is not None and width <= _least_case(u, switch) else None


def _width(u: Node, fn: CFunction, body: Node, codebase: Codebase) -> int | None:
    """The bytes a read at use `u` reaches from it: `p[j]` (j a literal) reaches j + 1, the source of
    `memcpy(&x, p, w)` of a scalar local of w bytes reaches w, as does the argument of a function that only
    reads w bytes at it (readers.py); else None."""
    from llmigrate.signatures import readers, windows

    p = up(u)
    if p is not None and p.type == "subscript_expression" and is_field(u, p, "argument") and not is_write(p) \
            and not _addressed(p):  # `&p[j]` is no read of one byte
        index = unparen(p.child_by_field_name("index"))
        text = node_text(index).rstrip("uUlL") if index is not None else ""
        return int(text) + 1 if index.type == "number_literal" and text.isdigit() else None
    if p is None or p.type != "argument_list" or u.parent is None or u.parent.id != p.id:
        return None  # the argument as it stands: no cast, no offset
    return windows.width(u, fn, body, codebase) or readers.width(p.parent, codebase)


def _least_case(u: Node, switch: Node) -> int:
    """The least value of a case label of `switch` before the use `u` (the values `left` can have there; a
    `default` is 0); 0 when a nested switch or an unknown label is in the way."""
    sw_body = switch.child_by_field_name("body")
    if sw_body is None or any(n.type == "switch_statement" and n.id != switch.id for n in walk(sw_body)):
        return 0
    least = None
    for case in walk(sw_body):  # a label inside a block of the switch is one of its entries too
        if case.type != "case_statement" or case.start_byte > u.start_byte:
            continue
        value = case.child_by_field_name("value")
        text = node_text(value).rstrip("uUlL") if value is not None else "0"
        if not text.isdigit():
            return 0
        least = int(text) if least is None else min(least, int(text))
    return least or 0
