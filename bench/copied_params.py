"""What lies behind "assigned or copied": each pointer parameter raw for that reason, by the C construct that
assigns or copies it, so that a rule can aim at the largest kind and the kinds no borrow can serve are
seen as such:

- stored: its value is stored in memory that outlives the call (a member, an element, `*q`, a global);
- walked: the parameter is assigned a value read through itself (`p = p->next`);
- reassigned: the parameter is assigned another value (`p = &x`, `p = q`, `p = f()`, `p = "..."`);
- copied: it initialises or is assigned to a local, which then goes its own way: a cursor (stepped), a walk
  (`q = q->next`), reassigned, or an alias read beside the parameter's own uses;
- through a local: no such use of its own, only of the local its proofs read it as (signatures.voids,
  signatures.aliases: a `void *` cast into a `char *` cursor, say).

    python bench/copied_params.py [CORPUS] [--only part/name ...] [--rust OUT_PARENT] [--list]
"""

from __future__ import annotations

from collections import Counter

from raw_roots import corpus_args, rust_functions
from tree_sitter import Node

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.signatures.proof import is_field, node_text, occurrences, op, parsed_body, unparen, up, walk
from llmigrate.signatures.treewalk import identifiers

COPIED = "assigned or copied"
KINDS = ("stored", "walked", "reassigned", "copied (a cursor)", "copied (a walk)", "copied (reassigned)",
         "copied (an alias)", "copied (a mark; the parameter steps)", "through a local")


def kind(fn: CFunction, name: str, codebase: Codebase) -> str:
    """The kind (one of KINDS) of the first use of parameter `name` that assigns or copies it."""
    body = parsed_body(fn)[0]
    uses = (occurrences(body, name) or []) if body is not None else []
    for n in uses:
        p = up(n)
        if p is not None and p.type == "assignment_expression" and is_field(n, p, "left"):
            right = p.child_by_field_name("right")
            return "walked" if right is not None and any(
                k.type == "identifier" and node_text(k) == name for k in walk(right)) else "reassigned"
        if p is not None and p.type == "assignment_expression":
            left = p.child_by_field_name("left")
            return _copied(body, node_text(left), p, uses) if _local(left, fn, body, codebase) else "stored"
        if p is not None and p.type == "init_declarator":
            return _copied(body, node_text(p.child_by_field_name("declarator")).lstrip("*").strip(), p, uses)
    return "through a local"


def _copied(body: Node, local: str, copy: Node, uses: list[Node]) -> str:
    """The kind of a copy into `local`, by what the local does; a local only read while the parameter's own
    `uses` step it on (`start = p; ... p++; return p - start;`) marks where the parameter started."""
    does = _local_does(body, local, copy)
    stepped = any((p := up(n)) is not None and (p.type == "update_expression" or p.type ==
                  "assignment_expression" and is_field(n, p, "left")) for n in uses)
    return "copied (a mark; the parameter steps)" if does == "an alias" and stepped else f"copied ({does})"


def _local_does(body: Node, local: str, copy: Node) -> str:
    """What the local a parameter is copied into goes on to do, its first such use: "a cursor" (stepped:
    `q++`, `q += k`, `q = q + k`), "a walk" (assigned what it points at: `q = q->next`), "reassigned" (another
    value), or "an alias" (none of those: read like the parameter, beside the parameter's own other uses,
    which rule local-alias does not take). `copy`: the assignment copying the parameter, no use of its own."""
    for n in identifiers(body).get(local, ()):
        p = up(n)
        if p is not None and p.id == copy.id:
            continue
        if p is not None and p.type == "update_expression":
            return "a cursor"
        if p is None or p.type != "assignment_expression" or not is_field(n, p, "left"):
            continue
        right = unparen(p.child_by_field_name("right"))
        named = right is not None and local in identifiers(right)
        if named and (op(p) != "=" or right.type == "binary_expression"):
            return "a cursor"
        return "a walk" if named else "reassigned"
    return "an alias"


def _local(left: Node | None, fn: CFunction, body: Node, codebase: Codebase) -> bool:
    """`left` is a plain name of a parameter or one the body declares (a local), not a member, an element,
    `*q` nor a global."""
    left = unparen(left)
    if left is None or left.type != "identifier" or node_text(left) in codebase.globals:
        return False
    if node_text(left) in {p.name for p in fn.params}:
        return True
    return any(d.type == "declaration" and node_text(left) in {node_text(k) for k in walk(d)
                                                               if k.type == "identifier"}
               for d in walk(body))


def main(argv: list[str] | None = None) -> None:
    args, entries = corpus_args(__doc__, "parameter with its kind", argv)
    kinds: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        rust = rust_functions(args.rust, entry.name) if args.rust else None
        codebase = analyze_dir(entry.path, load_config(entry.path))
        for fn in codebase.functions.values():
            if rust is not None and (fn.file, fn.name) not in rust:
                continue
            for name in (p for p, why in raw_reasons(fn, codebase).items() if why == COPIED):
                k = kind(fn, name, codebase)
                kinds[(entry.part, k)] += 1
                if args.list:
                    print(f"{entry.name} {fn.name}.{name} | {k}")
    for (part, k), n in sorted(kinds.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"{part:14} {n:5}  {k}")


if __name__ == "__main__":
    main()
