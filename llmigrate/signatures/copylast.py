"""Rule copied-out's second case: an out-parameter never read, written last on paths that wrote (issue 15).

`unsigned char *encode(const unsigned char *src, size_t len, unsigned char *out, size_t *out_len)` writes
`out`, then `if (out_len) *out_len = pos - out; return out;`. `out` has no extent a C ABI entry could compare
with `out_len`, and the C writes more than its locals before `*out_len` (signatures_copyout's first case
asks for nothing but locals). The entry's copy (a local the Rust gets a reference to, written back after the
call) still behaves as the pointer when:
- the C never reads `*p`: every use is a plain `*p = e` / `p[0] = e` (no `+=`, no `++`) or a NULL test, so
  no read can tell the copy's bytes from the caller's, whatever the call wrote into the latter meanwhile;
- each write is final (copyout._final: from it to the return only locals and `*p`), so nothing reads the
  memory the copy stands for between the write and the entry's write-back;
- one statement of the body's top level writes it (`*p = e;`, or `if (p) *p = e;` / `if (p) { *p = e; }`),
  and no statement before it that follows the first one writing anything but locals (or calling anything
  but a pure C library function or quiet header code, signatures_outsidecalls) returns or jumps: a path
  that reaches a return without writing `*p` then wrote nothing but locals, so the bytes the entry writes
  back are those it read, which nothing changed; every other path writes `*p` last, which is what the
  entry writes back. No static local (another object behind a local's name), no goto.
"""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.aliases import aliased
from llmigrate.signatures.contained import _local_target, _targets, ends, static_local
from llmigrate.signatures.copyout import CONVS, RULE, WHY, deferred, finals, place, shaped, written
from llmigrate.signatures.outsidecalls import hidden_jumps, literal_macros, writes_nothing
from llmigrate.signatures.proof import _null_test, node_text, occurrences, op, up, walk

__all__ = ["CONVS", "RULE", "WHY", "copied", "written_last"]  # the rule's both cases, for signatures_borrow
_JUMPS = ("return_statement", "goto_statement")


def copied(fn: CFunction, i: int, body: Node, codebase: Codebase, memo: dict) -> bool:
    """Rule copied-out holds for parameter `i`: its first case (signatures_copyout) or this module's (not
    for a parameter a local stands for, signatures_aliases: `body` reads the local's uses as its own, which
    the builtin keeps as the local's)."""
    return deferred(fn, i, body, codebase, memo) or shaped(fn, i, body, codebase) and \
        i not in aliased(fn, codebase) and finals(fn, i, body, codebase) and \
        written_last(fn, i, body, codebase, memo)


def written_last(fn: CFunction, i: int, body: Node, codebase: Codebase, memo: dict) -> bool:
    """Parameter `i`, its every use `*p`, `p[0]` or a NULL test and every write final (copyout.finals), is
    never read and written by one plain assignment on every path that wrote more than locals."""
    name = fn.params[i].name
    uses = occurrences(body, name)
    if not uses or static_local(body) or hidden_jumps(body, codebase):
        return False
    writes = [at for at in map(place, uses) if at is not None]
    if len(writes) != 1 or not written(writes[0]):
        return False
    assign = up(writes[0])
    if assign.type != "assignment_expression" or op(assign) != "=":
        return False  # `+=` or `++` reads the caller's bytes
    top = [s for s in body.named_children if s.type != "comment"]
    k = _holder(top, assign, name)
    if k is None:
        return False
    dirty = next((j for j, s in enumerate(top[:k]) if not _clean(s, fn, codebase, memo)), k)
    before = [n for n in walk(top[k]) if n.start_byte < assign.start_byte]  # in `if (p) { ...; *p = e; }`
    return not any(n.type in _JUMPS for n in before) and \
        not any(n.type in _JUMPS for s in top[dirty:k] for n in walk(s))


def _holder(top: list[Node], assign: Node, name: str) -> int | None:
    """The index of the top-level statement that runs the assignment whenever it runs and `name` is not
    NULL: `*p = e;` itself, or `if (p) *p = e;` / `if (p) { ...; *p = e; ... }` without `else`."""
    index = {s.id: j for j, s in enumerate(top)}
    stmt = assign.parent
    if stmt is None or stmt.type != "expression_statement":
        return None  # inside `c && (*p = e)` or a comma: it may not run
    if stmt.id in index:
        return index[stmt.id]
    block = stmt.parent
    guard = block.parent if block is not None and block.type == "compound_statement" else block
    if guard is None or guard.type != "if_statement" or guard.id not in index or \
            guard.child_by_field_name("alternative") is not None:
        return None
    cond = guard.child_by_field_name("condition")
    tested = [n for n in walk(cond) if n.type == "identifier" and node_text(n) == name]
    return index[guard.id] if tested and all(map(_null_test, tested)) and _plain_test(cond, name) else None


def _plain_test(cond: Node, name: str) -> bool:
    """The condition is `(p)` or `(p != NULL)` / `(NULL != p)`: true exactly when `p` is not NULL."""
    text = "".join(node_text(cond).split()).strip("()")
    return text in (name, f"{name}!=NULL", f"NULL!={name}", f"{name}!=0", f"0!={name}")


def _clean(stmt: Node, fn: CFunction, codebase: Codebase, memo: dict) -> bool:
    """`stmt` writes nothing but locals, calls only pure C library functions or quiet header code, and names
    no macro but a literal one."""
    globals_ = set(fn.globals_used)
    if not literal_macros(stmt, codebase) or any(not _local_target(t, globals_) for t in _targets(stmt)):
        return False
    for n in walk(stmt):
        f = n.child_by_field_name("function") if n.type == "call_expression" else None
        if f is not None and (f.type != "identifier" or node_text(f) not in ends(codebase, memo) and
                              not writes_nothing(node_text(f), codebase)):
            return False
    return True
