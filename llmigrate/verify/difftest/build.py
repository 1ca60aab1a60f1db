"""Building the harness executables: SRC's C with trapping UB checks (every input runs there), the same C
under ASan and the UB sanitizers (a sample of the inputs and every one in dispute, see driver.evaluate), and
the crate.

Each file's functions are called from a unit of their own (see unit.py): on the C side the unit includes the
file, on the Rust side its declaration view; static functions reach the crate through the test-only exports
(exports.py). A function whose call does not compile or that the crate does not export is dropped with the
reason, and the harness is rebuilt without it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from llmigrate.core import Codebase
from llmigrate.verify.build import (
    RUST_NATIVE_LIBS,
    BuildError,
    build_staticlib,
    c_flags,
    compile_c,
    compile_object_sets,
    compiler_identity,
    header_digest,
    library_sources,
    ub_flags,
)
from llmigrate.verify.difftest.callbacks import PREFIX as CALLBACK
from llmigrate.verify.difftest.exports import build_exports, test_symbol
from llmigrate.verify.difftest.harness import SIDE_SOURCE, Entry, main_source, table_source, unit_source
from llmigrate.verify.difftest.objcache import cached_object
from llmigrate.verify.difftest.sanitize import INIT_SIDES, c_sanitizers, fills_locals
from llmigrate.verify.difftest.types import FuncPlan
from llmigrate.verify.difftest.unit import (
    HARNESS_PREFIX,
    FileUnit,
    c_string,
    declaration_view,
    file_units,
    unit_definitions,
)

_UNDEFINED = re.compile(r"undefined reference to `([^']+)'")
_TWICE = re.compile(r"multiple definition of `([^']+)'")
_SYSTEM_LIBS = ["-lm", "-lpthread", "-ldl"]
# C's and Rust's allocations go through the driver's wrappers, which note failures caused by the memory limit
# and which blocks are alive (how far a pointer may be followed).
_WRAP = ["-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=posix_memalign,--wrap=aligned_alloc,"
         "--wrap=free,--wrap=strdup,--wrap=strndup"]
# The C side ends an input that exits, aborts or fails an assert without ending the process; the Rust side one
# that exits (an exit status is compared; after an abort the input is skipped).
_C_WRAP = ["-Wl,--wrap=exit,--wrap=abort,--wrap=__assert_fail"]
_RUST_WRAP = ["-Wl,--wrap=exit"]
T = TypeVar("T")


@dataclass
class Harness:
    dir: Path
    c_exe: Path  # SRC's C with trapping UB checks: cheap per input, every input runs here
    rust_exe: Path
    index: dict[str, int]  # function id -> entry of the harness table
    ubsan: bool  # False: the C compiler cannot check for UB, so C's UB is not told apart from a difference
    untested: dict[str, str] = field(default_factory=dict)  # function id -> why it left the harness
    src: Path = Path(".")  # SRC, to name the places of the C's undefined behaviour
    # The C under ASan and the UB sanitizers in reporting mode (None when the compiler has no ASan): names
    # what the C did, and where, on the inputs it is asked about.
    c_asan_exe: Path | None = None
    # The C with its automatic variables filled with zeros, then with a pattern (built only when asked for):
    # run on the inputs still in dispute, see dispute.ask_uninit.
    c_init_exes: tuple[Path, Path] | None = None


def harness_dir(out: Path) -> Path:
    """Where OUT's differential-test harness is built and run."""
    return Path(out) / ".llmigrate" / "verify" / "difftest"


def build_harness(src: Path, out: Path, codebase: Codebase, plans: dict[str, FuncPlan],
                  crate_codebase: Codebase | None = None,
                  staticlib: Callable[[], Path] | None = None, fill_locals: bool = False,
                  tested: Collection[str] | None = None) -> Harness:
    """Compile and link both sides for `plans`; raises BuildError when nothing can be built.

    `crate_codebase` is the analysis the crate's signatures came from (default `codebase`): `codebase` may
    know more types (headers outside SRC), which can prove a pointer a reference the crate keeps raw.
    `staticlib` gives the crate's staticlib (default: cargo builds it now); only the Rust side waits for it,
    so the C sides compile while another thread builds it. `fill_locals` builds the C twice more, its locals
    filled with zeros and with a pattern (c_init_exes). `tested`: the functions this harness is built to run
    (default all); see _held."""
    config = codebase.config
    work = harness_dir(out)
    work.mkdir(parents=True, exist_ok=True)
    cc = config.compiler
    sanitizers = c_sanitizers(cc)
    flags = [*c_flags(src, config), "-Wno-error"]
    units = file_units(codebase, list(plans))
    own = {u.file for u in units}  # compiled into the C side's harness units instead of on their own
    lib = [p for p in library_sources(src, config, codebase) if p.relative_to(src).as_posix() not in own]
    c_sides = {"c": ub_flags(cc), **({"casan": sanitizers.flags} if sanitizers.asan else {})}
    fill_locals = fill_locals and fills_locals(cc)
    if fill_locals:
        c_sides.update({side: [*ub_flags(cc), flag] for side, flag in INIT_SIDES.items()})
    main_c, side_c = work / "difftest_main.c", work / "difftest_side.c"
    main_c.write_text(main_source())
    side_c.write_text(SIDE_SOURCE)
    h = Harness(work, work / "harness_c", work / "harness_rust", {}, sanitizers.detects, src=src,
                c_asan_exe=work / "harness_c_asan" if sanitizers.asan else None,
                c_init_exes=tuple(work / f"harness_{side}" for side in INIT_SIDES) if fill_locals else None)
    # Objects cached by content (the driver's too), compiled beside the rest: only the links need them.
    cobj = out / ".llmigrate" / "verify"
    sets = [(lib, [*flags, "-O1", *_debug(side, "-g"), *san], cobj / f"cobj-{side}")
            for side, san in c_sides.items()]
    sets.append(([main_c, side_c], ["-O2"], cobj / "cobj-main"))  # one driver; the C sides' marker
    with ThreadPoolExecutor(max_workers=1) as beside:
        objects = beside.submit(compile_object_sets, sets, cc, config.jobs)
        try:
            rust_lib = _rust_library(out, crate_codebase or codebase, plans, work,
                                     (staticlib or functools.partial(build_staticlib, out))(), h.untested)
        except BuildError:
            objects.result()  # the library's error first, as when it was compiled first
            raise
        ctx = _Context(work, src, flags, c_sides, cc, codebase, plans, config.jobs,
                       tested=None if tested is None else set(tested))
        return _assemble(ctx, units, h, objects, rust_lib)


def _debug(side: str, flag: str) -> list[str]:
    """Debug information for the C side under ASan only: its reports name places in SRC through it
    (sanitize.resolve), while the trapping sides report nothing but a trap; -g does not change the code GCC
    generates, and costs those sides' compiles a fifth of their time."""
    return [flag] if side == "casan" else []


def rebuilt_plans(built: dict[str, FuncPlan], plans: dict[str, FuncPlan]) -> dict[str, FuncPlan]:
    """The plans a later harness (a rerun of some functions) is built for: every function the first one held
    (`built`, in its order), those rerun with their new plans, then any new function. Each function keeps its
    table entry and each file its unit's text, so the units of files with nothing rerun are the cached objects
    of the first build, where a harness of the rerun functions alone compiled those files once more as
    library objects; the functions not rerun are built in, not tested."""
    return {**{fid: plans.get(fid, plan) for fid, plan in built.items()}, **plans}


def _assemble(ctx: _Context, units: list[FileUnit], h: Harness, objects: Future, rust_lib: Path) -> Harness:
    """The harness units compiled and the executables linked, again without the functions that do not
    build, until they all do; `objects` are the library's and the drivers' objects, per C side and driver."""
    plans, codebase, cc, c_sides = ctx.plans, ctx.codebase, ctx.cc, ctx.c_sides
    while True:
        keep = [fid for fid in plans if fid not in h.untested]
        h.index = {fid: i for i, fid in enumerate(keep)}
        dropped = len(h.untested)
        try:
            c_objs, r_objs = _unit_objects(ctx, units, h)
        except BuildError:
            objects.result()  # the library's error first, as when it was compiled first
            raise
        if len(h.untested) != dropped:
            continue  # a unit dropped functions that do not compile: number the rest again
        *lib_objs, (main_o, side_o) = objects.result()
        objs = dict(zip(c_sides, lib_objs, strict=True))
        entries = [Entry(i, plans[fid], "") for fid, i in h.index.items()]
        held = {fid for unit in units for fid in _held(ctx, unit, h)}
        absent = frozenset(i for fid, i in h.index.items() if fid not in held)
        table = _compile_cached(ctx, "table", table_source(entries, absent), [], [])
        # The links at once; a C side's failure is raised (in this order), the Rust side's handled.
        inits = zip(INIT_SIDES, h.c_init_exes or (None, None), strict=True)
        links = [functools.partial(_link, cc, [main_o, side_o, table, *c_objs[side], *objs[side]], exe,
                                   [*c_sides[side], *_C_WRAP, *_SYSTEM_LIBS], strip=False)
                 for side, exe in (("c", h.c_exe), ("casan", h.c_asan_exe), *inits)
                 if exe is not None]  # not stripped: reports name places in SRC from its debug information
        links.append(functools.partial(_outcome, functools.partial(
            _link, cc, [main_o, table, *r_objs, rust_lib], h.rust_exe,
            ["-Wl,--gc-sections", *_RUST_WRAP, *RUST_NATIVE_LIBS])))
        _, e = _in_parallel(*links)[-1]
        if e is None:
            return h
        twice = set(_TWICE.findall(str(e))) - ctx.shadow
        if twice:  # a global the view still defines (its text was not found): the crate's is the one
            ctx.shadow |= twice
        elif not _blame_missing(str(e), keep, plans, codebase, h.untested):
            raise e


@dataclass
class _Context:
    work: Path
    src: Path
    flags: list[str]
    c_sides: dict[str, list[str]]  # C side ("c": trapping UB checks, "casan": ASan) -> its sanitizer flags
    cc: str
    codebase: Codebase
    plans: dict[str, FuncPlan]
    jobs: int = 2  # compilers at once
    shadow: set[str] = field(default_factory=set)  # globals the Rust side's views must not define
    tested: set[str] | None = None  # the functions the harness is built to run; None: all


def _held(ctx: _Context, unit: FileUnit, h: Harness) -> list[str]:
    """The functions whose calls a file's units hold. A rerun's harness (`tested`: the rerun functions) runs
    only its own: a file with rerun functions holds their calls alone (the calls are most of a unit's
    compile); a file without keeps every call, so that its units are the first build's cached objects."""
    fids = [f for f in unit.fids if f in h.index and f not in h.untested]
    ours = [f for f in fids if ctx.tested is not None and f in ctx.tested]
    return ours or fids


def _rust_library(out: Path, codebase: Codebase, plans: dict, work: Path, staticlib: Path,
                  untested: dict[str, str]) -> Path:
    """The crate's staticlib, or the wrapper exporting its static functions too (see exports)."""
    statics = [fid for fid in plans if codebase.functions[fid].is_static]
    if not statics:
        return staticlib
    try:
        archive, failed = build_exports(out, codebase, statics, work)
    except BuildError as e:
        failed, archive = {fid: _first(e) for fid in statics}, staticlib
    for fid, why in failed.items():
        untested[fid] = f"static, and the test-only export of its Rust side did not build: {why}"
    return archive


def _first(e: BuildError) -> str:
    text = str(e).strip()
    return next((ln for ln in text.splitlines() if "error" in ln), text.splitlines()[0] if text else "")


def _blame_missing(errors: str, keep: list[str], plans: dict, codebase: Codebase,
                   untested: dict[str, str]) -> bool:
    """Functions whose symbols (their own or those they are passed) the Rust side lacks; False if none."""
    missing = set(_UNDEFINED.findall(errors))
    blamed = False
    for fid in keep:
        fn = codebase.functions[fid]
        own = test_symbol(codebase, fid) if fn.is_static else fn.name
        needs = [own, *(c.rsplit(":", 1)[-1] for a in plans[fid].args for c in a.candidates
                        if not c.startswith(CALLBACK)),
                 *(m.name for a in plans[fid].args for m in a.makers), *plans[fid].setup]
        lacking = [n for n in needs if n in missing]
        if lacking:
            untested[fid] = f"the crate does not export {', '.join(lacking)}"
            blamed = True
    return blamed


def _unit_objects(ctx: _Context, units: list[FileUnit], h: Harness) -> tuple[dict[str, list[Path]],
                                                                            list[Path]]:
    """Each side's harness unit of each file, compiled (the C sides by name); functions that do not compile
    go to h.untested."""
    c_objs: dict[str, list[Path]] = {side: [] for side in ctx.c_sides}
    r_objs: list[Path] = []
    todo = []
    for k, unit in enumerate(units):
        fids = _held(ctx, unit, h)
        calls: list[Callable] = [functools.partial(_side_unit, ctx, k, unit, fids, h.index, rust=False,
                                                   c_side=side) for side in ctx.c_sides]
        if fids:  # the C side needs the file's definitions in any case, the Rust side only calls
            calls.append(functools.partial(_rust_unit, ctx, k, unit, fids, h.index))
        todo.append((k, unit, fids, calls))
    # Every unit's compilers at once (`jobs` of them); the results are then taken in order, as one at a time.
    done = iter(_in_parallel(*(functools.partial(_outcome, call) for *_, calls in todo for call in calls),
                             workers=ctx.jobs))
    for k, unit, fids, calls in todo:
        try:
            objs = _results([next(done) for _ in calls])
            for side, obj in zip(ctx.c_sides, objs, strict=False):
                c_objs[side].append(obj)
            if fids:
                obj, shadowed = objs[-1]
                r_objs.append(obj)
        except BuildError as e:
            if not fids:
                raise
            h.untested.update(_culprits(ctx, k, unit, fids, e))
            return c_objs, r_objs
        for fid in fids:
            if ctx.codebase.functions[fid].name in shadowed:
                h.untested[fid] = (f"{unit.file} defines it through a macro, so the Rust side's view of the "
                                   "file cannot leave its C definition out")
    return c_objs, r_objs


def _in_parallel(*calls: Callable[[], T], workers: int = 2) -> list[T]:
    """The results of `calls`, run `workers` at a time (compilers: the machine's cores, not Python's); every
    call ends before the first exception, in call order, is raised, so the outcome is the sequential one's."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(call) for call in calls]
    return [f.result() for f in futures]


def _outcome(call: Callable[[], T]) -> tuple[T | None, BuildError | None]:
    """The call's result, or the BuildError it raised."""
    try:
        return call(), None
    except BuildError as e:
        return None, e


def _results(outcomes: list[tuple[T | None, BuildError | None]]) -> list[T | None]:
    """The results of `_outcome`s, or the first BuildError among them raised."""
    for _, error in outcomes:
        if error is not None:
            raise error
    return [result for result, _ in outcomes]


def _rust_unit(ctx: _Context, k: int, unit: FileUnit, fids: list[str], index: dict[str, int]):
    """The Rust side's unit and the functions its view still defines (bodies made by macros), renamed out of
    the way so the crate's definitions are the ones linked; the harness must not call those."""
    shadow = [f"-D{n}={HARNESS_PREFIX}shadow_{n}" for n in sorted(ctx.shadow)]
    obj = _side_unit(ctx, k, unit, fids, index, rust=True, extra=shadow)
    kept = unit_definitions(obj)
    if kept:
        obj = _side_unit(ctx, k, unit, fids, index, rust=True,
                         extra=[*shadow, *(f"-D{n}={HARNESS_PREFIX}shadow_{n}" for n in kept)])
    return obj, set(kept)


def _entries(ctx: _Context, fids: list[str], index: dict[str, int], rust: bool) -> list[Entry]:
    out = []
    for fid in fids:
        fn = ctx.codebase.functions[fid]
        static = rust and fn.is_static
        out.append(Entry(index.get(fid, 0), ctx.plans[fid],
                         test_symbol(ctx.codebase, fid) if static else fn.name, declare=static))
    return out


def _side_unit(ctx: _Context, k: int, unit: FileUnit, fids: list[str], index: dict[str, int], rust: bool,
               syntax_only: bool = False, extra: list[str] | None = None, c_side: str = "c") -> Path:
    """One side's harness unit for one file: the file (C) or its declaration view (Rust), then the calls."""
    path = (ctx.src / unit.file).resolve()
    if rust:
        head = ctx.work / f"view_{k}.c"
        head.write_text(declaration_view(ctx.codebase, unit.file), encoding="utf-8")
    else:
        head = path
    passed = sorted({c.rsplit(":", 1)[-1] for f in fids for a in ctx.plans[f].args for c in a.candidates
                     if not c.startswith(CALLBACK)})
    text = unit_source(f"#include {c_string(str(head))}", _entries(ctx, fids, index, rust), passed)
    # Rust side: every function in a section of its own, so that the linker drops the view's dead code.
    # C side: DWARF 4, whose line tables addr2line maps to the included file (with 5 it names the unit).
    flags = [f"-I{path.parent}", "-O1", "-fcommon", "-Wno-unused-function", *(extra or []),
             *(["-ffunction-sections", "-fdata-sections"] if rust else [*_debug(c_side, "-gdwarf-4"),
                                                                         *ctx.c_sides[c_side]])]
    name = f"unit_{k}_{'rust' if rust else c_side}{'_probe' if syntax_only else ''}"
    return _compile_cached(ctx, name, text, flags, [path], syntax_only)


def _culprits(ctx: _Context, k: int, unit: FileUnit, fids: list[str], e: BuildError) -> dict[str, str]:
    """Which functions of a unit that failed to build are to blame (each compiled alone), with the error."""
    bad = {}
    for fid in fids:
        for rust in (False, True):
            try:
                _side_unit(ctx, k, unit, [fid], {fid: 0}, rust, syntax_only=True)
            except BuildError as one:
                bad[fid] = f"the test harness cannot call it from C: {_first(one).strip()}"
                break
    if not bad:  # the file itself, not a call: every function of it
        bad = {fid: f"the test harness cannot build {unit.file}: {_first(e).strip()}" for fid in fids}
    return bad


def _compile_cached(ctx: _Context, name: str, text: str, extra: list[str], inputs: list[Path],
                    syntax_only: bool = False) -> Path:
    c_path = ctx.work / f"{name}.c"
    c_path.write_text(text)
    args = [*ctx.flags, *extra]
    if syntax_only:
        compile_c(ctx.cc, [*args, "-fsyntax-only", str(c_path)], c_path.name)
        return c_path
    digest = header_digest(inputs, args) + "".join(p.read_text(errors="replace") for p in inputs) + \
        compiler_identity(ctx.cc)
    key = hashlib.sha256((text + "\0".join(args) + digest).encode()).hexdigest()
    return cached_object(ctx.work, name, key, lambda obj: compile_c(
        ctx.cc, [*args, "-c", str(c_path), "-o", str(obj)], c_path.name))


def _link(cc: str, objs: list[Path], exe: Path, libs: list[str], strip: bool = True) -> None:
    # Stripped: a Rust panic inside extern "C" prints a forced backtrace, and symbolising it from debug
    # info costs ~70 ms per panicking input; panic messages carry their source location without it.
    compile_c(cc, [*map(str, objs), *(["-s"] if strip else []), *_WRAP, "-o", str(exe), *libs], exe.name)
