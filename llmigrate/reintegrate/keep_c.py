"""Kept in C: generated C in OUT/csrc/ with the original functions that stay C, and the build.rs compiling it.

For a C file with kept functions the generated file is the original text where every other non-static function
becomes its prototype (the Rust crate exports that symbol now), globals the Rust shared module exports under
their C name become `extern` declarations (others keep a C copy, and the report says so), static functions
stay only when a kept function needs them (it calls them, or their address is taken), and each kept function
is reachable under `c_symbol(...)`: a non-static one is renamed in place, a static one gets a forwarding
wrapper. So no symbol is defined both in C and in Rust.

A C file also gets such a unit, with no kept function, when the shared module only declares one of its globals
(an initializer the translator cannot evaluate: the C definition stays) or when the analysis could not read it
whole (a macro defines functions): what the Rust does not define still exists. The shared module's own C
(`SharedTranslation.c_code`: header static inline functions the Rust calls) is `SHARED_C`.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.analyze.confirm import PARSER_LIMIT
from llmigrate.analyze.exists import UNREAD_DEFINITION, identifier_macros
from llmigrate.config import Config
from llmigrate.core import CFunction, CGlobal, Codebase, RustSignature
from llmigrate.reintegrate.crate import c_symbol, render_template, rust_str
from llmigrate.reintegrate.kept_globals import aliased_statics, rust_owned_statics
from llmigrate.reintegrate.va_shim import VA_C, note, shim
from llmigrate.signatures.mapper import module_name, static_global_symbol

SHARED_C = "csrc/llmigrate_shared.c"  # the shared module's C (SharedTranslation.c_code)
_INLINE = re.compile(r"\b(inline|__inline|__inline__|__always_inline)\b\s*")
_STATIC = re.compile(r"\bstatic\b\s*")


@dataclass
class KeptC:
    """Generated C for kept functions: csrc files, and per function why it cannot be kept or what to know."""

    files: dict[str, str] = field(default_factory=dict)  # "csrc/<module>.c" -> text
    failures: dict[str, str] = field(default_factory=dict)  # function id -> reason it cannot be kept in C
    notes: dict[str, list[str]] = field(default_factory=dict)  # function id -> caveats for the report


@dataclass
class _Job:
    """What generating csrc/ reads (the analysis, the signatures, shared.rs) and the KeptC it fills in."""

    codebase: Codebase
    sigs: dict[str, RustSignature]
    shared: str
    result: KeptC
    shimmed: frozenset[str] = frozenset()  # translated variadic functions: a C shim calls their Rust body


def generate(codebase: Codebase, signatures: dict[str, RustSignature], kept: set[str],
             shared: str = "", shimmed: frozenset[str] = frozenset()) -> KeptC:
    """The csrc files for `kept` function ids, grouped by the C file defining them; `shared` is shared.rs;
    `shimmed`: translated variadic functions, whose C entry is a shim (va_shim.py)."""
    result = KeptC()
    job = _Job(codebase, signatures, shared, result, shimmed)
    by_file: dict[str, list[str]] = {}
    for fid in sorted(kept):
        by_file.setdefault(codebase.functions[fid].file, []).append(fid)
    for fid in sorted(shimmed):
        by_file.setdefault(codebase.functions[fid].file, [])
    if shimmed:
        result.files[VA_C] = render_template("llmigrate_va.c")
    for file in declared_globals_files(codebase, shared) + partly_read_files(codebase):
        by_file.setdefault(file, [])
    for file, fids in by_file.items():
        module = _module(codebase, signatures, file)
        try:
            text = _header_unit(job, file, fids) if not file.endswith(".c") else _c_unit(job, file, fids)
        except (OSError, UnicodeDecodeError) as e:
            for fid in fids:
                result.failures[fid] = f"{file}: cannot read the C source to keep it in C: {e}"
            continue
        if not fids or any(fid not in result.failures for fid in fids):
            result.files[f"csrc/{module}.c"] = text
    return result


def declared_globals_files(codebase: Codebase, shared: str) -> list[str]:
    """C files defining a global the shared module only declares (its initializer stays C): their csrc unit
    keeps the definition even when no function of theirs is kept."""
    files = {g.file for g in aliased_statics(codebase, shared)}
    for g in codebase.globals.values():
        if g.file.endswith(".c") and not g.is_static and not g.is_extern and g.source \
                and _declared_only(g.name, shared):
            files.add(g.file)
    return sorted(files)


def partly_read_files(codebase: Codebase) -> list[str]:
    """C files the analysis could not read whole (macros that define functions, ...) though the compiler
    accepts them, or that #include a `.c` file it left out: their csrc unit keeps what the analysis missed,
    so those definitions still exist."""
    files = {d.file for d in codebase.diagnostics if d.file.endswith(".c") and d.file in codebase.files
             and (PARSER_LIMIT in d.message or UNREAD_DEFINITION in d.message)}
    files |= {f for f in codebase.c_files() if any(w.startswith('"') and w.strip('"').endswith(".c")
                                                    for w in codebase.includes.get(f, []))}
    return sorted(files)


def _declared_only(name: str, shared: str) -> bool:
    """The shared module declares the global without defining it (its C definition stays)."""
    return re.search(rf"pub\s+static\s+(mut\s+)?(r#)?{re.escape(name)}\s*:[^=;]*;", shared) is not None


def _module(codebase: Codebase, signatures: dict[str, RustSignature], file: str) -> str:
    """The Rust module name of a C file (its functions'), for its csrc unit."""
    found = next((s.module for fid, s in signatures.items() if codebase.functions[fid].file == file), None)
    return found or module_name(file, set())


def _c_unit(job: _Job, file: str, kept: list[str]) -> str:
    codebase, result = job.codebase, job.result
    path = Path(codebase.root).resolve() / file
    text = path.read_bytes().decode("utf-8")  # as analyze read it: CRLF line ends stay (read_text drops them)
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in `text`
    wrappers = []
    stays = needed(codebase, kept)
    spellings = _spellings(codebase)
    for fn in (f for f in codebase.functions.values() if f.file == file):
        start = _locate(text, fn.source, fn.start_line)
        if start < 0:
            if fn.id in kept:
                result.failures[fn.id] = f"{file}:{fn.start_line}: definition text not found in the file"
            continue
        end = start + len(fn.source)
        if fn.id in kept:
            replacement, wrapper = _kept_definition(fn, job.sigs[fn.id], result, spellings.get(fn.name, []))
            wrappers.append(wrapper)
            if replacement is not None:
                edits.append((start, end, replacement))
        elif fn.id in job.shimmed:
            edits.append((start, end, _shim(fn, job, file)))
            if fn.is_static:
                wrappers.append(_alias(fn.name, c_symbol(job.sigs[fn.id])))
        elif not fn.is_static:
            proto = _INLINE.sub("", fn.signature).strip() + ";"
            edits.append((start, end, proto + "\n" * fn.source.count("\n")))
        elif fn.id not in stays:  # Rust has it; nothing kept calls it
            edits.append((start, end, "\n" * fn.source.count("\n")))
    edits += _global_edits(job, file, text, kept)
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    wrappers += [_alias(g.name, static_global_symbol(g.file, g.name))
                 for g in aliased_statics(codebase, job.shared) if g.file == file]
    stdarg = "#include <stdarg.h>\n" if any(codebase.functions[f].file == file for f in job.shimmed) else ""
    header = f"/* Generated by llmigrate from {file}: functions kept in C. */\n{stdarg}" \
        f"#line 1 {_c_str(str(path))}\n"
    return header + text + "".join(w for w in wrappers if w)


def _shim(fn: CFunction, job: _Job, file: str) -> str:
    """The C entry of a translated variadic function (va_shim.py), or, when its head cannot be read, its
    definition unchanged, the function failed with the reason (its Rust body would have no caller)."""
    sig = job.sigs[fn.id]
    text = shim(fn, sig)
    if text is None:
        job.result.failures[fn.id] = f"{file}:{fn.start_line}: variadic function: cannot read the head " \
            "of its definition (every parameter named, then `...`) to write its C shim"
        return fn.source
    job.result.notes.setdefault(fn.id, []).append(note(sig, f"csrc/{sig.module}.c"))
    return text


def _alias(name: str, symbol: str) -> str:
    """An exported name for a static function or global of the file: Rust reaches the C definition itself."""
    return f"\nextern __typeof__({name}) {symbol} __attribute__((alias({_c_str(name)})));\n"


def needed(codebase: Codebase, kept: list[str]) -> set[str]:
    """Functions the kept ones call, directly or not, and every function whose address is taken (a kept
    global or macro may hold it)."""
    seen = {fid for fid, fn in codebase.functions.items() if fn.address_taken}
    todo = list(kept)
    while todo:
        fn = codebase.functions.get(todo.pop())
        for callee in fn.callees if fn is not None else ():
            if callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return seen | set(kept)


def _spellings(codebase: Codebase) -> dict[str, list[str]]:
    """Name the compiler gives a function -> how the source spells it, when a macro renames it
    (`-Dmain=other`: other -> [main])."""
    out: dict[str, list[str]] = {}
    for spelled, compiled in identifier_macros(codebase.macros.values(), codebase.config).items():
        out.setdefault(compiled, []).append(spelled)
    return out


def _global_edits(job: _Job, file: str, text: str, kept: list[str]) -> list[tuple[int, int, str]]:
    """Globals the Rust exports under their C name become `extern` in the kept C; others keep a C copy."""
    codebase, shared, result = job.codebase, job.shared, job.result
    edits = []
    aliased = aliased_statics(codebase, shared)
    owned = {g.name: sym for sym, g in rust_owned_statics(codebase, shared, needed(codebase, kept)).items()}
    for g in codebase.globals.values():
        if g.file != file or g.is_extern or not g.source:
            continue
        start = _locate(text, g.source, g.line)
        if g.name in owned and start >= 0:  # the Rust static is the one copy: declared by its symbol
            label = f" __asm__({_c_str(owned[g.name])});"
            decl = _STATIC.sub("", _extern_decl(g.source)).replace(";", label, 1)
            edits.append((start, start + len(g.source), decl))
            continue
        exported = not g.is_static and re.search(
            rf"#\[\s*no_mangle\s*\]\s*pub\s+static\s+(mut\s+)?{re.escape(g.name)}\s*:", shared)
        if exported and start >= 0:
            decl = _typeof_decl(g) if g.by_macro else _extern_decl(g.source)
            if decl is not None:
                edits.append((start, start + len(g.source), decl))
                continue
        if not g.is_static and _declared_only(g.name, shared) or g in aliased:
            continue  # defined here only: the Rust declares it
        why = "it is static" if g.is_static else "the shared module does not export it under its C name"
        for fid in kept:
            if g.name in codebase.functions[fid].globals_used:
                result.notes.setdefault(fid, []).append(
                    f"global '{g.name}' of {file} has separate copies in the kept C and in Rust ({why})")
    return edits


def _header_unit(job: _Job, file: str, kept: list[str]) -> str:
    codebase, result = job.codebase, job.result
    path = Path(codebase.root).resolve() / file
    path.stat()  # an unreadable header is reported like a missing C file
    wrappers = []
    for fid in kept:
        fn = codebase.functions[fid]
        if not fn.is_static:
            result.failures[fid] = (f"{file}:{fn.start_line}: a non-static function defined in a header "
                                    "cannot be compiled apart from its includers")
            continue
        wrappers.append(_kept_definition(fn, job.sigs[fid], result)[1])
    return (f"/* Generated by llmigrate: functions of {file} kept in C. */\n{_host_prelude(codebase, file)}"
            f"#include {_c_str(str(path))}\n" + "".join(w for w in wrappers if w))


def _host_prelude(codebase: Codebase, header: str) -> str:
    """The includes the first C file including `header` makes before it: a header may use what they declare
    without including it (`uint32_t` without <stdint.h>), and compiles only after them."""
    root = Path(codebase.root).resolve()
    for host in codebase.c_files():
        written = codebase.includes.get(host, [])
        names = [w.strip('<>"') for w in written]
        at = next((i for i, n in enumerate(names) if (root / host).parent.joinpath(n).resolve()
                   == root / header or (root / n).resolve() == root / header), None)
        if at is not None:
            return "".join(f"#include {_resolved(w, root / host)}\n" for w in written[:at])
    return ""


def _resolved(written: str, host: Path) -> str:
    """A quoted include as an absolute path when it is beside its host (csrc/ is elsewhere)."""
    beside = host.parent / written.strip('"')
    return _c_str(str(beside)) if written.startswith('"') and beside.is_file() else written


def _kept_definition(fn: CFunction, sig: RustSignature, result: KeptC,
                     spellings: list[str] = ()) -> tuple[str | None, str]:
    """(replacement for the original definition or None to keep it, wrapper text to append); `spellings`:
    other names the source may spell the function with (a macro renames them to its name)."""
    symbol = c_symbol(sig)
    if sig.unsupported:  # Rust has no item calling it: kept as written, its C callers call it by name
        result.notes.setdefault(fn.id, []).append(
            f"{sig.unsupported}; the C definition stays under its own name: C code links it, Rust code "
            "cannot call it")
        return None, ""
    if fn.is_static:
        if fn.is_variadic:  # no call can forward `...`: the Rust calls the definition itself, by an alias
            return None, _alias(fn.name, symbol)
        head = _rename(_STATIC.sub("", _INLINE.sub("", fn.signature)).strip(), fn.name, symbol)
        args = ", ".join(p.name for p in fn.params if p.name)
        call = f"{fn.name}({args})"
        body = f"{call};" if fn.return_type.strip() == "void" else f"return {call};"
        return None, f"\n{head}\n{{\n\t{body}\n}}\n"
    if fn.is_variadic:
        return None, ""  # keeps its C name; C callers link it directly
    brace = fn.source.find("{")
    head, body = (fn.source[:brace], fn.source[brace:]) if brace >= 0 else (fn.source, "")
    head = _INLINE.sub("", head)
    # the function's own name stays declared (on the same line, so #line stays true): other C of the file
    # calling it reaches its Rust export
    proto = " ".join(_INLINE.sub("", fn.signature).split()) + "; "
    for name in [fn.name, *spellings]:
        renamed = _rename(head, name, symbol)
        if renamed != head:
            return proto + renamed + body, ""
    result.failures[fn.id] = f"{fn.file}:{fn.start_line}: cannot find the name '{fn.name}' in the head of " \
        "its definition to rename it"
    return None, ""


def _rename(head: str, name: str, symbol: str) -> str:
    return re.sub(rf"\b{re.escape(name)}\b(?=\s*\()", symbol, head, count=1)


def _locate(text: str, snippet: str, line: int) -> int:
    """Offset of `snippet` from the start of 1-based `line` (or anywhere as a fallback), -1 if absent."""
    offset = 0
    for _ in range(max(line - 1, 0)):
        nl = text.find("\n", offset)
        if nl < 0:
            break
        offset = nl + 1
    found = text.find(snippet, offset)
    return found if found >= 0 else text.find(snippet)


def _extern_decl(source: str) -> str:
    """`u32 tab[4] = {1, 2};` -> `extern u32 tab[4];`, keeping the line count."""
    depth, cut = 0, len(source)
    for i, ch in enumerate(source):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "=" and depth == 0:
            cut = i
            break
    decl = source[:cut].rstrip().rstrip(";").strip()
    return f"extern {decl};" + "\n" * source.count("\n")


def _typeof_decl(g: CGlobal) -> str | None:
    """`extern __typeof__(struct key) k;` for a global a macro defines (`DEFINE_KEY(k);`): the type is the
    compiler's spelling; None when it has no name C could spell (an unnamed struct)."""
    if "(unnamed" in g.type or "(anonymous" in g.type:
        return None
    return f"extern __typeof__({g.type}) {g.name};" + "\n" * g.source.count("\n")


def _c_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def compile_flags(codebase: Codebase, config: Config, files: list[str]) -> list[str]:
    """Flags for csrc: SRC's include dirs, defines and cflags, plus the dirs of the original files."""
    root = Path(codebase.root).resolve()
    dirs = sorted({str((root / f).parent) for f in files})
    return config.c_args(root) + [f"-I{d}" for d in dirs] + [f"-I{root}", "-Wno-unused-function"]


def build_rs(config: Config, sources: list[str], flags: list[str], exec_stack: bool = False) -> str:
    """build.rs compiling `sources` (crate-relative) with the configured compiler into a static library;
    `exec_stack`: the C needs an executable stack (see `Compiled.trampolines`), so every link says so."""
    return render_template("build.rs.j2", sources=[rust_str(s) for s in sources],
                           flags=[rust_str(f) for f in flags], compiler=rust_str(config.compiler),
                           exec_stack=exec_stack)


@dataclass(frozen=True)
class Compiled:
    """One compile of generated C: the compiler's first errors (None when it compiled), and whether it made
    trampolines (GCC nested functions whose address is taken run code on the stack: the object asks for an
    executable stack, which a linker refuses unless told; lld fails on it)."""

    error: str | None
    trampolines: bool = False


def try_compile(config: Config, text: str, flags: list[str], timeout: float = 60.0) -> Compiled:
    """Compile generated C the way build.rs will."""
    with tempfile.TemporaryDirectory(prefix="llmigrate-csrc-") as tmp:
        src = Path(tmp) / "unit.c"
        src.write_text(text, encoding="utf-8")
        try:
            cmd = [config.compiler, "-c", "-fPIC", "-Wtrampolines", *flags, str(src), "-o",
                   str(Path(tmp) / "u.o")]
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            return Compiled(f"cannot run {config.compiler}: {e}")
    if proc.returncode == 0:
        return Compiled(None, "trampoline generated" in proc.stderr)
    return Compiled("\n".join(proc.stderr.strip().splitlines()[:20]))
