"""Building what verification runs: C objects of SRC (cached), the crate's staticlib, linked executables.

Compilers run with a timeout; every program under test runs through `run_limited`, in the sandbox
(sandbox.py), since test programs and generated code may crash, loop, or write where they should not.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import signal
import tempfile
import threading
import tomllib
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from llmigrate.cargo import RUST_NATIVE_LIBS, run_cargo  # noqa: F401 - RUST_NATIVE_LIBS: its home was here
from llmigrate.config import Config
from llmigrate.core import Codebase
from llmigrate.verify import sandbox
from llmigrate.verify.sandbox import Run

# C undefined behaviour the differential tests must not blame on the translation. The checks trap (SIGILL)
# instead of calling libubsan: no runtime library is needed, and a trapped input costs a third of a report.
# `builtin` (GCC 12, clang 16): __builtin_clz/ctz of 0, undefined in C, traps; older compilers use the rest.
UB_SANITIZERS = "signed-integer-overflow,shift,integer-divide-by-zero,float-cast-overflow,bounds,vla-bound," \
                "unreachable,return,alignment,null,pointer-overflow,nonnull-attribute,returns-nonnull-attribute"
UB_FLAGS = [f"-fsanitize={UB_SANITIZERS},builtin", "-fsanitize-undefined-trap-on-error"]
_UB_FLAGS_OLDER = [f"-fsanitize={UB_SANITIZERS}", "-fsanitize-undefined-trap-on-error"]
COMPILE_TIMEOUT = 120.0
# The Rust under test is optimised, so that a long loop the -O1 C finishes in time is not a Rust-only hang,
# with the checks of a debug build kept: overflow panics instead of wrapping, debug assertions (null and
# alignment checks of raw dereferences, unsafe preconditions). Set on the command line: Cargo.toml is the
# user's (and reintegrate's); release artefacts live apart from the debug ones repair builds.
VERIFY_PROFILE = ["--release", "--config", "profile.release.overflow-checks=true",
                  "--config", "profile.release.debug-assertions=true",
                  "--config", "profile.release.opt-level=2"]
_ubsan_cache: dict[str, list[str]] = {}
# What this process ran the C compiler for (its `what`: the file compiled, the executable linked), read by
# tests and benches: how many compiler runs a verification costs, and that cached objects cost none.
_runs: Counter[str] = Counter()
_runs_lock = threading.Lock()


class BuildError(Exception):
    """A compile or link step failed; the message holds the compiler's output."""


def run_limited(cmd: list[str], *, timeout: float = 30.0, env: dict | None = None,
                limits: bool = True) -> Run:
    """Run a program under test in the sandbox (`limits=False`: it sets its own CPU and memory limits)."""
    return sandbox.run(cmd, timeout=timeout, env=env, self_limited=not limits)


def _matches(rel: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatch(rel, g) for g in globs)


def test_sources(src: Path, config: Config) -> list[Path]:
    """SRC's C test programs (config.test_globs), sorted."""
    found = {p for g in config.test_globs for p in src.glob(g) if p.is_file() and p.suffix == ".c"}
    return sorted(found)


def support_sources(src: Path, config: Config) -> list[Path]:
    """The .c files compiled with every test and never part of the library (config.test_support), sorted."""
    found = {p for g in config.test_support for p in src.glob(g) if p.is_file() and p.suffix == ".c"}
    return sorted(found - set(test_sources(src, config)))


def library_sources(src: Path, config: Config, codebase: Codebase | None = None) -> list[Path]:
    """The .c files that make up the library: all of SRC's (or the analysed ones) minus tests, their support
    sources and excludes."""
    if codebase is not None and codebase.files:
        rels = codebase.c_files()
    else:
        rels = sorted(p.relative_to(src).as_posix() for p in src.rglob("*.c"))
    not_library = [*test_sources(src, config), *support_sources(src, config)]
    tests = {p.relative_to(src).as_posix() for p in not_library}
    return [src / r for r in rels if r not in tests and not _matches(r, config.exclude)]


def c_flags(src: Path, config: Config) -> list[str]:
    """Compiler flags for SRC's C: its config, plus SRC itself as an include directory."""
    return [*config.c_args(src), f"-I{src}"]


def compile_objects(files: list[Path], flags: list[str], cache: Path, compiler: str) -> list[Path]:
    """Compile each file to an object under `cache`, reusing objects whose source and flags are unchanged."""
    return compile_object_sets([(files, flags, cache)], compiler)[0]


def compile_object_sets(sets: list[tuple[list[Path], list[str], Path]], compiler: str,
                        workers: int = 2) -> list[list[Path]]:
    """compile_objects for several (files, flags, cache) sets at once: one pool of `workers` compilers over
    all their files (the default 2: the machine's cores are shared by everyone), the objects per set."""
    jobs = []
    for files, flags, cache in sets:
        cache.mkdir(parents=True, exist_ok=True)
        headers = header_digest(files, flags) + compiler_identity(compiler)
        jobs += [(path, flags, cache, headers) for path in files]

    def one(job: tuple[Path, list[str], Path, str]) -> Path:
        path, flags, cache, headers = job
        key = hashlib.sha256("\0".join([path.read_text(errors="replace"), headers, str(path), *flags])
                             .encode()).hexdigest()[:16]
        obj = cache / f"{path.stem}-{key}.o"
        if not obj.exists():
            tmp = obj.with_suffix(".tmp.o")
            compile_c(compiler, [*flags, "-c", str(path), "-o", str(tmp)], path.name)
            tmp.replace(obj)
        return obj

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        objs = iter(list(pool.map(one, jobs)))
    return [[next(objs) for _ in files] for files, _, _ in sets]


def header_digest(files: list[Path], flags: list[str]) -> str:
    """A digest of every header the files may include (their directories and the -I directories, deeply),
    so that an edited header recompiles the cached objects."""
    h = hashlib.sha256()
    roots = {f.parent.resolve() for f in files} | {Path(f[2:]).resolve() for f in flags if f.startswith("-I")}
    headers = {hdr for root in roots if root.is_dir() for hdr in root.rglob("*.h")}
    for hdr in sorted(headers):
        h.update(str(hdr).encode() + b"\0" + hdr.read_bytes())
    return h.hexdigest()


@functools.cache
def compiler_identity(compiler: str) -> str:
    """What part of a cached object's key names the compiler: its `--version` (an upgraded compiler makes
    other objects, so the cache must not hand out the old ones)."""
    try:
        run = sandbox.spawn([compiler, "--version"], timeout=COMPILE_TIMEOUT)
    except OSError:  # no such compiler: its first compile says so
        return compiler
    return f"{compiler}\0{run.rc}\0{run.stdout}"


def compiler_runs() -> Counter[str]:
    """How many times this process ran the C compiler, per file compiled or executable linked."""
    with _runs_lock:
        return Counter(_runs)


def compile_c(compiler: str, args: list[str], what: str) -> None:
    """One compiler run; a failure raises BuildError with the compiler's messages."""
    with _runs_lock:
        _runs[what] += 1
    run = sandbox.spawn([compiler, *args], timeout=COMPILE_TIMEOUT)
    if run.rc != 0:
        why = "timed out" if run.timed_out else f"failed ({run.rc})"
        raise BuildError(f"{compiler} {what}: {why}\n{run.stderr.strip()}")


def ubsan_available(compiler: str) -> bool:
    """Whether the compiler's UB checks work here: a probe with signed overflow must trap, one without not."""
    return bool(ub_flags(compiler))


def ub_flags(compiler: str) -> list[str]:
    """The trapping UB checks this compiler supports: UB_FLAGS, else those without `builtin`, else none."""
    if compiler not in _ubsan_cache:
        _ubsan_cache[compiler] = next((f for f in (UB_FLAGS, _UB_FLAGS_OLDER) if _ub_probe(compiler, f)), [])
    return _ubsan_cache[compiler]


def _ub_probe(compiler: str, flags: list[str]) -> bool:
    with tempfile.TemporaryDirectory() as d:
        c, exe = Path(d) / "probe.c", Path(d) / "probe"
        c.write_text("int main(int argc, char **argv) { int x = 0x7ffffffe; (void)argv;\n"
                     "  return x + argc < 0; }\n")
        run = sandbox.spawn([compiler, *flags, str(c), "-o", str(exe)], timeout=COMPILE_TIMEOUT)
        # Our own probe, not code under test: run directly, so its trap shows as SIGILL exactly.
        return run.rc == 0 and sandbox.spawn([str(exe)], timeout=10).rc == 0 and \
            sandbox.spawn([str(exe), "x"], timeout=10).rc == -signal.SIGILL


def crate_lib_name(out: Path) -> str:
    """The library name cargo gives the staticlib of OUT's crate (from Cargo.toml)."""
    try:
        manifest = tomllib.loads((out / "Cargo.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise BuildError(f"{out / 'Cargo.toml'}: cannot read the crate manifest: {e}") from e
    lib = manifest.get("lib", {})
    if "staticlib" not in lib.get("crate-type", []):
        raise BuildError(f"{out / 'Cargo.toml'}: [lib] crate-type has no \"staticlib\"; C cannot link it")
    return (lib.get("name") or manifest.get("package", {}).get("name", "")).replace("-", "_")


def build_staticlib(out: Path) -> Path:
    """`cargo build --offline` in VERIFY_PROFILE: optimised, with overflow checks (silent wrong arithmetic
    becomes a visible panic) and debug assertions."""
    name = crate_lib_name(out)
    result = run_cargo(out, "build", extra=["--lib", *VERIFY_PROFILE])
    if not result.ok:
        errors = "\n".join(d.rendered or d.message for d in result.errors) or result.stderr
        raise BuildError(f"cargo build in {out} failed:\n{errors.strip()}")
    lib = out / "target" / "release" / f"lib{name}.a"
    if not lib.is_file():
        raise BuildError(f"cargo build succeeded but {lib} is missing")
    return lib
