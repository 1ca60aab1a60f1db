"""Settle the crate skeleton before translation: what breaks it is demoted alone, never every function.

The skeleton is shared.rs plus every function's fixed signature with a diverging body. When cargo rejects it,
each error names its culprit: an item of shared.rs (a struct becomes opaque, anything else is left out; the
bodies that need it then fail to compile and stay C), or a function whose signature or C ABI entry does not
build (it stays C under its own name, like a signature Rust cannot express, and so do its Rust callers).
Then the skeleton is checked again, a bounded number of times.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from llmigrate import rust_syntax
from llmigrate.cargo import CargoDiagnostic
from llmigrate.reintegrate.crate import render_crate, skeleton_item
from llmigrate.reintegrate.crate_format import function_blocks, owner_of
from llmigrate.reintegrate.crate_state import CrateState

MAX_ROUNDS = 6
SHARED = "src/shared.rs"


@dataclass
class Settled:
    """What settling demoted: shared items (with why) and function ids (their reasons are in signatures)."""

    shared: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # what still breaks it when settling gave up


def settle(state: CrateState, say: Callable[[str], None] = lambda _: None) -> Settled:
    """Check the skeleton and demote the culprits of its errors until it builds (or nothing is blamed)."""
    done = Settled()
    for _ in range(MAX_ROUNDS):
        checked = state.check_scratch(set())
        if checked.result.ok:
            done.errors = []
            return done
        done.errors = [d.rendered or d.message for d in checked.result.errors] or [checked.result.stderr]
        if not _demote(state, checked.result.errors, done, say):
            break
    return done


def _demote(state: CrateState, errors: list[CargoDiagnostic], done: Settled, say) -> bool:
    """Demote every culprit named by `errors`; False when none could be named."""
    items = {fid: skeleton_item(sig) for fid, sig in state.signatures.items()}
    blocks = function_blocks(render_crate(state.name, state.codebase, state.signatures, state.shared, items,
                                          None))
    spans = _shared_spans(state.shared)
    cut: list[tuple[int, int, str]] = []
    blamed = False
    for d in errors:
        fid = owner_of(blocks, d.file, d.line)
        if fid is not None and not state.signatures[fid].unsupported:
            _demote_function(state, fid, d, done, say)
            blamed = True
        elif d.file == SHARED:
            span = next((s for s in spans if s[0] <= d.line <= s[1]), None)
            if span is not None and span not in [c[:2] for c in cut]:
                cut.append((*span, d.message))
    if cut:
        state.shared = _cut(state.shared, cut, done, say)
    return blamed or bool(cut)


def _demote_function(state: CrateState, fid: str, d: CargoDiagnostic, done: Settled, say) -> None:
    fn = state.codebase.functions[fid]
    sig = state.signatures[fid]
    sig.unsupported = f"{fn.file}:{fn.start_line}: signature: the crate skeleton does not build with it " \
                      f"({d.message})"
    done.functions.append(fid)
    say(f"skeleton: {sig.unsupported}; {fn.name} stays C, and so do its callers")


def _shared_spans(text: str) -> list[tuple[int, int]]:
    """1-based (first, last) lines of each top-level item of shared.rs, and of each declaration inside an
    `extern` block (one of them can be left out alone)."""
    spans, pos = [], 0
    for item in rust_syntax.items(text):
        start = text.find(item.text, pos)
        pos = start + len(item.text)
        first, last = text.count("\n", 0, start) + 1, text.count("\n", 0, pos) + 1
        lines = text.splitlines()[first - 1:last]
        opening = next((i for i, ln in enumerate(lines) if _EXTERN.match(ln)), None)
        if opening is None:
            spans.append((first, last))
        else:
            spans += _declarations(lines[opening + 1:-1], first + opening + 1)
    return spans


_EXTERN = re.compile(r'^(unsafe )?extern "C" \{\s*$')


def _declarations(lines: list[str], first: int) -> list[tuple[int, int]]:
    """Spans of the `...;` declarations (with their attributes) among an extern block's inner lines."""
    spans, start = [], None
    for i, line in enumerate(lines, first):
        start = start or i
        if line.rstrip().endswith(";"):
            spans.append((start, i))
            start = None
    return spans


def _cut(text: str, cut: list[tuple[int, int, str]], done: Settled, say) -> str:
    """shared.rs without the blamed spans: a struct/union stays as an opaque type of that name."""
    lines = text.splitlines(keepends=True)
    for first, last, why in sorted(cut):
        old = "".join(lines[first - 1:last])
        done.shared.append(f"shared.rs: {_describe(old)}: {'made opaque' if _opaque(old) else 'left out'}: "
                           f"the crate skeleton does not build with it ({why})")
        say(f"skeleton: {done.shared[-1]}")
    for first, last, _ in sorted(cut, reverse=True):  # from the end, so earlier line numbers still hold
        new = _opaque("".join(lines[first - 1:last]))
        lines[first - 1:last] = [new] if new else []
    out = "".join(lines)
    for name in re.findall(r"^pub (?:struct|union) (\w+) \{\n    _opaque_skeleton", out, re.M):
        out = re.sub(rf"^const _: \(\) = assert!\(core::mem::\w+(?:::<{name}>\(\)|!\({name},).*\n", "", out,
                     flags=re.M)  # an opaque type has no C layout to check
    return out


def _opaque(item: str) -> str | None:
    m = re.search(r"^pub (struct|union) (\w+)", item, re.M)
    if m is None:
        return None
    return f"// Opaque: the crate skeleton did not build with its fields.\n#[repr(C)]\n" \
           f"pub struct {m[2]} {{\n" \
           "    _opaque_skeleton: [u8; 0],\n}\n"


def _describe(item: str) -> str:
    m = re.search(r"\b(struct|union|type|const|static mut|static|fn)\s+(\w+)", item)
    return f"{m[1]} '{m[2]}'" if m else f"'{item.strip().splitlines()[0][:60]}'"
