"""The C side's undefined-behaviour detectors, and their reports turned into findings about the C.

Where the compiler has AddressSanitizer, the C side is built with ASan and the UB sanitizers in reporting mode
(`-fno-sanitize-recover`: the first report ends the input): an out-of-bounds heap access, a use after free or
an overflowing shift is then C undefined behaviour on that input, named with its place in SRC, rather than a
crash or a difference blamed on the Rust. Without ASan the trapping UB checks of verify.build are used (no
place, no memory errors). Reports are printed unsymbolised (cheap per input) and their program counters are
resolved once per run with addr2line.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.verify import sandbox
from llmigrate.verify.build import UB_SANITIZERS, ub_flags

EXIT_REPORT = 86  # the sanitizers' exit status after a report, told apart from the program's own
# A crash stays a signal (the C crashed: not UB it names); no leak checks, allocation stacks or legend (cost).
# Wide redzones: an index well past a block lands in them rather than in the next block (where it would
# change another argument's data unseen, and show up as a difference).
_ASAN_OPTIONS = (f"exitcode={EXIT_REPORT}:detect_leaks=0:allocator_may_return_null=1:symbolize=0:"
                 "malloc_context_size=0:quarantine_size_mb=16:print_legend=0:handle_segv=0:handle_sigbus=0:"
                 "handle_abort=0:handle_sigfpe=0:handle_sigill=0:halt_on_error=1:redzone=2048")
_UBSAN_OPTIONS = f"exitcode={EXIT_REPORT}:print_stacktrace=0:halt_on_error=1:symbolize=0"
ENV = {"ASAN_OPTIONS": _ASAN_OPTIONS, "UBSAN_OPTIONS": _UBSAN_OPTIONS}
_UBSAN = re.compile(r"^(.+?):(\d+):\d+: runtime error: (.+)$", re.MULTILINE)
_ASAN = re.compile(r"ERROR: AddressSanitizer: ([\w-]+)(?: on address)?")
_ACCESS = re.compile(r"^(READ|WRITE) of size (\d+)", re.MULTILINE)
_FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+\s+\((.+?)\+(0x[0-9a-f]+)\)", re.MULTILINE)
_cache: dict[str, Sanitizers] = {}
_probing = threading.Lock()
_init_cache: dict[str, bool] = {}
# The C side built twice more for inputs still in dispute: automatic variables filled with zeros, and with a
# pattern. A result that changes between the two reads what the C never initialised (dispute.ask_uninit).
INIT_SIDES = {"czero": "-ftrivial-auto-var-init=zero", "cpattern": "-ftrivial-auto-var-init=pattern"}


@dataclass
class Sanitizers:
    """How the C side is built and run to tell its undefined behaviour apart."""

    flags: list[str]  # compile and link flags of the C side
    asan: bool
    env: dict[str, str] = field(default_factory=dict)

    @property
    def detects(self) -> bool:
        return bool(self.flags)


def c_sanitizers(compiler: str) -> Sanitizers:
    """ASan with reporting UB checks where the compiler supports them, else the trapping UB checks alone."""
    with _probing:  # probed once, whichever thread asks first; the others wait for its answer
        if compiler not in _cache:
            _cache[compiler] = _probe(compiler)
    return _cache[compiler]


def _probe(compiler: str) -> Sanitizers:
    trap = ub_flags(compiler)
    checks = UB_SANITIZERS + (",builtin" if any(",builtin" in f for f in trap) else "")
    flags = [f"-fsanitize=address,{checks}", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"]
    if trap and _asan_probe(compiler, flags):
        return Sanitizers(flags, True, dict(ENV))
    return Sanitizers(trap, False)


_PROBE = ("#include <stdlib.h>\nint main(int argc, char **argv) { int *p = calloc(2, sizeof *p);\n"
          "  (void)argv; p[argc] = 1; free(p); return 0; }\n")


def _asan_probe(compiler: str, flags: list[str]) -> bool:
    """A heap write one past a calloc'd block must be reported, a write inside it not."""
    with tempfile.TemporaryDirectory() as d:
        exe = Path(d) / "probe"
        (Path(d) / "probe.c").write_text(_PROBE)
        # A probe of the toolchain, not code under test: it runs like the compiler, outside the sandbox.
        if sandbox.spawn([compiler, *flags, f"{d}/probe.c", "-o", str(exe)], timeout=120).rc:
            return False
        inside, past = (sandbox.spawn([str(exe), *args], env={**ENV, "PATH": "/usr/bin:/bin"}, timeout=30)
                        for args in ([], ["x"]))
        return inside.rc == 0 and past.rc == EXIT_REPORT and "heap-buffer-overflow" in past.stderr


def fills_locals(compiler: str) -> bool:
    """Whether the compiler can fill uninitialised automatic variables (GCC 12, Clang 8 and later)."""
    if compiler not in _init_cache:
        with tempfile.TemporaryDirectory() as d:
            (Path(d) / "probe.c").write_text("int f(int c) { int x; if (c) x = 1; return x; }\n")
            _init_cache[compiler] = all(
                sandbox.spawn([compiler, flag, "-c", f"{d}/probe.c", "-o", f"{d}/probe.o"],
                              timeout=120).rc == 0 for flag in INIT_SIDES.values())
    return _init_cache[compiler]


@dataclass
class Report:
    """One sanitizer report: what the C did, and where (a program counter until resolved)."""

    what: str
    where: str = ""  # "file:line" in SRC
    pc: tuple[str, str] | None = None  # (module, offset) of the first frame in the executable

    def text(self) -> str:
        return f"{self.what} at {self.where}" if self.where else self.what


def parse_report(stderr: str, exe: Path) -> Report | None:
    """The report a sanitized C run printed, if any."""
    m = _UBSAN.search(stderr)
    if m:
        return Report(m.group(3).strip(), f"{m.group(1)}:{m.group(2)}")
    m = _ASAN.search(stderr)
    if not m:
        return None
    access = _ACCESS.search(stderr)
    report = Report(_describe(m.group(1), *(access.groups() if access else ("", ""))))
    for module, offset in _FRAME.findall(stderr):
        if Path(module).name == exe.name:
            report.pc = (module, offset)
            break
    return report


_KINDS = {"heap-buffer-overflow": "past a heap buffer", "stack-buffer-overflow": "past a stack buffer",
          "global-buffer-overflow": "past a global", "heap-use-after-free": "freed heap memory",
          "stack-use-after-scope": "a local out of scope", "stack-buffer-underflow": "before a stack buffer",
          "use-after-poison": "outside an argument's storage"}  # the harness marks what lies before it


def _describe(kind: str, access: str, size: str) -> str:
    if kind in _KINDS and access:
        verb = "reads" if access == "READ" else "writes"
        return f"{verb} {size} byte{'s' if size != '1' else ''} {_KINDS[kind]}"
    return {"double-free": "frees memory twice",
            "attempting": "frees memory malloc did not return"}.get(kind, kind.replace("-", " "))


def resolve(reports: list[Report], src: Path) -> None:
    """Fill in `where` of reports (one addr2line run per executable for program counters), relative to SRC."""
    by_module: dict[str, list[Report]] = {}
    for r in reports:
        if r.pc and not r.where:
            by_module.setdefault(r.pc[0], []).append(r)
        elif r.where:
            r.where = relative_place(r.where, src) or r.where
    for module, rs in by_module.items():
        offsets = sorted({r.pc[1] for r in rs if r.pc})
        places = _addr2line(module, offsets)
        for r in rs:
            r.where = relative_place(places.get(r.pc[1], ""), src) if r.pc else ""


def _addr2line(module: str, offsets: list[str]) -> dict[str, str]:
    """offset -> "file:line" of the innermost function there (the C function, when inlined into the call)."""
    try:
        run = subprocess.run(["addr2line", "-i", "-a", "-e", module, *offsets], capture_output=True,
                             text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    places: dict[str, str] = {}
    current = None
    for line in run.stdout.splitlines():
        if line.startswith("0x"):
            current = next((o for o in offsets if int(o, 16) == int(line, 16)), None)
        elif current is not None and current not in places:
            places[current] = line
    return places


def relative_place(place: str, src: Path) -> str:
    """`/abs/src/dir/x.c:12 (discriminator 3)` -> `dir/x.c:12`; unknown places -> ""."""
    place = place.split(" (", 1)[0].strip()
    if not place or place.startswith("??"):
        return ""
    path, _, line = place.rpartition(":")
    try:
        path = Path(path).resolve().relative_to(src.resolve()).as_posix()
    except ValueError:
        path = Path(path).name
    return f"{path}:{line}"
