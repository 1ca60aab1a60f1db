"""Whether a function touches memory only through its parameters' own objects (whole-codebase inference).

A struct with pointer members may, in general, point back into itself (a buffer whose `data` points at its
inline storage, a list node whose `next` is itself). Holding `&mut S` while writing through such a member is
undefined behaviour in Rust, so the borrow proof keeps such a parameter raw, unless the function never
follows a pointer it loaded from memory: then the only accesses during the call are through the parameters
themselves (whose mutual aliasing signatures_borrow checks) and through globals (checked separately), and
what the loaded pointers might point at does not matter. Callees are covered by their own proofs: a
parameter passed on keeps its borrow only if the callee's parameter was proven too, and a pointer loaded
from memory may not be passed to any callee.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.proof import body_of, node_text, op, per_codebase, walk

_DEREFS = {"subscript_expression", "field_expression", "pointer_expression"}


@per_codebase
def pointer_fields(codebase: Codebase) -> set[str]:
    """Names of struct/union members that hold a data or function pointer anywhere (by name: conservative)."""
    return {f.name for t in codebase.types.values() for f in t.fields
            if "*" in f.type.split("[")[0] or "(" in f.type}


def self_contained(fn: CFunction, body: Node, codebase: Codebase, array_fields: set[str]) -> bool:
    """`fn` declares no local pointer, dereferences only plain names (or array members of them), takes no
    address but of a plain name, calls nothing through a pointer and passes no loaded pointer to a callee."""
    if fn.indirect_calls or opaque_macros(fn, codebase):
        return False
    loaded = pointer_fields(codebase)
    for n in walk(body):
        if n.type == "pointer_declarator" or n.type == "abstract_pointer_declarator":
            return False  # a local pointer (or a cast to one) may hold anything
        if n.type in _DEREFS and _is_deref(n) and not _plain(n.child_by_field_name("argument"), array_fields):
            return False
        if n.type == "pointer_expression" and op(n) == "&" and not _plain(n.child_by_field_name("argument"),
                                                                          set()):
            return False
        if n.type == "argument_list" and any(_loads(a, loaded) for a in n.named_children):
            return False
    return True


def opaque_macros(fn: CFunction, codebase: Codebase) -> bool:
    """A macro `fn` uses may hide an access these rules must see: its body assigns, increments, calls,
    dereferences (`*`, `->`, `[`) or names a global."""
    return any(m in codebase.macros and _hides_access(codebase.macros[m].body, codebase)
               for m in fn.macros_used)


def _hides_access(body: str, codebase: Codebase) -> bool:
    if re.search(r"->|\[|\+\+|--|(?<![=!<>])=(?!=)|\b[A-Za-z_]\w*\s*\(", body):
        return True
    if any(ch == "*" and not re.search(r"[\w)\]]\s*$", body[:i]) for i, ch in enumerate(body)):
        return True  # a unary `*`: nothing that ends an operand before it
    return any(re.search(rf"\b{re.escape(g)}\b", body) for g in codebase.globals)


def _is_deref(n: Node) -> bool:
    if n.type == "pointer_expression":
        return op(n) == "*"
    return n.type == "subscript_expression" or op(n) == "->"


def _plain(n: Node | None, array_fields: set[str]) -> bool:
    """A name, or an array member (`x->arr`, `x.arr`) of a plain name, through parentheses."""
    while n is not None and n.type == "parenthesized_expression" and n.named_children:
        n = n.named_children[0]
    if n is None:
        return False
    if n.type == "identifier":
        return True
    field = n.child_by_field_name("field") if n.type == "field_expression" else None
    return field is not None and node_text(field) in array_fields and \
        _plain(n.child_by_field_name("argument"), array_fields)


def _loads(arg: Node, loaded: set[str]) -> bool:
    """The argument may evaluate to a pointer loaded from memory: a pointer member or `*e`."""
    for n in walk(arg):
        if n.type == "field_expression" and node_text(n.child_by_field_name("field")) in loaded:
            return True
        if n.type == "pointer_expression" and op(n) == "*":
            return True
    return False


# C library functions that write no memory the caller can see (printf is not one: `%n` writes)
_PURE = {"strlen", "strnlen", "strcmp", "strncmp", "strcasecmp", "strncasecmp", "memcmp", "strchr", "strrchr",
         "strstr", "strspn", "strcspn", "memchr", "abs", "labs", "llabs", "fabs", "fabsf", "sqrt", "sqrtf",
         "pow", "powf", "floor", "ceil", "round", "exp", "log", "log2", "log10", "sin", "cos", "tan", "atan2",
         "fmin", "fmax", "isalpha", "isdigit", "isalnum", "isspace", "isupper", "islower", "isxdigit",
         "ispunct", "isprint", "toupper", "tolower", "__builtin_expect", "assert", "__assert_fail"}


def read_only(fid: str, codebase: Codebase, memo: dict[str, bool]) -> bool:
    """`fid` writes no memory but its own locals while it runs: no assignment through a pointer, to an
    array element or to a global, and only read-only functions of SRC or pure C library functions called.
    While such a function runs nothing is written, so its shared references may overlap anything."""
    if fid not in memo:
        memo[fid] = False  # recursion proves nothing
        fn = codebase.functions[fid]
        body = body_of(fn)
        memo[fid] = body is not None and not fn.indirect_calls and not opaque_macros(fn, codebase) and \
            set(fn.external_calls) <= _PURE and _writes_locals_only(body, set(fn.globals_used)) and \
            all(read_only(c, codebase, memo) for c in fn.callees if c in codebase.functions)
    return memo[fid]


def static_local(body: Node) -> bool:
    """The body declares a `static` local: it outlives the call, so its address may come back as a parameter
    (it is a global the analysis does not list)."""
    return any(n.type == "storage_class_specifier" and node_text(n) == "static" for n in walk(body))


def _writes_locals_only(body: Node, globals_: set[str]) -> bool:
    for n in walk(body):
        target = n.child_by_field_name("left") if n.type == "assignment_expression" else \
            n.child_by_field_name("argument") if n.type == "update_expression" else None
        if target is not None and not _local_target(target, globals_):
            return False
    return True


def _local_target(n: Node, globals_: set[str]) -> bool:
    """An assignment target that is a local (or a member of a local struct), not reached through a pointer."""
    while n.type == "parenthesized_expression" and n.named_children or \
            n.type == "field_expression" and op(n) == ".":
        n = n.named_children[0] if n.type == "parenthesized_expression" else n.child_by_field_name("argument")
    return n.type == "identifier" and node_text(n) not in globals_
