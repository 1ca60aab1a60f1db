"""Join the FileFacts of all files into one Codebase: ids, cross-file name resolution, uses, prototypes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.analyze.parse import FileFacts, Uses
from llmigrate.analyze.slice import Deps, make_slices
from llmigrate.config import Config
from llmigrate.core import CFunction, CGlobal, Codebase, Diagnostic


@dataclass
class Names:
    """Which definition a name means, seen from a file: its own static first, then the external one."""

    visible: dict[str, set[str]]  # file -> names of the headers it includes, directly or not
    statics: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> file -> key
    external: dict[str, str] = field(default_factory=dict)  # name -> key

    def add(self, name: str, file: str, key: str, static: bool) -> None:
        if static:
            self.statics.setdefault(name, {})[file] = key
        else:
            self.external.setdefault(name, key)

    def resolve(self, name: str, file: str) -> str | None:
        statics = self.statics.get(name)
        if statics and file in statics:
            return statics[file]
        if name in self.external:
            return self.external[name]
        if statics:  # a static (inline) function or variable defined in a header the file includes
            seen = self.visible.get(file, set())
            headers = sorted(h for h in statics if h.endswith(".h") and _basename(h) in seen)
            return statics[headers[0]] if headers else None
        return None


def link(root: Path, config: Config, facts: list[FileFacts]) -> Codebase:
    """The Codebase of SRC from per-file facts (given in sorted file order)."""
    cb = Codebase(root=str(root), config=config, files=[f.file for f in facts])
    deps = Deps()
    for f in facts:
        cb.includes[f.file] = f.includes
        cb.diagnostics.extend(f.diagnostics)
        for m, uses in f.macros:
            if m.name not in cb.macros:
                cb.macros[m.name] = m
                deps.macros[m.name] = uses
    _types(cb, facts, deps)
    visible = _included(cb.includes)
    gnames = _globals(cb, facts, deps, Names(visible))
    fnames, fn_uses = _functions(cb, facts, Names(visible))
    for fn, uses in fn_uses:
        _resolve(cb, deps, fnames, gnames, fn, uses)
    for f in facts:  # function addresses stored in globals or passed at top level (module_init(f);)
        for uses in [u for _, u in f.globals] + [f.toplevel]:
            for name in uses.values | uses.calls:
                target = fnames.resolve(name, f.file)
                if target is not None:
                    cb.functions[target].address_taken = True
    _prototypes(cb, facts, fnames)
    cb.slices = make_slices(cb, deps)
    cb.diagnostics.sort(key=lambda d: (d.file, d.line, d.message))
    return cb


def _included(includes: dict[str, list[str]]) -> dict[str, set[str]]:
    """For each file, the names of the SRC headers it includes, transitively (matched by file name)."""
    by_name: dict[str, list[str]] = {}
    for f in includes:
        by_name.setdefault(_basename(f), []).append(f)
    out: dict[str, set[str]] = {}
    for f in includes:
        seen, todo = set(), [f]
        while todo:
            for inc in includes.get(todo.pop(), ()):
                name = _basename(inc.strip('"<>'))
                if name not in seen:
                    seen.add(name)
                    todo += by_name.get(name, [])
        out[f] = seen
    return out


def _basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _types(cb: Codebase, facts: list[FileFacts], deps: Deps) -> None:
    for f in facts:
        for ctype, uses in f.types:
            old = cb.types.get(ctype.name)
            if old is None or (not old.complete and ctype.complete):
                cb.types[ctype.name] = ctype
                deps.types[ctype.name] = uses
            elif ctype.complete and " ".join(old.source.split()) != " ".join(ctype.source.split()):
                cb.diagnostics.append(Diagnostic(f.file, ctype.line, f"{ctype.name} is defined differently "
                                                 f"in {old.file}:{old.line}; using that definition", "note"))
    for ctype in cb.types.values():
        for name, _ in ctype.enumerators:
            deps.enumerators.setdefault(name, ctype.name)
    for name, ctype in cb.types.items():
        uses = deps.types[name]
        found = deps.type_refs(uses, cb) - {name} - set(uses.decls if ctype.kind == "typedef" else ())
        ctype.depends_on = sorted(found)


def _globals(cb: Codebase, facts: list[FileFacts], deps: Deps, names: Names) -> Names:
    """Globals keyed by name, or "file:name" for statics of several files sharing a name."""
    by_name: dict[str, list[CGlobal]] = {}
    uses_of: dict[int, Uses] = {}
    for f in facts:
        for g, uses in f.globals:
            by_name.setdefault(g.name, []).append(g)
            uses_of[id(g)] = uses
    for name, gs in sorted(by_name.items()):
        defs = [g for g in gs if not g.is_extern] or gs[:1]
        shared = len({g.file for g in defs if g.is_static}) + any(not g.is_static for g in defs) > 1
        for g in defs:
            key = f"{g.file}:{name}" if g.is_static and shared else name
            if key not in cb.globals:
                cb.globals[key] = g
                deps.globals[key] = uses_of[id(g)]
                names.add(name, g.file, key, g.is_static)
    return names


def _functions(cb: Codebase, facts: list[FileFacts],
               names: Names) -> tuple[Names, list[tuple[CFunction, Uses]]]:
    """Give every definition its id; of several definitions in one file (#ifdef/#else), keep one."""
    defined = {d.split("=", 1)[0] for d in cb.config.defines} | set(cb.macros)
    kept: list[tuple[CFunction, Uses]] = []
    for f in facts:
        by_name: dict[str, list[tuple[CFunction, Uses]]] = {}
        for fn, uses in f.functions:
            by_name.setdefault(fn.name, []).append((fn, uses))
        for fn, uses in f.functions:
            defs = by_name[fn.name]
            if len(defs) == 1:
                kept.append((fn, uses))
            elif fn is defs[0][0]:
                kept.append(_pick_branch(cb, f, defs, defined))
    kept.sort(key=lambda p: (p[0].file, p[0].start_line))
    count: dict[str, int] = {}
    for fn, _ in kept:
        count[fn.name] = count.get(fn.name, 0) + 1
    external_file: dict[str, str] = {}
    for fn, _ in kept:
        if count[fn.name] > 1 and (fn.is_static or fn.name in names.external):
            fn.id = f"{fn.file}:{fn.name}"
            if not fn.is_static:
                cb.diagnostics.append(Diagnostic(fn.file, fn.start_line, f"'{fn.name}' is also defined in "
                                                 f"{external_file[fn.name]}; both are external", "warning"))
        names.add(fn.name, fn.file, fn.id, fn.is_static)
        if not fn.is_static:
            external_file.setdefault(fn.name, fn.file)
    for fn, _ in sorted(kept, key=lambda p: p[0].id):
        cb.functions[fn.id] = fn
    return names, kept


def _pick_branch(cb: Codebase, f: FileFacts, defs: list[tuple[CFunction, Uses]],
                 defined: set[str]) -> tuple[CFunction, Uses]:
    """The definition whose #ifdef conditions hold (configured defines and SRC's own #defines count as
    defined), else the first; the others are noted as left out."""
    def holds(fn: CFunction) -> bool:
        return all((name in defined) == want for name, want in f.conditions.get((fn.name, fn.start_line), ()))
    chosen = next((d for d in defs if holds(d[0])), defs[0])
    for fn, _ in defs:
        if fn is not chosen[0]:
            cb.diagnostics.append(Diagnostic(
                f.file, fn.start_line, f"'{fn.name}' is defined again in another preprocessor branch; using "
                f"line {chosen[0].start_line}", "note"))
    return chosen


def _resolve(cb: Codebase, deps: Deps, fnames: Names, gnames: Names, fn: CFunction, uses: Uses) -> None:
    """Fill callees, external calls, indirect calls and direct uses of one function."""
    callees, externals, globs, macros, types = set(), set(), set(), set(), set()
    fn.indirect_calls = uses.indirect
    for name in uses.calls:
        target = fnames.resolve(name, fn.file) if name not in uses.decls else None
        if target is not None:
            callees.add(target)
        elif name in cb.macros:
            macros.add(name)
        elif name in uses.decls or gnames.resolve(name, fn.file) is not None:
            fn.indirect_calls = True  # a function pointer variable, parameter or global
            if name not in uses.decls:
                globs.add(gnames.resolve(name, fn.file))
        else:
            externals.add(name)
    for name in uses.parens:
        if name in cb.types:
            types.add(name)  # a cast, `(u8)(x)`
        elif name in uses.decls or fnames.resolve(name, fn.file) is None:
            fn.indirect_calls = True  # `(fp)(x)`: called through a pointer
    for name in uses.values - uses.decls:
        target = fnames.resolve(name, fn.file)
        key = gnames.resolve(name, fn.file) if target is None else None
        if target is not None:
            cb.functions[target].address_taken = True
        elif key is not None:
            globs.add(key)
        elif name in cb.macros:
            macros.add(name)
    # A name the body declares and a global also bears: a local of an inner block hides the global only there
    # (`if (k) { struct s g; } g.a++;`), so the function may use the global too: the stricter reading
    globs |= {key for name in uses.values & uses.decls
              if fnames.resolve(name, fn.file) is None and (key := gnames.resolve(name, fn.file)) is not None}
    types |= deps.type_refs(uses, cb)
    macros |= {n for n in uses.types if n in cb.macros}
    callees |= _through_macros(cb, deps, fnames, fn.file, macros)
    fn.callees, fn.external_calls = sorted(callees), sorted(externals)
    fn.globals_used, fn.macros_used, fn.types_used = sorted(globs), sorted(macros), sorted(types)


def _through_macros(cb: Codebase, deps: Deps, fnames: Names, file: str, macros: set[str]) -> set[str]:
    """Functions of SRC that the expansion of `macros` calls (`ilog2(n)` -> `__ilog2_u32`); marks the
    ones it names without calling as address-taken."""
    callees = set()
    for m in deps.macro_closure(macros):
        for name in deps.macros[m].calls:
            target = fnames.resolve(name, file)
            if target is not None:
                callees.add(target)
        for name in deps.macros[m].values:
            target = fnames.resolve(name, file)
            if target is not None:
                cb.functions[target].address_taken = True
    return callees


def _prototypes(cb: Codebase, facts: list[FileFacts], fnames: Names) -> None:
    """Link each declaration to the definition it declares; undefined ones go to Codebase.prototypes."""
    for f in facts:
        for p in f.prototypes:
            target = fnames.resolve(p.name, f.file)
            if target is not None:
                cb.functions[target].prototypes.append(f"{p.file}:{p.start_line}")
            elif p.name not in cb.prototypes:
                cb.prototypes[p.name] = p
    for fn in cb.functions.values():
        fn.prototypes.sort()
