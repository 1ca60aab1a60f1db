"""Proofs that a C pointer parameter may cross the Rust interface as a reference or a slice.

Works on the tree-sitter parse of `CFunction.source`: the mapper runs before any backend (and the model
backend needs no compile flags), and tree-sitter sees the code as written, so an unexpanded macro that uses a
pointer is an unknown use and keeps it raw. Every rule errs on the raw side: a use not listed below, a name
the body redeclares, a macro mentioning it, a global touched by the function or its callees, or another
pointer parameter that may reach the same memory all keep the raw pointer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter_c
from tree_sitter import Language, Node, Parser

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import libfns
from llmigrate.signatures.kinds import array_typed, nested_names
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.treewalk import first, identifiers, node_text, walk

# C's standard output streams, which programs write to by name (stdin is read, not written)
STD_STREAMS = ("stdout", "stderr")

_CHARS = {"char", "signed char", "unsigned char", "i8", "u8", "int8_t", "uint8_t", "s8", "__u8", "__s8"}
_DECLARATORS = {"init_declarator", "declaration", "pointer_declarator", "array_declarator",
                "parameter_declaration", "function_declarator"}
_EXITS = {"return_statement", "goto_statement", "break_statement", "continue_statement", "labeled_statement"}
_BRANCHY = {"if_statement", "for_statement", "while_statement", "do_statement", "switch_statement",
            "conditional_expression", "compound_statement", "sizeof_expression", "case_statement"}


@dataclass
class Upgrade:
    """How one parameter crosses: "ref" | "mut_ref" | "opt_ref" | "opt_mut" (NULL allowed) | "slice(_mut)"."""

    conv: str
    len_param: str | None = None
    read_only: bool = False  # a shared view in a function that writes nothing: no alias can matter
    via: str | None = None  # the rule beyond its conv's that proved it: "shared-view" | "owned-buffer" |
    # "opaque-handle" (a pointer to a zero-sized opaque type, only passed on) | "declared-size" (a slice as
    # long as the array parameter's constant size, `len_param`) | "disjoint-checked" | "unfollowed-members"
    disjoint: tuple[int, ...] = ()  # for "disjoint-checked": the parameters its C ABI entry checks it against
    partners: tuple[tuple[int, str, str | None], ...] = ()  # of those the raw: (index, conv, count) of uses
    owned: tuple[tuple[int, str], ...] = ()  # owned members its proof relies on: (holder's index, "->data")
    beneath: str | None = None  # for "disjoint-checked": the rule its conv rests on ("stepped-count")
    globals: tuple[str, ...] = ()  # for "disjoint-checked": the globals its C ABI entry checks it against
    at: str | None = None  # rule element-at: the index parameter `k` of the one element `p[k]` it refers to


@lru_cache(maxsize=1)
def _parser() -> Parser:
    return Parser(Language(tree_sitter_c.language()))


def parse_c(data: bytes) -> Node:
    """The root of tree-sitter's parse of C text."""
    return _parser().parse(data).root_node


def up(n: Node) -> Node | None:
    """The parent of `n`, looking through parentheses."""
    return _outer(n).parent


def _outer(n: Node) -> Node:
    """`n` with any parentheses around it."""
    while n.parent is not None and n.parent.type == "parenthesized_expression":
        n = n.parent
    return n


def unparen(n: Node | None) -> Node | None:
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    return n


def op(n: Node) -> str:
    return node_text(o) if (o := n.child_by_field_name("operator")) is not None else ""


def is_field(n: Node, parent: Node, name: str) -> bool:
    return (ch := parent.child_by_field_name(name)) is not None and ch.id == _outer(n).id


def address_taken_or_sizeof(n: Node) -> bool:
    p = up(n)
    return p is not None and (p.type == "sizeof_expression" or
                              p.type == "pointer_expression" and op(p) == "&")


def is_write(n: Node) -> bool:
    """`n` is assigned to or incremented (compound assignments included)."""
    p = up(n)
    if p is None:
        return False
    if p.type == "assignment_expression":
        return is_field(n, p, "left")
    return p.type == "update_expression"


def body_of(fn: CFunction) -> Node | None:
    """The compound statement of `fn`'s definition, or None when tree-sitter does not parse it cleanly."""
    return _parsed_body(fn.source)


@lru_cache(maxsize=2048)  # each rule asks for the body: parsed once per text (trees are immutable)
def _parsed_body(text: str) -> Node | None:
    """The body of the first function definition in C `text`, or None when tree-sitter does not parse it
    cleanly."""
    root = _parser().parse(text.encode()).root_node
    found = None if root.has_error else first(root, "function_definition")
    return None if found is None else found.child_by_field_name("body")


def parsed_body(fn: CFunction) -> tuple[Node | None, int]:
    """The parsed body of `fn` and the line of the source it starts on; the body alone when the declaration
    before it does not parse (attribute macros: `static __always_inline int __attribute_const__ f(u64 x)`)."""
    body = body_of(fn) if fn.source else None
    if body is not None or not fn.source:
        return body, 0
    start = fn.source.find("{", max(len(fn.signature) - 1, 0))
    body = body_only(fn.source, fn.signature)
    return (body, fn.source[:start].count("\n")) if body is not None else (None, 0)


BODY_HEAD = "void __llmigrate_body(void) "  # what a body parsed apart follows (body_only)


def body_only(source: str, signature: str) -> Node | None:
    """The compound statement of a definition's `source` parsed apart from its declaration (`signature`)."""
    start = source.find("{", max(len(signature) - 1, 0))
    return None if start < 0 else _parsed_body(f"{BODY_HEAD}{source[start:]}")


def occurrences(body: Node, name: str) -> list[Node] | None:
    """Every use of the identifier `name` in `body`, or None when the body declares that name again."""
    uses = []
    for n in identifiers(body).get(name, ()):
        if declares(n):
            return None
        uses.append(n)
    return uses


def declares(n: Node) -> bool:
    """Identifier `n` is the name a declarator declares (`int *p`, `T p[4] = {..}`), not a use within one:
    the value of an initialiser (`T *q = p`) or an array's size (`int a[p]`)."""
    p = n.parent
    return p is not None and (p.type == "parenthesized_declarator" or p.type in _DECLARATORS and
                              any(d.id == n.id for d in p.children_by_field_name("declarator")))


def _deref_use(n: Node, array_fields: set[str], copied: dict[int, str] | None = None) -> str | None:
    """"read"/"write" for `*p` or `p->f`, through the `.` members read or written of it (`(*p).a.b = x`),
    when that place is not address-taken nor an array member (which decays) but one indexed in place
    (`p->a[i]`: `array_fields.element`, signatures/members.py), or for `p` as an operand of a whole-object
    copy (`copied`: signatures/copies.py); else None."""
    if copied and n.id in copied:
        return copied[n.id]
    p = up(n)
    if p is None:
        return None
    if p.type == "pointer_expression" and op(p) == "*" or p.type == "field_expression" and \
            op(p) == "->" and is_field(n, p, "argument"):
        top = _member_place(p)
        if _array_member(top, array_fields) and top.id in getattr(array_fields, "views", ()):
            return "read"  # its bytes start cursors of rule member-bytes (memberbytes.py)
        if _array_member(top, array_fields) and top.id in getattr(array_fields, "fills", ()):
            return "write"  # a memcpy's destination of rule member-fill (memberfills.py)
        if _array_member(top, array_fields):
            top = array_fields.element(top) if hasattr(array_fields, "element") else None
        if top is None or address_taken_or_sizeof(top):
            return None
        return "write" if is_write(top) else "read"
    return None


def _array_member(place: Node, array_fields: set[str]) -> bool:
    """`place` is a member declared as an array: by its type in the pointee where `array_fields` knows it
    (members.Arrays.holds), else by name."""
    if hasattr(array_fields, "holds"):
        return array_fields.holds(place)
    field = place.child_by_field_name("field") if place.type == "field_expression" else None
    return field is not None and node_text(field) in array_fields


def _member_place(deref: Node) -> Node:
    """The outermost `.` member access of the dereference `deref` (`(*p).a.b` for `*p`), or `deref` itself."""
    top = deref
    while (parent := up(top)) is not None and parent.type == "field_expression" and op(parent) == "." and \
            is_field(top, parent, "argument"):
        top = parent
    return top


def writes_through(uses: list[Node], array_fields: set[str], copied: dict[int, str] | None = None) -> bool:
    """Some dereference among `uses` of a pointer is written: one none of whose dereferences is written (nor
    address-taken, nor an array member, which keep it raw) may be a shared view."""
    return any(_deref_use(n, array_fields, copied) == "write" for n in uses)


def _call_arg(n: Node, callee_convs: Callable[[str, int], str | None]) -> str | None:
    """The conv of the callee parameter that `n` is passed to directly, or None."""
    p = up(n)
    if p is None or p.type != "argument_list" or p.parent is None or p.parent.type != "call_expression":
        return None
    fn = p.parent.child_by_field_name("function")
    if fn is None or fn.type != "identifier":
        return None
    args = [a for a in p.named_children if a.type != "comment"]
    index = next((i for i, a in enumerate(args) if a.id == _outer(n).id), None)
    return None if index is None else callee_convs(node_text(fn), index)


def ref_or_reason(body: Node, uses: list[Node], const: bool, array_fields: set[str],
                  callee_convs: Callable[[str, int], str | None], stops: set[str],
                  copied: dict[int, str] | None = None) -> str:
    """How the pointer crosses the interface when every use is `*p`, `p->f`, a pass to a reference
    parameter or a NULL test: "ref"/"mut_ref" when a dereference runs on every call and none tests NULL (so
    NULL was never valid), else "opt_ref"/"opt_mut" (a dereference of NULL is undefined in C and panics in
    Rust); else why it stays raw (the first use no rule covers). A call of a function in `stops` (it may end
    the program) is a way out before the dereference: the C caller may pass NULL on that path."""
    derefs, nullable, sizeofs = [], False, [k for k in walk(body) if k.type == "sizeof_expression"]
    for n in uses:
        if any(within(n, k) for k in sizeofs):
            continue  # `sizeof *p` does not evaluate p
        is_deref = _deref_use(n, array_fields, copied) is not None
        passed = None if is_deref else _call_arg(n, callee_convs) or array_fields.lent(n, callee_convs)
        if is_deref or passed in ("ref", "mut_ref") and not (const and passed == "mut_ref"):
            derefs.append(n)
        elif passed in ("opt_ref", "opt_mut") and not (const and passed == "opt_mut"):
            nullable = True  # the callee accepts NULL
        elif _null_test(n):
            nullable = True
        else:
            return use_kind(n, passed)
    if nullable or not _always(body.named_children, derefs, stops):
        return "opt_ref" if const else "opt_mut"
    return "ref" if const else "mut_ref"


def handle_or_reason(uses: list[Node]) -> str | Upgrade:
    """`Option<&mut T>` for a handle to an opaque type when every use passes it straight to a called
    function (by name) or is the condition of a branch (`if (f)`, `if (!f)`, `while (f != NULL)`); else why
    it stays raw (the first other use)."""
    for n in uses:
        p = up(n)
        call = p.parent if p is not None and p.type == "argument_list" else None
        if call is not None and call.type == "call_expression" and \
                call.child_by_field_name("function").type == "identifier":
            continue
        test = p if p is not None and (p.type == "unary_expression" or p.type == "binary_expression" and
                                       op(p) in ("==", "!=")) and _null_test(n) else n
        where = up(test)  # a NULL test decides a branch: as a value, `f != NULL` would need the pointer
        if where is None or where.type not in _CONDITIONS or not is_field(test, where, "condition"):
            return use_kind(n, "value")
    return Upgrade("opt_mut", via="opaque-handle")


_CONDITIONS = ("if_statement", "while_statement", "do_statement", "for_statement", "conditional_expression")


def _null_test(n: Node) -> bool:
    """`n` is only compared with NULL: `if (p)`, `!p`, `p && ...`, `p ? a : b`, `p == NULL`, `0 != p`."""
    p = up(n)
    if p is None:
        return False
    if p.type in _CONDITIONS:
        return is_field(n, p, "condition")
    if p.type == "unary_expression":
        return op(p) == "!"
    if p.type == "argument_list":  # assert(p): the program stops where p is NULL
        f = p.parent.child_by_field_name("function") if p.parent is not None else None
        return f is not None and node_text(f) == "assert" and len(p.named_children) == 1
    if p.type != "binary_expression" or op(p) not in ("==", "!=", "&&", "||"):
        return False
    if op(p) in ("&&", "||"):
        return True
    other = p.child_by_field_name("right" if is_field(n, p, "left") else "left")
    return other is not None and re.sub(r"[\s()]", "", node_text(other)) in ("NULL", "0", "void*0")


def use_kind(n: Node, passed: str | None = None) -> str:
    """The kind of a use of pointer `n` that no rule proves: the reason bucket it stays raw for."""
    p = up(n)
    kind = p.type if p is not None else "none"
    if kind == "argument_list" and passed in ("mut_ref", "opt_mut"):
        return "passed as mutable to a const pointer"
    f = p.parent.child_by_field_name("function") if kind == "argument_list" and p.parent is not None else None
    if f is not None and not passed and node_text(f) in libfns.FREES:
        return libfns.FREED  # the call may end the object's life: no reference may stand for it
    if kind == "argument_list":  # a callee's C string or slice, which this pointer's own proof is not
        return PASSED.get(passed or "", "passed to a callee's string or slice parameter")
    if kind in ("if_statement", "while_statement", "conditional_expression") or \
            kind == "unary_expression" and op(p) == "!" or \
            kind == "binary_expression" and op(p) in ("==", "!=", "&&", "||"):
        return "compared or NULL-checked"
    return _USE_KINDS.get(kind, f"other use ({kind})")


PASSED = {"": "passed to a function outside SRC", "recursive": "passed to a recursive callee",
           "value": "passed to a callee whose parameter stays raw"}
_USE_KINDS = {
    "subscript_expression": "indexed outside a counted loop", "binary_expression": "pointer arithmetic",
    "update_expression": "pointer arithmetic", "assignment_expression": "assigned or copied",
    "init_declarator": "assigned or copied", "return_statement": "returned", "cast_expression": "cast",
    "field_expression": "array member or address of a member", "pointer_expression": "address taken",
    "sizeof_expression": "sizeof", "initializer_list": "stored in an aggregate",
}


def _always(stmts: list[Node], derefs: list[Node], stops: set[str]) -> bool:
    """Running the statements `stmts` in order evaluates one of `derefs` before any jump out of them (or a
    call of a function in `stops`, which may end the program there)."""
    for stmt in stmts:
        if any(_evaluated(n, stmt) for n in derefs):
            return True
        if stmt.type == "if_statement":
            cons, alt = stmt.child_by_field_name("consequence"), stmt.child_by_field_name("alternative")
            branches = [_always(_seq(b), derefs, stops) for b in (cons, alt) if b is not None]
            if all(branches) and len(branches) == 2:
                return True
            if alt is None and branches == [True]:
                continue  # the path through the `if` dereferenced; the other one goes on below
        if stmt.type in _EXITS or any(k.type in _EXITS or _stops_here(k, stops) for k in walk(stmt)):
            return False
    return False


def _stops_here(n: Node, stops: set[str]) -> bool:
    """`n` calls, by name, a function that may end the program."""
    fn = n.child_by_field_name("function") if n.type == "call_expression" else None
    return fn is not None and fn.type == "identifier" and node_text(fn) in stops


def _seq(n: Node) -> list[Node]:
    if n.type == "else_clause":
        return _seq(n.named_children[0]) if n.named_children else []
    return list(n.named_children) if n.type == "compound_statement" else [n]


def _evaluated(n: Node, stmt: Node) -> bool:
    """`n` is evaluated every time `stmt` runs (no branch, loop body, `?:` arm, right of `&&`/`||` or sizeof
    between)."""
    if not within(n, stmt) or n.id == stmt.id:
        return n.id == stmt.id
    child = n
    while child.parent is not None and child.parent.id != stmt.id:
        p = child.parent
        first = p.type == "conditional_expression" and is_field(child, p, "condition") or \
            p.type == "binary_expression" and is_field(child, p, "left")  # evaluated before the choice
        if not first and (p.type in _BRANCHY or p.type == "binary_expression" and op(p) in ("&&", "||")):
            return False
        child = p
    if stmt.type in ("if_statement", "while_statement", "switch_statement"):
        return is_field(child, stmt, "condition")
    return stmt.type in ("expression_statement", "return_statement", "declaration")


def within(n: Node, outer: Node) -> bool:
    return outer.start_byte <= n.start_byte and n.end_byte <= outer.end_byte


def macro_mentions(fn: CFunction, codebase: Codebase, name: str) -> bool:
    """A macro the function uses mentions `name` (its expansion may use the parameter unseen)."""
    pattern = re.compile(rf"\b{re.escape(name)}\b")
    return any(m in codebase.macros and pattern.search(codebase.macros[m].body) for m in fn.macros_used)


@per_codebase
def array_fields(codebase: Codebase) -> set[str]:
    """Names of struct/union members declared as arrays anywhere, through typedefs (by name only:
    conservative)."""
    return {f.name for t in codebase.types.values() for f in t.fields if array_typed(f.type, codebase)} | \
        nested_names(codebase)[0]


def in_macro_call(n: Node, codebase: Codebase) -> bool:
    """`n` is inside the arguments of a function-like macro (which may take its address or assign it)."""
    p = n.parent
    while p is not None:
        fn = p.child_by_field_name("function") if p.type == "call_expression" else None
        m = codebase.macros.get(node_text(fn)) if fn is not None and fn.type == "identifier" else None
        if m is not None and m.function_like:
            return True
        p = p.parent
    return False
