"""Repair that can change nothing is not repeated.

A deterministic backend (the builtin translator says so with `deterministic = True`) answers the same
request the same way, so the same errors coming back for a unit mean another round would only spend time.
A model may vary its answers, but a reply identical to code already tried, or the same diagnostics after a
reply, leads nowhere new either: `repeated` tells both, for whichever loop asks. Code is compared as Rust
tokens (`same_code`): a reply that only re-indents or re-comments the code it was given is that code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from llmigrate import rust_syntax
from llmigrate.core import Translator, Unit
from llmigrate.journal import Journal, RepairRound

# Where an error is reported moves when other code changes around it (a unit kept in C, a rustc fix above);
# the error itself is the same.
_LOCATION = re.compile(r"(-->\s*\S+?):\d+:\d+|^\s*\d+\s*\|", re.MULTILINE)


def same_code(a: str | None, b: str | None) -> bool:
    """Whether two texts are the same Rust: the same tokens, whatever the layout and the comments (a real
    model's "repair" re-indented the code it was given, which then spent a whole differential run)."""
    if a is None or b is None:
        return a is b
    return a == b or _tokens(a) == _tokens(b)


@lru_cache(maxsize=256)
def _tokens(code: str) -> tuple[str, ...]:
    """The leaves of the parse tree but comments, each its text (a literal's whitespace is in its leaves)."""
    src = rust_syntax.parse(code)
    out, todo = [], [src.root]
    while todo:
        node = todo.pop()
        if "comment" in node.type:
            continue
        if node.child_count == 0:
            out.append(src.cut(node))
        todo.extend(reversed(node.children))
    return tuple(out)


def deterministic(backend: object) -> bool:
    """Whether the backend answers the same request the same way (no model, no randomness)."""
    return bool(getattr(backend, "deterministic", False))


def repeated(rounds: list[RepairRound], kind: str, diagnostics: list[str],
             reply: str | None = None) -> str | None:
    """Why another round of `kind` can change nothing, or None: `diagnostics` are those of an earlier round
    of that kind (locations aside), or `reply` is code an earlier round already tried."""
    now = [_LOCATION.sub(r"\1", d) for d in diagnostics]
    for rec in rounds:
        if rec.kind != kind:
            continue
        if [_LOCATION.sub(r"\1", d) for d in rec.diagnostics] == now:
            what = "errors" if kind == "compile" else "difference"
            return f"the same {what} as in round {rec.round}"
        if reply is not None and same_code(rec.code, reply):
            return f"a reply identical to the code of round {rec.round}"
    return None


def tried_in(rounds: list[RepairRound], kind: str, reply: str) -> int | None:
    """The first round of `kind` that was given `reply` as its code already, or None (a reply going back to
    it would repeat that round: `repeated` tells the same for the code about to be asked about)."""
    return next((rec.round for rec in rounds if rec.kind == kind and same_code(rec.code, reply)), None)


def futile_units(backend: Translator, journal: Journal, units: list[Unit], kind: str,
                 diagnostics: dict[str, list[str]]) -> dict[str, str]:
    """Unit id -> why asking the (deterministic) backend again about these diagnostics can change nothing."""
    if not deterministic(backend):
        return {}
    out = {}
    for u in units:
        why = repeated(journal.functions[u.functions[0]].rounds, kind, diagnostics[u.id])
        if why:
            out[u.id] = f"the {backend.name} backend is deterministic and {why} came back"
    return out
