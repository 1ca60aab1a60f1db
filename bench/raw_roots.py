"""What lies behind "passed to a callee whose parameter stays raw": each such pointer parameter followed
callee by callee (the call passing it straight on, a cast or parentheses around it allowed) to the first
parameter that stays raw for another rule, its root. The corpus bench's table names only the first rule
that failed, so a cascade hides its root; this tables the roots, by part, with the root function's linkage
(static or exported, its address taken or not), and the chains that come back to a parameter already on
them (a cycle) or that the walk cannot follow (a pass through a local, a macro).

    python bench/raw_roots.py [CORPUS] [--only part/name ...] [--rust OUT_PARENT] [--list]

With --rust, only functions a kept migration (OUT_PARENT/<part>__<name>/out/report/report.json, as
`corpus_fidelity.py --keep` leaves them) made Rust are counted, as the bench counts them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.signatures.proof import PASSED, node_text, parse_c, walk
from llmigrate.signatures.voidwhy import VOID

CALLEE = PASSED["value"]
# the reasons of a pointer raw only because the callee it is passed to keeps its parameter raw: a typed one's,
# and a `void *`'s no view types (voidwhy.py names the use after the bucket)
CASCADED = (CALLEE, f"{VOID}: {CALLEE}")
Hop = tuple[str, str, str]  # (function id, parameter name, why it stays raw)


def passes(fn: CFunction, name: str) -> list[tuple[str, int]]:
    """(callee name, argument index) of each call of `fn` that passes the parameter `name` straight on."""
    found = []
    for call in walk(parse_c(fn.source.encode())):
        f = call.child_by_field_name("function") if call.type == "call_expression" else None
        if f is None or f.type != "identifier":
            continue
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        found += [(node_text(f), i) for i, a in enumerate(args) if _bare(a) == name]
    return found


def _bare(arg) -> str | None:
    while arg.type in ("parenthesized_expression", "cast_expression"):
        arg = arg.child_by_field_name("value") if arg.type == "cast_expression" else arg.named_children[0]
    return node_text(arg) if arg.type == "identifier" else None


def chain(fn: CFunction, name: str, codebase: Codebase, reasons) -> list[Hop]:
    """The hops from parameter `name` of `fn` to its root; the last is ("?", "?", "the walk stops") or
    (id, name, "cycle") where the walk cannot go on or comes back."""
    hops = [(fn.id, name, reasons(fn).get(name))]
    while hops[-1][2] in CASCADED:
        nxt = _next_hop(codebase.functions[hops[-1][0]], hops[-1][1], codebase, reasons)
        if nxt is None:
            return [*hops, ("?", "?", "the walk stops")]
        if any(h[:2] == nxt[:2] for h in hops):
            return [*hops, (nxt[0], nxt[1], "cycle")]
        hops.append(nxt)
    return hops


def _next_hop(fn: CFunction, name: str, codebase: Codebase, reasons) -> Hop | None:
    """The first callee parameter of SRC that `name` is passed to and that stays raw."""
    for callee, i in passes(fn, name):
        ids = [c for c in fn.callees if c in codebase.functions and codebase.functions[c].name == callee]
        if len(ids) != 1 or i >= len(codebase.functions[ids[0]].params):
            continue
        target = codebase.functions[ids[0]]
        param = target.params[i].name or f"arg{i}"
        if param in reasons(target):
            return target.id, param, reasons(target)[param]
    return None


def linkage(fn: CFunction | None) -> str:
    """How C reaches the root's function: only by name in its file, or by its symbol; and its address."""
    if fn is None:
        return "-"
    return ("static" if fn.is_static else "exported") + (", address taken" if fn.address_taken else "")


def cascades(codebase: Codebase, rust: set[tuple[str, str]] | None = None) -> list[list[Hop]]:
    """The chain of every cascaded raw parameter of `codebase` (of its functions `rust` names, with it)."""
    memo: dict[str, dict[str, str]] = {}

    def reasons(f: CFunction) -> dict[str, str]:
        if f.id not in memo:
            memo[f.id] = raw_reasons(f, codebase)
        return memo[f.id]
    return [chain(fn, name, codebase, reasons) for fn in codebase.functions.values()
            if rust is None or (fn.file, fn.name) in rust
            for name, why in reasons(fn).items() if why in CASCADED]


def rust_functions(kept: Path, entry: str) -> set[tuple[str, str]] | None:
    """(file, name) of the functions the kept migration of `entry` under `kept` made Rust, if it is there."""
    report = kept / entry.replace("/", "__") / "out" / "report" / "report.json"
    if not report.is_file():
        return None
    return {(f["file"], f["name"]) for f in json.loads(report.read_text())["functions"]
            if f["status"] in ("compiled", "verified")}


def corpus_args(doc: str, listed: str, argv: list[str] | None) -> tuple[argparse.Namespace, list]:
    """The arguments of a corpus table script (CORPUS, --only, --rust, --list) and the entries they select."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus_lib import default_corpus, find_entries  # corpus_lib imports this module: no cycle at load

    ap = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--only", nargs="+")
    ap.add_argument("--rust", type=Path, help="parent of kept migrations: count their Rust functions only")
    ap.add_argument("--list", action="store_true", help=f"print every {listed}")
    args = ap.parse_args(argv)
    return args, find_entries(args.corpus or default_corpus(), args.only)


def main(argv: list[str] | None = None) -> None:
    args, entries = corpus_args(__doc__, "chain", argv)
    roots: Counter[tuple[str, str, str]] = Counter()
    for entry in entries:
        rust = rust_functions(args.rust, entry.name) if args.rust else None
        codebase = analyze_dir(entry.path, load_config(entry.path))
        for hops in cascades(codebase, rust):
            fid, _, why = hops[-1]
            roots[(entry.part, why, linkage(codebase.functions.get(fid)))] += 1
            if args.list:
                print(entry.name, " -> ".join(f"{f}.{p}" for f, p, _ in hops), "|", why)
    for (part, why, link), n in sorted(roots.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"{part:14} {n:5}  {why}  [{link}]")


if __name__ == "__main__":
    main()
