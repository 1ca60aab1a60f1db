"""Why "its pointee's pointers may lead back into it": for each such pointer parameter, the members that lead
back (a smallest set whose skipping frees it), and for each of them why neither way out holds: rule
owned-buffer (signatures/owned.py: not a pointer to scalars, or some store of SRC is doubtful) and rule
unfollowed-members (signatures/follows.py: which function of the call's closure follows it, or which
construct makes the closure "follow everything").

    python bench/leadback_why.py [CORPUS] [--only part/name ...] [--list]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.core import Codebase
from llmigrate.signatures import follows
from llmigrate.signatures.contained import pointer_typedefs, static_local
from llmigrate.signatures.kinds import atoms, deep, fields, kind, reach, split
from llmigrate.signatures.makers import _pointer_locals
from llmigrate.signatures.mapper import raw_reasons
from llmigrate.signatures.owned import _scalar_pointer_members, owned_members
from llmigrate.signatures.proof import node_text, walk

LEADBACK = "its pointee's pointers may lead back into it"


def culprits(c_type: str, codebase: Codebase, free: frozenset[str]) -> list[str] | None:
    """A smallest set of member names whose skipping stops `c_type`'s pointee leading back into it; None when
    skipping every member does not (the pointee is itself char or void)."""
    base = split(c_type)[0]
    dx, kx = atoms(base, codebase), kind(base, codebase)

    def aliased(skip: frozenset[str]) -> bool:
        rx = reach(base, codebase, skip=skip)
        return bool({"char", "any"} & rx) or "any" in dx or kx in deep(rx, codebase) or bool(dx & rx)

    every = frozenset(f.name for t in codebase.types.values() for f in t.fields) | \
        frozenset(f.name for t in codebase.types.values() for f in fields(t))
    if aliased(every):
        return None
    need = set(every - free)
    for m in sorted(need):
        if not aliased(frozenset(need - {m}) | free):
            need.discard(m)
    return sorted(need)


def follow_why(fid: str, codebase: Codebase) -> str:
    """Why follows.followed(fid) is None: the first function of its call closure whose own members cannot
    be named, and the construct that stops it."""
    seen, todo = [], [fid]
    while todo:
        f = todo.pop(0)
        if f in seen:
            continue
        seen.append(f)
        why = _own_why(f, codebase)
        if why:
            return f"{codebase.functions[f].name}: {why}"
        todo += sorted(set(codebase.functions[f].callees) & codebase.functions.keys())
    return "?"


def _own_why(fid: str, codebase: Codebase) -> str | None:
    """The construct that keeps follows.py from naming the members `fid`'s own body follows, if any."""
    fn, known = codebase.functions[fid], follows._known(codebase)
    body = follows._read(fn, codebase)
    if body is None:
        return "body not read, or a macro that may hide an access not expanded"
    if fn.indirect_calls:
        return "call through a pointer"
    if static_local(body):
        return "a static local"
    if not follows._locals_named(body, codebase, known):
        return "local pointer: " + _local_why(body, codebase)
    for n in walk(body):
        if n.type == "abstract_pointer_declarator" and not follows._harmless_type(n, known) or \
                n.type == "cast_expression" and follows._pointer_cast(n, known) and \
                not follows._fresh(n.child_by_field_name("value"), known):
            return "cast to a pointer"
        if n.type in follows._DEREFS and follows._is_deref(n) and \
                not follows._named(n.child_by_field_name("argument"), known):
            return f"deref of {n.child_by_field_name('argument').type}"
    return None


def _local_why(body, codebase: Codebase) -> str:
    """What a local pointer holds that follows.py cannot name: the kind of the first such value."""
    for n in walk(body):
        if n.type == "declaration" and any(t.type == "type_identifier" and node_text(t) in
                                           pointer_typedefs(codebase) for t in walk(n)):
            return "declared through a pointer typedef"
    ids = _pointer_locals(body)
    known, names = follows._known(codebase), {node_text(n) for n in walk(body) if n.id in ids}
    for n in walk(body):
        value = n.child_by_field_name("value") if n.type == "init_declarator" else \
            n.child_by_field_name("right") if n.type == "assignment_expression" else None
        target = n.child_by_field_name("declarator" if n.type == "init_declarator" else "left")
        if value is not None and node_text(target).lstrip("* ") in names and not follows._value(value, known):
            return f"holds {_kind(value)}"
    return "an array of pointers, a function pointer or its address taken"


def _kind(value) -> str:
    """A call's kind (the C library's, or SRC's by name), else the syntax node's type."""
    if value.type != "call_expression":
        return value.type
    return f"the result of {node_text(value.child_by_field_name('function'))}()"


def classify(codebase: Codebase, fid: str, c_type: str, owned: frozenset[str],
             scalars: set[str]) -> tuple[str, str]:
    """(the bucket, details) of one lead-back parameter of `fid`."""
    found = follows.followed(fid, codebase, {})
    free = owned | (follows.unfollowed(fid, codebase, {}) if found is not None else frozenset())
    need = culprits(c_type, codebase, free)
    if need is None:
        return "pointee is char/void or leads back through no member", ""
    if found is None:
        why = follow_why(fid, codebase)
        bucket = "follows gives up: " + why.split(": ", 1)[-1].split(" (")[0]
        return bucket, why + f" [{','.join(need)}]"
    kinds = sorted({"followed, not scalar" if m not in scalars else "followed, doubtful store" for m in need})
    return "; ".join(kinds), ",".join(need)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args(argv)
    root = Path(args.corpus)
    dirs = [root / o for o in args.only] if args.only else sorted(d for p in root.iterdir() if p.is_dir()
                                                                    for d in p.iterdir() if d.is_dir())
    table: Counter = Counter()
    for d in dirs:
        cb = analyze_dir(d, load_config(d))
        owned, scalars = owned_members(cb), _scalar_pointer_members(cb)
        for fid, fn in sorted(cb.functions.items()):
            for name, why in raw_reasons(fn, cb).items():
                if why != LEADBACK:
                    continue
                c_type = next(p.type for p in fn.params if p.name == name)
                bucket, details = classify(cb, fid, c_type, owned, scalars)
                table[bucket] += 1
                if args.list:
                    print(f"{d.parent.name}/{d.name} {fn.name}({name}: {c_type}): {bucket} | {details}")
    for k, v in table.most_common():
        if v:
            print(f"{v:5d}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
