"""C strings the C may stop reading before their NUL (issue 15, rule c-string-prefix).

Rules c-string and c-string-cursor (cstr.py, cwalk.py) prove a `const char *` a `&CStr` only when the C reads
it up to its NUL on every call: a parser stopping at the first non-digit or a matcher returning on the first
mismatch reads a prefix only, and a C caller may pass such a prefix with no NUL after it, which
`CStr::from_ptr` would read past. This rule takes such a string to be NUL-terminated all the same: an
assumption, not a proof, which the C ABI entry's `# Safety` states as its precondition and
`[translate] c_string_prefix = false` (llmigrate.toml) turns off. It applies only where every use is one
cstr.py accepts (reads, string passes, NULL tests) and, beyond that, the C reads the string forward and
never past a byte it found NUL:
- each move (`s++`) is guarded as rule c-string-cursor asks;
- `*s` and `s[0]` read the first byte, which is at worst the NUL; `s[K]` is read only where a condition
  around it (an `&&` before it, an `if`, `?:` or loop around it) found `s[K-1]` non-NUL, and `s[i]` only in
  a `for (i = 0; ...s[i]...; i++)` whose condition finds `s[i]` non-NUL, `i` written nowhere else; with a
  move, only the first byte is read;
- no read is bounded by a count: no strn*/mem* call on it (strncmp against a literal of at least its count
  excepted: it stops at the mismatch or the NUL), and no loop condition reading it also compares two
  variables or counts one down (`while (s[i] && i < n)`, `while (n-- && *s)`): callers of those may pass
  unterminated buffers on purpose.
The Rust is rule c-string's: every read `s.to_bytes_with_nul()[i]`, bounds-checked. A caller in SRC would
make its `&CStr` with `CStr::from_ptr` from whatever it holds, which the C may have meant as a prefix with
no NUL: so every call of the function in SRC must be by name and pass a string literal there (C calling it
reaches the C ABI entry, whose `# Safety` states the assumption).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import cwalk
from llmigrate.signatures.cformat import call_args, literal_text
from llmigrate.signatures.proof import Upgrade, body_of, is_field, node_text, op, unparen, up, within
from llmigrate.signatures.treewalk import walk

RULE = "c-string-prefix"
WHY = ("an assumption, not a proof: the C only reads it as a string, forward and never past a byte it found "
       "NUL, but may stop before its NUL (a parser, a matcher), so C could pass bytes with no NUL after what "
       "it reads; the rule takes it to be a NUL-terminated string (callers must pass one, valid for reads "
       "until the call returns; `[translate] c_string_prefix = false` turns the rule off) and every read is "
       "bounds-checked; nothing the call writes may lie in it")
_COUNTED = {"strncmp", "strncasecmp", "strnlen", "strncpy", "strncat", "strndup", "memcpy", "memmove",
            "memcmp", "memchr"}
_PREFIX_MATCH = {"strncmp", "strncasecmp"}
_LOOPS = ("while_statement", "for_statement", "do_statement")


def allowed(fn: CFunction, name: str, codebase: Codebase) -> bool:
    """The rule may apply to parameter `name` of `fn`: the setting is on and every call of `fn` in SRC
    passes a string literal for it (no macro of SRC names `fn`, where a call could hide, and SRC never takes
    its address: a call through the pointer could pass anything)."""
    at = next((i for i, p in enumerate(fn.params) if p.name == name), None)
    if not codebase.config.c_string_prefix or at is None or fn.address_taken or \
            any(re.search(rf"\b{re.escape(fn.name)}\b", m.body) for m in codebase.macros.values()):
        return False
    for caller in codebase.functions.values():
        if fn.id not in caller.callees:
            continue
        body = body_of(caller)
        if body is None:
            return False
        for call in (n for n in walk(body) if n.type == "call_expression"):
            if node_text(call.child_by_field_name("function")) != fn.name:
                continue
            args = call_args(call)
            if len(args) <= at or unparen(args[at]).type not in ("string_literal", "concatenated_string"):
                return False
    return True


def prove(body: Node, name: str, uses: list[Node], moves: list[Node], nullable: bool) -> Upgrade | None:
    """`Upgrade("cstr"/"opt_cstr", via=RULE)` for the `char *` parameter `name` whose every use cstr.py
    accepted (`moves`: its `s++` ones), when it is read forward, never past a byte found NUL, by no count;
    else None."""
    if moves and (nullable or not all(cwalk.guarded(m, name, moves, body) for m in moves)):
        return None
    if any(_counted_call(n) for n in uses):
        return None
    reads = [r for n in uses if (r := _read(n)) is not None]
    if any(_counted_loop(r, name) for r in reads):
        return None
    if not all(_reached(r, name, body, bool(moves)) for r in reads):
        return None
    return Upgrade("opt_cstr" if nullable else "cstr", via=RULE)


def _read(n: Node) -> Node | None:
    """The read the identifier use `n` is the pointer of: `*s`, `s[i]`, `*s++`; else None."""
    mv = cwalk.move(n)
    if mv is not None:
        return cwalk.read_of(mv)
    p = up(n)
    if p is not None and (p.type == "subscript_expression" and is_field(n, p, "argument") or
                          p.type == "pointer_expression" and op(p) == "*"):
        return p
    return None


def _counted_call(n: Node) -> bool:
    """`n` is an argument of a C library call reading at most a count of bytes (strncmp, memcpy...), other
    than strncmp against a literal at least as long as its literal count."""
    p = up(n)
    call = p.parent if p is not None and p.type == "argument_list" else None
    f = call.child_by_field_name("function") if call is not None else None
    name = node_text(f) if f is not None and f.type == "identifier" else None
    if name not in _COUNTED:
        return False
    args = call_args(call)
    if name in _PREFIX_MATCH and len(args) == 3:
        texts = [literal_text(a) for a in args[:2]]
        lit = next((t for t in texts if t is not None), None)
        count = _integer(args[2])
        return lit is None or count is None or count > len(lit.encode())
    return True


def _counted_loop(read: Node, name: str) -> bool:
    """`read` is part of a loop condition, and that condition or the loop's body also compares two
    non-literals neither reading the string, or counts down (`i < n`, `if (i >= n) break;`, `n--`): the loop
    may end by a count, which callers may mean to bound an unterminated buffer."""
    child = read
    while (p := child.parent) is not None and p.type not in (*_LOOPS, "function_definition"):
        child = p
    if p is None or p.type not in _LOOPS or not is_field(child, p, "condition"):
        return False
    for k in (k for part in _parts(p, "condition", "body") for k in walk(part)):
        if k.type == "update_expression" and not _on(k, name) and "--" in node_text(k):
            return True
        if k.type == "binary_expression" and op(k) in ("<", "<=", ">", ">=") and \
                all(_counter(unparen(k.child_by_field_name(f)), name) for f in ("left", "right")):
            return True
    return False


def _counter(n: Node, name: str) -> bool:
    """`n` may be a count or an index: no literal, and no read of the string."""
    return _integer(n) is None and n.type != "char_literal" and \
        not any(k.type == "identifier" and node_text(k) == name for k in walk(n))


def _on(update: Node, name: str) -> bool:
    arg = unparen(update.child_by_field_name("argument"))
    return arg is not None and arg.type == "identifier" and node_text(arg) == name


def _reached(read: Node, name: str, body: Node, moved: bool) -> bool:
    """`read` reads a byte reached by stepping over bytes the C found non-NUL (see the module doc)."""
    if read.type == "pointer_expression":
        return True
    index = unparen(read.child_by_field_name("index"))
    k = _integer(index)
    if k == 0:
        return True
    if moved:
        return False
    if k is not None:
        return _guarded(read, lambda n: _element(n, name, lambda i: _index_value(i) == k - 1))
    if index.type == "identifier":
        return _walked_index(read, name, node_text(index), body)
    return False


def _element(n: Node, name: str, index: Callable[[Node | None], bool]) -> bool:
    """`n` (under casts) reads `name[i]` with an index `index` accepts (`*name`: None, index 0)."""
    while n.type == "cast_expression":
        n = unparen(n.child_by_field_name("value"))
    if n.type == "pointer_expression" and op(n) == "*":
        arg = unparen(n.child_by_field_name("argument"))
        return arg.type == "identifier" and node_text(arg) == name and index(None)
    if n.type != "subscript_expression":
        return False
    arg = unparen(n.child_by_field_name("argument"))
    at = unparen(n.child_by_field_name("index"))
    return arg.type == "identifier" and node_text(arg) == name and index(at)


def _guarded(read: Node, is_byte: Callable[[Node], bool]) -> bool:
    """A condition around `read` holds only when the byte `is_byte` names is not NUL: the left operand of an
    `&&` it is the right of, or the condition of an `if`/`?:` branch or of a loop body holding it."""
    child = read
    while (p := child.parent) is not None and p.type != "function_definition":
        cond = None
        if p.type == "binary_expression" and op(p) == "&&" and is_field(child, p, "right"):
            cond = p.child_by_field_name("left")
        elif p.type in ("if_statement", "conditional_expression") and is_field(child, p, "consequence"):
            cond = p.child_by_field_name("condition")
        elif p.type in ("while_statement", "for_statement") and is_field(child, p, "body"):
            cond = p.child_by_field_name("condition")
        if cond is not None and cwalk.implies(cond, is_byte):
            return True
        child = p
    return False


def _walked_index(read: Node, name: str, var: str, body: Node) -> bool:
    """`read` (`s[var]`) lies in the condition or body of a `for (var = 0; C; var++)` whose condition `C`
    finds `s[var]` non-NUL, and every write of `var` is such a loop's initializer or update."""
    loop = read
    while (loop := loop.parent) is not None and loop.type != "function_definition" and \
            not (loop.type == "for_statement" and _walk_loop(loop, name, var)):
        pass
    if loop is None or loop.type == "function_definition" or \
            any(within(read, k) for k in _parts(loop, "initializer", "update")):
        return False
    return all(_walk_write(w, name, var) for w in _writes(body, var))


def _walk_loop(loop: Node, name: str, var: str) -> bool:
    init, update = (unparen(loop.child_by_field_name(f)) for f in ("initializer", "update"))
    cond = loop.child_by_field_name("condition")
    return init is not None and update is not None and _zeroes(init, var) and _steps(update, var) and \
        cond is not None and cwalk.implies(cond, lambda n: _element(
            n, name, lambda i: i is not None and i.type == "identifier" and node_text(i) == var))


def _zeroes(init: Node, var: str) -> bool:
    """`var = 0` or a declaration `T var = 0` (alone)."""
    if init.type == "declaration":
        decls = [d for d in init.named_children if d.type == "init_declarator"]
        init = decls[0] if len(decls) == 1 and len(init.named_children) == 2 else None
        if init is None:
            return False
        target, value = (init.child_by_field_name(f) for f in ("declarator", "value"))
    elif init.type == "assignment_expression" and op(init) == "=":
        target, value = (init.child_by_field_name(f) for f in ("left", "right"))
    else:
        return False
    return node_text(target) == var and _integer(unparen(value)) == 0


def _steps(update: Node, var: str) -> bool:
    return update.type == "update_expression" and "++" in node_text(update) and \
        node_text(unparen(update.child_by_field_name("argument"))) == var


def _parts(loop: Node, *fields: str) -> list[Node]:
    return [k for f in fields if (k := loop.child_by_field_name(f)) is not None]


def _writes(body: Node, var: str) -> list[Node]:
    """The assignments, updates and `&` of `var` in `body`, declarations with a value too."""
    found = []
    for k in walk(body):
        target = k.child_by_field_name("left") if k.type == "assignment_expression" else \
            k.child_by_field_name("argument") if k.type == "update_expression" or \
            k.type == "pointer_expression" and op(k) == "&" else \
            k.child_by_field_name("declarator") if k.type == "init_declarator" else None
        if target is not None and node_text(unparen(target)) == var:
            found.append(k)
    return found


def _walk_write(w: Node, name: str, var: str) -> bool:
    """The write `w` of `var` is the initializer or update of a string walk of `name` by `var`."""
    p = w.parent
    if p is not None and p.type == "declaration":
        w, p = p, p.parent
    while p is not None and p.type == "parenthesized_expression":
        w, p = p, p.parent
    return p is not None and p.type == "for_statement" and _walk_loop(p, name, var) and \
        (is_field(w, p, "initializer") or is_field(w, p, "update"))


def _index_value(i: Node | None) -> int | None:
    return 0 if i is None else _integer(i)  # None: `*s`


def _integer(n: Node | None) -> int | None:
    """The value of an integer literal (decimal, hex, octal; a `u`/`l` suffix), else None."""
    if n is None or n.type != "number_literal":
        return None
    text = node_text(n)
    try:
        return int(text.rstrip("uUlL"), 0) if not text.startswith("0") or text == "0" or \
            text[:2].lower() == "0x" else int(text.rstrip("uUlL"), 8)
    except ValueError:
        return None
