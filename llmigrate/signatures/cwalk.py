"""C strings walked by their own parameter (issue 15, rule c-string-cursor).

A `const char *s` parameter that cstr.py would prove a `&CStr` but for its moves — `s++` / `++s` as a
statement or a `for` update, `*s++` as a read — is still one when every move is guarded: it happens only
after the C tested the byte it steps over for non-NUL, since the last move:
- in a `for` update, or the only move of a loop body, where the loop's condition implies `*s != 0`
  (`while (*s)`, `for (; s[0] && ...; s++)`);
- the only move of an `if` whose condition implies it (`if (*s == '+') s++;`);
- or `*s++` read and tested for NUL as a `while` condition (`while ((c = *s++))`), the loop's only move, in
  no loop, with no use of `s` after it (it stops one past the NUL and never reads there).
So the walk never passes the string's NUL but by that last one-past step; the Rust keeps the offset in a
usize local beside the `&CStr` (the builtin's `s_at`) and every read is `bytes[s_at + i]`, bounds-checked.
Stored, returned, moved backwards, stepped by more than one, or passed on other than as a string, it
stays raw (cstr.py's other uses).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from llmigrate.signatures.proof import is_field, node_text, op, unparen, up, walk, within

RULE = "c-string-cursor"
WHY = ("the C only reads it as a NUL-terminated string, up to its NUL on every call, and moves it forward "
       "one byte at a time only past a byte it tested non-NUL, so a valid caller passes one, valid for "
       "reads until the call returns; the Rust keeps the offset beside it and every read is bounds-checked; "
       "nothing the call writes may lie in it")
_NONZERO = r"[1-9][0-9]*|0[xX][0-9a-fA-F]*[1-9a-fA-F][0-9a-fA-F]*"
_LOOPS = ("while_statement", "for_statement", "do_statement")
# <ctype.h> classes NUL is not in (iscntrl is; isspace and isblank are not)
_NOT_NUL = {"isdigit", "isalpha", "isalnum", "isxdigit", "isupper", "islower", "isspace", "ispunct",
            "isgraph", "isprint", "isblank"}


def move(n: Node) -> Node | None:
    """The `s++` / `++s` whose operand is the identifier use `n`, else None."""
    p = up(n)
    return p if p is not None and p.type == "update_expression" and "++" in node_text(p) and \
        is_field(n, p, "argument") else None


def read_of(mv: Node) -> Node | None:
    """The `*s++` a postfix move is the operand of, else None."""
    p = up(mv)
    postfix = mv.children and mv.children[0].type != "++"
    return p if postfix and p is not None and p.type == "pointer_expression" and op(p) == "*" else None


def guarded(mv: Node, name: str, moves: list[Node], body: Node) -> bool:
    """The move `mv` of parameter `name` steps only over a byte the C tested non-NUL since the last move
    (`moves`: all of them)."""
    if (read := read_of(mv)) is not None:
        return _read_move(mv, read, name, moves, body)
    guard = _guard(mv, name)
    alt = guard.child_by_field_name("alternative") if guard is not None and guard.type == "if_statement" \
        else None  # the other path's moves
    return guard is not None and [m.id for m in moves if within(m, guard) and not (
        alt is not None and within(m, alt))] == [mv.id]


def _guard(mv: Node, name: str) -> Node | None:
    """The `if`/loop whose condition implies the byte at `name` is non-NUL and which runs `mv` only under
    it: `mv` is a statement of its body (or branch) or the `for`'s update; None when no such one holds it."""
    child = _outer_update(mv)
    p = child.parent
    if p is not None and p.type == "for_statement" and is_field(child, p, "update"):
        return p if implies(p.child_by_field_name("condition"), lambda n: _byte(n, name)) else None
    if p is None or p.type != "expression_statement":
        return None
    child = p
    while (p := child.parent) is not None:
        if p.type in ("compound_statement", "else_clause"):
            child = p
            continue
        if p.type == "if_statement":
            if is_field(child, p, "consequence") and implies(p.child_by_field_name("condition"),
                                                               lambda n: _byte(n, name)):
                return p
            child = p
            continue
        if p.type in ("while_statement", "for_statement") and is_field(child, p, "body"):
            return p if implies(p.child_by_field_name("condition"), lambda n: _byte(n, name)) else None
        return None
    return None


def _outer_update(mv: Node) -> Node:
    """`mv` with the parentheses and comma expressions (`s++, i++` of a for update) around it."""
    child = mv
    while child.parent is not None and child.parent.type in ("parenthesized_expression", "comma_expression"):
        child = child.parent
    return child


def implies(cond: Node | None, is_byte: Callable[[Node], bool]) -> bool:
    """Condition `cond` holds only when the byte (a node `is_byte` accepts: `*s`, `s[0]`) is not NUL: it
    is, or one of its top-level `&&` operands is, that byte itself, compared `!= 0`, or `==` a nonzero
    literal."""
    if cond is None:
        return False
    cond = unparen(cond)
    if cond.type == "binary_expression" and op(cond) == "&&":
        return any(implies(cond.child_by_field_name(f), is_byte) for f in ("left", "right"))
    if cond.type == "binary_expression" and op(cond) == "||":  # each way it holds
        return all(implies(cond.child_by_field_name(f), is_byte) for f in ("left", "right"))
    if is_byte(cond) or _class_test(cond, is_byte):
        return True
    if cond.type == "binary_expression" and op(cond) in ("<", "<=", ">", ">="):
        return _above_zero(cond, is_byte)
    if cond.type != "binary_expression" or op(cond) not in ("==", "!="):
        return False
    left, right = (unparen(cond.child_by_field_name(f)) for f in ("left", "right"))
    byte, other = (left, right) if is_byte(left) else (right, left)
    if not is_byte(byte):
        return False
    zero = _literal_zero(other)
    return zero is True if op(cond) == "!=" else zero is False


def _class_test(cond: Node, is_byte: Callable[[Node], bool]) -> bool:
    """`isdigit(b)`, `isalpha(b)`...: a <ctype.h> class NUL is not in, of the byte (glibc's functions: the
    builtin parses with `-D__NO_CTYPE`)."""
    f, args = cond.child_by_field_name("function"), cond.child_by_field_name("arguments")
    return cond.type == "call_expression" and f is not None and node_text(f) in _NOT_NUL and \
        args is not None and len(args.named_children) == 1 and is_byte(unparen(args.named_children[0]))


def _above_zero(cond: Node, is_byte: Callable[[Node], bool]) -> bool:
    """`b >= K` / `b > J` / `K <= b` / `J < b`, K a literal above 0 and J one of at least 0: NUL fails it."""
    left, right = (unparen(cond.child_by_field_name(f)) for f in ("left", "right"))
    o = op(cond)
    if is_byte(right):  # `K <= b` is `b >= K`
        left, right, o = right, left, {"<": ">", "<=": ">=", ">": "<", ">=": "<="}[o]
    if not is_byte(left) or o not in (">", ">="):
        return False
    value = _literal_value(right)
    return value is not None and (value > 0 if o == ">=" else value >= 0)


def _literal_value(n: Node) -> int | None:
    """The value of a decimal/hex integer literal or a plain character literal (`'0'`), else None."""
    text = node_text(n)
    if n.type == "char_literal" and re.fullmatch(r"'[^'\\]'", text):
        return ord(text[1])
    if n.type == "number_literal" and re.fullmatch(r"[0-9]+|0[xX][0-9a-fA-F]+", text):
        return int(text, 0) if not re.fullmatch(r"0[0-7]+", text) else int(text, 8)
    return None


def _byte(n: Node, name: str) -> bool:
    """`n` reads the byte the parameter points at: `*s`, `s[0]` (under casts)."""
    n = _uncast(n)
    if n.type == "pointer_expression" and op(n) == "*":
        arg = unparen(n.child_by_field_name("argument"))
        return arg.type == "identifier" and node_text(arg) == name
    if n.type == "subscript_expression":
        arg, index = (unparen(n.child_by_field_name(f)) for f in ("argument", "index"))
        return arg.type == "identifier" and node_text(arg) == name and _literal_zero(index) is True
    return False


def _literal_zero(n: Node) -> bool | None:
    """True for a literal 0 (`0`, `'\\0'`), False for another integer or character literal, None for an
    expression that is no literal."""
    text = re.sub(r"[\s()]", "", node_text(n))
    if text in ("0", "'\\0'", "'\\x00'", "'\\000'"):
        return True
    if n.type == "char_literal" or n.type == "number_literal" and re.fullmatch(_NONZERO, text):
        return False
    return None


def _uncast(n: Node) -> Node:
    while n.type == "cast_expression":
        n = unparen(n.child_by_field_name("value"))
    return n


def _read_move(mv: Node, read: Node, name: str, moves: list[Node], body: Node) -> bool:
    """`*s++` (`read`) the condition of a `while` in no loop runs only when it is not NUL (`while (*s++)`,
    `while ((c = *s++))`), the loop's only move, `s` unused after it and no `goto` that could run it
    again."""
    loop = mv
    while loop.parent is not None and loop.type not in ("while_statement", *_LOOPS, "function_definition"):
        loop = loop.parent
    cond = loop.child_by_field_name("condition") if loop.type == "while_statement" else None
    if cond is None or not within(mv, cond) or any(p.type in _LOOPS for p in _ancestors(loop)):
        return False
    if not implies(cond, lambda n: _assigned(n).id == read.id):
        return False
    if [m.id for m in moves if within(m, loop)] != [mv.id] or \
            any(k.type == "goto_statement" for k in walk(body)):
        return False
    return not any(k.type == "identifier" and node_text(k) == name and k.start_byte > loop.end_byte
                   for k in walk(body))


def _assigned(n: Node) -> Node:
    """`n` without casts and the assignment whose value it is (`(c = *s++)`: the read)."""
    n = _uncast(unparen(n))
    while n.type == "assignment_expression" and op(n) == "=":
        n = _uncast(unparen(n.child_by_field_name("right")))
    return n


def _ancestors(n: Node):
    while (n := n.parent) is not None:
        yield n
