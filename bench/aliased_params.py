"""What lies behind "may alias another parameter": each pointer parameter raw for that reason, with the
other parameters it may overlap (signatures.overlaps.conflicts, after the call-site separation), tabled by
pattern so that a rule can aim at the largest one:

- types: "same type" (both point at one C type), "char" (one is a char/void pointer, which may alias
  anything), "scalar" (same-width scalars, `int *` and `unsigned *`), "contains" (one's struct holds the
  other's type), "reached" (only through pointers stored in a partner's pointee: no run-time check can bound
  that);
- linkage: static (callers all in SRC) or exported (the C ABI entry could check at run time);
- calls: what SRC's calls pass for the pair ("none" when no call is in sight):
  "same" (one expression twice), "apart" (provably distinct objects), "unknown" (origins unknown);
- check: why the C ABI entry's run-time check (rule disjoint-checked) did not free it;
- need: what a proof would need (issue 15's split): "check + call sites" (both of a known extent, only
  their own bytes: a run-time check at the boundary, and SRC's calls apart, would do), "known extent"
  (the partner's own uses bound nothing), "types" (reached only through a member of the other's, which
  no check bounds: the call must not follow it), "string" (a read-only string or byte buffer's, whose
  extent only its NUL gives);
- pointee: what the partner points at ("read-only bytes" for a `const char *`, `const u8 *` or `const void *`,
  which a C string or input buffer is; "bytes"; "struct"; "scalar"; "pointer"): a partner the check could
  not bound is most often a read-only string whose extent only its NUL gives.

    python bench/aliased_params.py [CORPUS] [--only part/name ...] [--rust OUT_PARENT] [--list]
"""

from __future__ import annotations

from collections import Counter

from raw_roots import corpus_args, rust_functions

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import borrow, callsites
from llmigrate.signatures.kinds import CHAR, atoms, is_struct, kind, split
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.signatures.proof import body_of, node_text, walk

ALIAS = "may alias another parameter"


def types(fn: CFunction, i: int, j: int, own: bool, codebase: Codebase) -> str:
    """How parameters `i` and `j` may share memory by their C types."""
    if not own:
        return "reached"
    (a, _, _), (b, _, _) = split(fn.params[i].type), split(fn.params[j].type)
    ka, kb = kind(a, codebase), kind(b, codebase)
    if CHAR in (ka, kb):
        return "char"
    if a == b:
        return "same type"
    if ka == kb:
        return "scalar"
    return "contains" if ka in atoms(b, codebase) or kb in atoms(a, codebase) else "other"


def pointee(fn: CFunction, j: int, codebase: Codebase) -> str:
    """What parameter `j` points at, by its C type."""
    base, depth, const = split(fn.params[j].type)
    k = kind(base, codebase)
    if depth > 1:
        return "pointer"
    if k == CHAR or base.split()[-1] in ("char", "u8", "uint8_t", "s8", "int8_t"):
        return "read-only bytes" if const else "bytes"
    return "struct" if is_struct(base, codebase) else "scalar"


def calls(fn: CFunction, i: int, j: int, codebase: Codebase) -> str:
    """What SRC's calls of `fn` pass as its parameters `i` and `j` (the worst of them)."""
    found = set()
    for caller in codebase.functions.values():
        body = body_of(caller) if fn.id in caller.callees else None
        for call in (n for n in walk(body) if n.type == "call_expression") if body is not None else ():
            if node_text(call.child_by_field_name("function")) != fn.name:
                continue
            args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
            if max(i, j) >= len(args):
                continue
            if node_text(args[i]) == node_text(args[j]):
                found.add("same")
            else:
                found.add("apart" if callsites.distinct(args[i], args[j], caller, body, codebase)
                          else "unknown")
    return next((k for k in ("same", "unknown", "apart") if k in found), "none")


def check(fn: CFunction, note: dict) -> str:
    """Why the run-time overlap check did not free the parameter."""
    if not all(note.get("against", {}).values()):
        return "a partner reached through stored pointers"
    if "checkable" not in note:
        return "a void view" if note["void"] else "a global too" if note["glob"] else "self-aliased"
    if not note["checkable"]:
        return "static" if fn.is_static else "no check possible (header, or a file-static global)"
    return "copied into a local" if note["copied"] else "a partner's extent unknown"


def need(note: dict, j: int, own: bool, points: str, proven: bool) -> str:
    """What a proof of the pair would need (module docstring); `proven`: the partner is a reference, slice
    or C string (its extent known) in the end."""
    if not own:
        return "types"
    if points == "read-only bytes":
        return "string"
    return "check + call sites" if proven or j in note.get("bounded", ()) else "known extent"


def rows(fn: CFunction, codebase: Codebase) -> list[tuple[str, ...]]:
    """(parameter, partner, types, linkage, calls, check, conv, the partner's reason, need, what it points
    at) of each parameter of `fn` raw for ALIAS, one row per partner."""
    found = []
    for i, p in enumerate(fn.params):
        note = borrow.NOTES.get((fn.id, i))
        if note is None or raw_reasons(fn, codebase).get(p.name) != ALIAS:
            continue
        for j, own in sorted(note.get("against", {}).items()):
            found.append((p.name, fn.params[j].name or f"arg{j}", types(fn, i, j, own, codebase),
                          "static" if fn.is_static else "exported", calls(fn, i, j, codebase),
                          check(fn, note), note.get("conv", "?"),
                          raw_reasons(fn, codebase).get(fn.params[j].name, "proven"),
                          need(note, j, own, pointee(fn, j, codebase),
                               fn.params[j].name not in raw_reasons(fn, codebase)), pointee(fn, j, codebase)))
    return found


def main(argv: list[str] | None = None) -> None:
    args, entries = corpus_args(__doc__, "parameter with its partners", argv)
    columns = ("types", "linkage", "calls", "check", "conv", "partner", "need", "pointee")
    tables: dict[str, Counter] = {k: Counter() for k in columns}
    for entry in entries:
        rust = rust_functions(args.rust, entry.name) if args.rust else None
        codebase = analyze_dir(entry.path, load_config(entry.path))
        borrow.NOTES = {}
        for fn in codebase.functions.values():
            if rust is not None and (fn.file, fn.name) not in rust:
                continue
            raw_reasons(fn, codebase)
        for fn in codebase.functions.values():
            if rust is not None and (fn.file, fn.name) not in rust:
                continue
            for row in rows(fn, codebase):
                for k, v in zip(tables, row[2:], strict=True):
                    tables[k][(entry.part, v)] += 1
                if args.list:
                    print(f"{entry.name} {fn.name}.{row[0]} ~ {row[1]} | " + " | ".join(row[2:]))
    for name, table in tables.items():
        print(f"by {name} (parameter, partner pairs):")
        for (part, v), n in sorted(table.items(), key=lambda kv: (kv[0][0], -kv[1])):
            print(f"  {part:14} {n:5}  {v}")


if __name__ == "__main__":
    main()
