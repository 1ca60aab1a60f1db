"""Unsafe code in migrated crates, per translated function (the module items between llmigrate markers).

For each OUT crate given: Rust code lines (comments and blank lines not counted), those inside `unsafe`
(blocks and unsafe fns), those inside `unsafe` blocks (in unsafe fns too: how small the blocks are), unsafe
fns, unsafe operations inside unsafe code (raw dereferences `*p`, the raw-pointer method family, `static mut`
accesses, calls of unsafe or extern fns), functions that touch no raw pointer, `static mut` or extern fn
yet contain `unsafe`, safe fns whose own signature takes a raw pointer, safe signatures (a safe fn
without a raw pointer in its signature: an `unsafe fn f(v: &T)` is not one), unsafe fns whose signature
has no raw pointer (issue 15 wants none: each is unsafe for what its body touches, a `static mut`, a union
or an unchecked call), and wide blocks (an `unsafe` block holding a branch, a loop or more than one
statement: larger than the statement around the operation needing it). The operations are found by
syntax: a `*` on a reference inside unsafe code counts too, so the figure is an upper bound.

    python bench/unsafe_report.py OUT [OUT ...] [--json PATH] [--list]
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from llmigrate.reintegrate.crate_format import crate_spans
from llmigrate.rust_syntax import Source, blank, fn_header, parse, unsafe_regions, walk
from llmigrate.signatures.net import Names, crate_names, is_op, is_unsafe_fn, last_name

_RAW = re.compile(r"\*\s*(?:const|mut)\b")
_last_name, _op = last_name, is_op  # the names scripts of earlier sessions import


@dataclass
class Tally:
    functions: int = 0
    rust_lines: int = 0
    unsafe_lines: int = 0  # in unsafe blocks or unsafe fns
    block_lines: int = 0  # in unsafe blocks, also those inside unsafe fns
    unsafe_fns: int = 0
    unsafe_ops: int = 0
    needless: int = 0  # touches no raw pointer, static mut or extern fn, still has unsafe
    safe_raw: int = 0  # a safe fn taking a raw pointer (unsound unless it never dereferences it)
    safe_signatures: int = 0  # a safe fn whose signature has no raw pointer (`unsafe fn f(v: &T)` is not one)
    unsafe_safe_sig: int = 0  # an unsafe fn whose signature has no raw pointer
    wide_blocks: int = 0  # unsafe blocks holding a branch, a loop or several statements

    def add(self, other: Tally) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _unsafe_nodes(src: Source) -> list:
    """The outermost unsafe blocks and unsafe fn bodies."""
    found, covered = [], -1
    for n in walk(src.root):
        if n.start_byte < covered:
            continue
        if n.type == "unsafe_block" or n.type == "function_item" and is_unsafe_fn(n):
            found.append(n)
            covered = n.end_byte
    return found


_BRANCHY = frozenset({"if_expression", "while_expression", "loop_expression", "for_expression",
                      "match_expression"})


def _wide(block) -> bool:
    """An unsafe block holding more than one statement, or a loop or branch as its statement (an `if` inside
    an operand, `f(if p.is_null() { &[] } else { .. })`, is part of the statement)."""
    body = next((c for c in block.named_children if c.type == "block"), None)
    stmts = [c for c in body.named_children if "comment" not in c.type] if body is not None else []
    inner = [c.named_children[0] if c.type == "expression_statement" and c.named_children else c
             for c in stmts]
    return len(stmts) > 1 or any(c.type in _BRANCHY for c in inner)


def function_tally(text: str, names: Names) -> Tally:
    src = parse(text)
    code = blank(text).split("\n")
    rows = {r for g in unsafe_regions(text) for r in range(g.first_row, g.last_row + 1)}
    nodes = _unsafe_nodes(src)
    block_rows = {r for n in walk(src.root) if n.type == "unsafe_block"  # in unsafe fns too
                  for r in range(n.start_point.row, n.end_point.row + 1)}
    ops = sum(_op(src, d, names) for n in nodes for d in walk(n))
    touches = _RAW.search(blank(text)) or any(
        _op(src, d, names) and d.type != "unary_expression" for d in walk(src.root))
    has_unsafe = bool(nodes)
    header = fn_header(text) or ""
    raw, unsafe = bool(_RAW.search(header)), bool(re.search(r"\bunsafe\b", header))
    return Tally(1, sum(1 for ln in code if ln.strip()), sum(1 for r in rows if code[r].strip()),
                 sum(1 for r in block_rows if code[r].strip()),
                 sum(n.type == "function_item" for n in nodes), ops, int(has_unsafe and not touches),
                 int(raw and not unsafe), int(not raw and not unsafe), int(unsafe and not raw),
                 sum(_wide(n) for n in walk(src.root) if n.type == "unsafe_block"))


_LISTED = ("needless", "safe_raw", "unsafe_safe_sig", "wide_blocks")


def crate_tally(out: Path, listed: dict[str, list[str]] | None = None) -> Tally:
    """The crate's figures; with `listed`, the function ids behind each of _LISTED are added to it."""
    names = crate_names(out)
    total = Tally()
    for fid, span in sorted(crate_spans(out).items()):
        t = function_tally("\n".join(span.lines), names)
        total.add(t)
        for key in _LISTED if listed is not None else ():
            if getattr(t, key):
                listed.setdefault(key, []).append(f"{out}: {fid}")
    return total


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "-"


def row(name: str, t: Tally) -> str:
    per = f"{t.unsafe_ops / t.functions:.2f}" if t.functions else "-"
    return (f"{name:45} fns {t.functions:4}  lines {t.rust_lines:6}"
            f"  unsafe {_pct(t.unsafe_lines, t.rust_lines):>4}"
            f"  in blocks {_pct(t.block_lines, t.rust_lines):>4}  unsafe fns {t.unsafe_fns:4}"
            f"  ops/fn {per:>5}  needless {t.needless}  safe fn taking raw {t.safe_raw}"
            f"  safe signatures {t.safe_signatures}  unsafe fn with safe signature {t.unsafe_safe_sig}"
            f"  wide blocks {t.wide_blocks}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outs", nargs="+", type=Path, help="OUT directories of llmigrate migrate")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--list", action="store_true", help="name the functions behind the last four counts")
    args = ap.parse_args()
    total, figures, listed = Tally(), {}, {}
    for out in args.outs:
        if not (out / "src").is_dir():
            print(f"{out}: no crate")
            continue
        t = crate_tally(out, listed if args.list else None)
        figures[str(out)] = asdict(t)
        total.add(t)
        print(row(out.name if out.name != "out" else out.parent.name, t))
    print(row("TOTAL", total))
    for key in _LISTED:
        for line in listed.get(key, []):
            print(f"{key}: {line}")
    if args.json:
        args.json.write_text(json.dumps({"crates": figures, "total": asdict(total)}, indent=1) + "\n")


if __name__ == "__main__":
    main()
