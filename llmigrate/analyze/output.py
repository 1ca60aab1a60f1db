"""What `llmigrate analyze` prints: the whole result as deterministic JSON, or a readable summary."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any

from llmigrate.core import CFunction, Codebase, Plan


def _function(fn: CFunction) -> dict[str, Any]:
    return {
        "id": fn.id, "name": fn.name, "file": fn.file, "start_line": fn.start_line, "end_line": fn.end_line,
        "static": fn.is_static, "inline": fn.is_inline, "variadic": fn.is_variadic, "signature": fn.signature,
        "return_type": fn.return_type, "params": [asdict(p) for p in fn.params], "callees": fn.callees,
        "external_calls": fn.external_calls, "address_taken": fn.address_taken,
        "indirect_calls": fn.indirect_calls, "prototypes": fn.prototypes, "types_used": fn.types_used,
        "globals_used": fn.globals_used, "macros_used": fn.macros_used, "hash": fn.hash, "source": fn.source,
    }


def to_dict(codebase: Codebase, plan: Plan) -> dict[str, Any]:
    """The analysis and the plan as plain data, every list in a stable order."""
    return {
        "files": codebase.files,
        "functions": [_function(codebase.functions[k]) for k in sorted(codebase.functions)],
        "prototypes": [{"name": p.name, "file": p.file, "line": p.start_line, "signature": p.signature}
                       for _, p in sorted(codebase.prototypes.items())],
        "types": [asdict(codebase.types[k]) for k in sorted(codebase.types)],
        "globals": [{"id": k, **asdict(g)} for k, g in sorted(codebase.globals.items())],
        "macros": [asdict(codebase.macros[k]) for k in sorted(codebase.macros)],
        "includes": {f: codebase.includes[f] for f in sorted(codebase.includes)},
        "order": [sorted(fid for u in level for fid in u.functions) for level in plan.levels],
        "levels": [[{"id": u.id, "functions": u.functions} for u in level] for level in plan.levels],
        "cycles": plan.cycles,
        "externals": plan.externals,
        "indirect": plan.indirect,
        "diagnostics": [{"file": d.file, "line": d.line, "severity": d.severity, "message": d.message}
                        for d in codebase.diagnostics],
        "slices": {k: asdict(codebase.slices[k]) for k in sorted(codebase.slices)},
        "inactive": [asdict(i) for i in codebase.inactive],
    }


def to_json(codebase: Codebase, plan: Plan) -> str:
    """`llmigrate analyze --json`: the whole result, deterministic (fit for golden files)."""
    return json.dumps(to_dict(codebase, plan), indent=2, sort_keys=True, ensure_ascii=False)


def summary(codebase: Codebase, plan: Plan) -> str:
    """`llmigrate analyze`: files, functions per file, externals, levels, cycles, diagnostics."""
    fns = codebase.functions
    per_file: dict[str, list[str]] = {}
    for fn in sorted(fns.values(), key=lambda f: (f.file, f.start_line)):
        per_file.setdefault(fn.file, []).append(fn.id)
    n_c = len(codebase.c_files())
    lines = [f"{codebase.root}: {len(codebase.files)} files ({n_c} .c, {len(codebase.files) - n_c} .h), "
             f"{len(fns)} functions, {len(codebase.types)} types, {len(codebase.globals)} globals, "
             f"{len(codebase.macros)} macros", "", "Functions per file:"]
    width = max((len(f) for f in per_file), default=0)
    lines += [f"  {f:<{width}}  {len(ids):3}  {', '.join(ids)}" for f, ids in per_file.items()]
    externals = Counter(name for fn in fns.values() for name in fn.external_calls)
    lines += ["", f"External calls ({len(externals)}): "
              + (", ".join(f"{n} ({c})" for n, c in sorted(externals.items())) or "none")]
    lines += ["", f"Translation order ({len(plan.levels)} levels, callees first):"]
    lines += [f"  {i:3}. {', '.join(u.id for u in level)}" for i, level in enumerate(plan.levels, 1)]
    lines += ["", f"Cycles (mutual recursion, one unit each): {len(plan.cycles)}"]
    lines += [f"  {' <-> '.join(c)}" for c in plan.cycles]
    if plan.indirect:
        lines += ["", "Indirect calls (through pointers; candidates: functions whose address is taken):"]
        lines += [f"  {fid}: {', '.join(c) or 'no candidate in SRC'}"
                  for fid, c in sorted(plan.indirect.items())]
    if codebase.inactive:
        lines += ["", f"Inactive (removed by the preprocessor with these flags): {len(codebase.inactive)}"]
        lines += [f"  {i.kind} {i.name} ({i.file}:{i.line}): {i.removed_by}" for i in codebase.inactive]
    lines += ["", f"Diagnostics ({len(codebase.diagnostics)}):"]
    lines += [f"  {d}" for d in codebase.diagnostics] or ["  none"]
    return "\n".join(lines)
