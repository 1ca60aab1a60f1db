"""The crate under repair: current Rust per function, which functions are kept in C, and writing it to disk.

Repair changes `code` and `kept`; `write` turns that state into OUT (module files, ffi.rs, csrc/,
build.rs); `check` runs cargo over it and maps every error to the function whose marker span it points into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.cargo import CargoDiagnostic, CargoResult, run_cargo
from llmigrate.config import Config
from llmigrate.core import Codebase, Plan, RustSignature
from llmigrate.reintegrate import keep_c, overlap
from llmigrate.reintegrate.crate import (
    absent_item,
    kept_in_c_item,
    render_crate,
    skeleton_item,
    translated_item,
    write_files,
)
from llmigrate.reintegrate.crate_format import function_blocks, owner_of
from llmigrate.reintegrate.kept_globals import export_statics, rust_owned_statics


@dataclass
class Checked:
    """One cargo check, its errors by unit id and the errors no function span contains."""

    result: CargoResult
    by_unit: dict[str, list[CargoDiagnostic]] = field(default_factory=dict)
    unattributed: list[CargoDiagnostic] = field(default_factory=list)


@dataclass
class CrateState:
    """The crate being repaired: current Rust per function, the kept-in-C set, and what is on disk."""

    out: Path
    name: str
    codebase: Codebase
    plan: Plan
    signatures: dict[str, RustSignature]
    shared: str
    config: Config
    code: dict[str, str] = field(default_factory=dict)  # function id -> current Rust (not kept in C)
    kept: set[str] = field(default_factory=set)  # function ids kept in C
    c_failures: dict[str, str] = field(default_factory=dict)  # kept ids whose C would not compile, and why
    c_notes: dict[str, list[str]] = field(default_factory=dict)
    shared_c: str = ""  # C the shared module needs compiled (SharedTranslation.c_code)
    files: dict[str, str] = field(default_factory=dict)  # as last written to OUT
    previous: set[str] = field(default_factory=set)  # files an earlier write made (removed when stale)
    _compiled_c: dict[str, keep_c.Compiled] = field(default_factory=dict)  # csrc text -> its compile

    @property
    def unit_of(self) -> dict[str, str]:
        return {fid: u.id for u in self.plan.units() for fid in u.functions}

    @property
    def in_c(self) -> set[str]:
        """Functions whose C csrc/ compiles: the kept ones, and C originals overlap checks fall back to."""
        return self.kept | overlap.raw_paths(self.signatures, self.kept)

    @property
    def target(self) -> Path:
        return self.out / "target"

    def items(self) -> dict[str, str]:
        """Function id -> the text between its markers: the translation, or the call into kept C."""
        items = {}
        for fid, sig in self.signatures.items():
            if fid in self.c_failures and fid in self.kept:
                items[fid] = absent_item(sig, self.c_failures[fid])
            elif fid in self.kept:
                items[fid] = kept_in_c_item(sig, keep_c.c_symbol(sig))
            else:
                items[fid] = translated_item(sig, keep_c.c_symbol(sig), self.code[fid])
        return items

    @property
    def shimmed(self) -> frozenset[str]:
        """Translated variadic functions: their C entry is a shim calling the Rust body (va_shim.py)."""
        return frozenset(fid for fid, sig in self.signatures.items()
                         if sig.variadic and not sig.unsupported and fid not in self.kept)

    def render(self) -> dict[str, str]:
        """Every file of the crate for the current state (csrc/ and build.rs only when something is kept in C
        or the shared module needs C)."""
        csrc = self._csrc()
        build = None
        flags = self._c_flags()
        if self.shared_c and self._compiles(self.shared_c, flags) is None:
            # else its callers name the symbols it lacks when the library is linked (link_check)
            csrc[keep_c.SHARED_C] = self.shared_c
        shared = self.shared
        if csrc:
            exec_stack = any(self._compiled_c[text].trampolines for text in csrc.values())
            build = keep_c.build_rs(self.config, sorted(csrc), flags, exec_stack)
            users = keep_c.needed(self.codebase, sorted(self.in_c))
            shared = export_statics(shared, rust_owned_statics(self.codebase, shared, users))
        no_c = frozenset(f for f in self.c_failures if f not in self.kept)
        files = render_crate(self.name, self.codebase, self.signatures, shared, self.items(), build, no_c)
        files.update(csrc)
        return files

    def _c_flags(self) -> list[str]:
        files = {self.codebase.functions[f].file for f in self.in_c | self.shimmed}
        files.update(keep_c.declared_globals_files(self.codebase, self.shared))
        files.update(keep_c.partly_read_files(self.codebase))
        return keep_c.compile_flags(self.codebase, self.config, sorted(files))

    def _csrc(self) -> dict[str, str]:
        gen = keep_c.generate(self.codebase, self.signatures, self.in_c, self.shared, self.shimmed)
        self.c_failures = dict(gen.failures)
        self.c_notes = gen.notes
        flags = self._c_flags()
        files = {}
        for rel, text in gen.files.items():
            error = self._compiles(text, flags)
            if error is None:
                files[rel] = text
                continue
            for fid in self.in_c | self.shimmed:
                if f"csrc/{self.signatures[fid].module}.c" == rel:
                    self.c_failures[fid] = f"the C kept for it does not compile:\n{error}"
        return files

    def _compiles(self, text: str, flags: list[str]) -> str | None:
        """None when the C `text` compiles, else the compiler's errors (each text compiled once)."""
        if text not in self._compiled_c:
            self._compiled_c[text] = keep_c.try_compile(self.config, text, flags)
        return self._compiled_c[text].error

    def write(self) -> list[str]:
        """Write the current state to OUT; returns the files whose text changed."""
        self.files = self.render()
        changed = write_files(self.out, self.files, self.previous)
        self.previous = set(self.files)
        return changed

    def check(self) -> Checked:
        """Write, `cargo check` the crate and attribute each error to a unit."""
        self.write()
        return attribute(run_cargo(self.out, "check", target_dir=self.target), self.files, self.unit_of)

    def check_scratch(self, real: set[str] | None = None) -> Checked:
        """Check a scratch copy where only the functions in `real` have their code (the rest diverge)."""
        real = real or set()
        items = {fid: translated_item(sig, keep_c.c_symbol(sig), self.code[fid]) if fid in real
                 else skeleton_item(sig) for fid, sig in self.signatures.items()}
        scratch = self.target / "llmigrate-scratch"
        files = render_crate(self.name, self.codebase, self.signatures, self.shared, items, None)
        old = {p.relative_to(scratch).as_posix() for p in scratch.rglob("*.rs")} if scratch.is_dir() \
            else set()
        write_files(scratch, files, old)
        # A target dir of its own: cargo hashes a root package by its path relative to the workspace, so the
        # scratch crate and OUT would share fingerprints and one would pass as the other's fresh build.
        return attribute(run_cargo(scratch, "check", target_dir=scratch / "target"), files, self.unit_of)


def attribute(result: CargoResult, files: dict[str, str], unit_of: dict[str, str]) -> Checked:
    """Errors of `result` grouped by the unit owning the marker span of their primary location."""
    blocks = function_blocks(files)
    checked = Checked(result)
    for diag in result.errors:
        fid = owner_of(blocks, diag.file, diag.line)
        if fid is None or fid not in unit_of:
            checked.unattributed.append(diag)
        else:
            checked.by_unit.setdefault(unit_of[fid], []).append(diag)
    return checked
