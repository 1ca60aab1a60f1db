"""Building the two harness executables: one with SRC's C objects (UB-sanitized), one with the staticlib.

A function whose call does not compile in the harness (its types live only in a .c file, say) or that the
crate does not export is dropped with the reason, and the harness is rebuilt without it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.core import CFunction, Codebase
from llmigrate.verify.build import (
    RUST_NATIVE_LIBS,
    BuildError,
    build_staticlib,
    c_flags,
    compile_c,
    compile_objects,
    header_digest,
    library_sources,
    ub_flags,
)
from llmigrate.verify.difftest.harness import calls_source, includes_of, main_source
from llmigrate.verify.difftest.types import FuncPlan

_UNDEFINED = re.compile(r"undefined reference to `([^']+)'")
_SYSTEM_LIBS = ["-lm", "-lpthread", "-ldl"]
# C's and Rust's allocations go through the driver's wrappers, which note failures caused by the memory limit.
_WRAP = ["-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=posix_memalign,--wrap=aligned_alloc"]


@dataclass
class Harness:
    dir: Path
    c_exe: Path
    rust_exe: Path
    index: dict[str, int]  # function id -> entry of the harness table
    ubsan: bool  # False: the C compiler cannot check for UB, so C's UB is not told apart from a difference
    untested: dict[str, str] = field(default_factory=dict)  # function id -> why it left the harness


def build_harness(src: Path, out: Path, codebase: Codebase, plans: dict[str, FuncPlan]) -> Harness:
    """Compile and link both sides for `plans`; raises BuildError when nothing can be built."""
    config = codebase.config
    work = out / ".llmigrate" / "verify" / "difftest"
    work.mkdir(parents=True, exist_ok=True)
    cc = config.compiler
    san = ub_flags(cc)
    ubsan = bool(san)
    flags = c_flags(src, config)
    objs = compile_objects(library_sources(src, config, codebase), [*flags, "-O1", "-g", *san],
                           out / ".llmigrate" / "verify" / "cobj-ub", cc)
    staticlib = build_staticlib(out)
    main_c = work / "difftest_main.c"
    main_c.write_text(main_source())
    compile_c(cc, ["-O2", "-c", str(main_c), "-o", str(work / "main.o")], "difftest_main.c")
    fns = dict(codebase.functions)  # the functions under test, and those passed as function pointers
    untested = _drop_uncompilable(work, src, flags, cc, plans, fns)
    h = Harness(work, work / "harness_c", work / "harness_rust", {}, ubsan, untested)
    while True:
        keep = [fid for fid in plans if fid not in h.untested]
        h.index = {fid: i for i, fid in enumerate(keep)}
        calls_o = _compile_calls(work, src, flags, cc, [(plans[f], fns[f]) for f in keep], fns, "calls")
        _link(cc, [work / "main.o", calls_o, *objs], h.c_exe, _SYSTEM_LIBS)
        try:
            _link(cc, [work / "main.o", calls_o, staticlib], h.rust_exe, RUST_NATIVE_LIBS)
            return h
        except BuildError as e:
            missing = set(_UNDEFINED.findall(str(e)))
            for fid in keep:
                lacking = [n for n in [fns[fid].name, *(c.rsplit(":", 1)[-1] for a in plans[fid].args
                                                         for c in a.candidates)] if n in missing]
                if lacking:
                    h.untested[fid] = f"the crate does not export {', '.join(lacking)}"
            if not set(keep) & set(h.untested):
                raise


def _includes(src: Path, fns: list[CFunction]) -> list[str]:
    seen: list[str] = []
    for fn in fns:
        for inc in includes_of(src / fn.file):
            if inc not in seen:
                seen.append(inc)
    return seen


def _dirs(src: Path, fns: list[CFunction]) -> list[str]:
    """The directories of the functions' files: their quoted includes are found there first."""
    return sorted({f"-I{(src / fn.file).parent}" for fn in fns})


def _compile_calls(work: Path, src: Path, flags: list[str], cc: str, entries: list, fns: dict,
                   name: str, syntax_only: bool = False) -> Path:
    fn_list = [fn for _, fn in entries]
    passed = sorted({c for plan, _ in entries for a in plan.args for c in a.candidates})
    text = calls_source(entries, _includes(src, fn_list), [fns[c] for c in passed if c in fns])
    c_path = work / f"{name}.c"
    c_path.write_text(text)
    if syntax_only:
        compile_c(cc, [*flags, *_dirs(src, fn_list), "-fsyntax-only", str(c_path)], c_path.name)
        return c_path
    obj, stamp = work / f"{name}.o", work / f"{name}.key"
    headers = header_digest([src / fn.file for fn in fn_list], [*flags, *_dirs(src, fn_list)])
    key = hashlib.sha256((text + "\0".join(flags) + headers).encode()).hexdigest()
    if not (obj.exists() and stamp.exists() and stamp.read_text() == key):
        # -fcommon: a global a header defines without initialiser must not clash with the library's copy.
        compile_c(cc, [*flags, *_dirs(src, fn_list), "-O1", "-fcommon", "-c", str(c_path), "-o", str(obj)],
                  c_path.name)
        stamp.write_text(key)
    return obj


def _drop_uncompilable(work: Path, src: Path, flags: list[str], cc: str, plans: dict, fns: dict) -> dict:
    """Functions whose harness call does not compile, with the compiler's first error."""
    try:
        _compile_calls(work, src, flags, cc, [(plans[f], fns[f]) for f in plans], fns, "probe", True)
        return {}
    except BuildError:
        pass
    bad = {}
    for fid in plans:  # rare: find the culprits one by one
        try:
            _compile_calls(work, src, flags, cc, [(plans[fid], fns[fid])], fns, "probe", True)
        except BuildError as e:
            first = next((ln for ln in str(e).splitlines() if "error" in ln), str(e).splitlines()[0])
            bad[fid] = f"the test harness cannot call it from C: {first.strip()}"
    return bad


def _link(cc: str, objs: list[Path], exe: Path, libs: list[str]) -> None:
    # Stripped: a Rust panic inside extern "C" prints a forced backtrace, and symbolising it from debug
    # info costs ~70 ms per panicking input; panic messages carry their source location without it.
    compile_c(cc, [*map(str, objs), "-s", *_WRAP, "-o", str(exe), *libs], exe.name)
