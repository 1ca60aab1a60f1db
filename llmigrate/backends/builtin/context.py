"""The state of translating one C function: names of locals, loop labels, goto states, helpers, unsafety."""

from __future__ import annotations

from dataclasses import dataclass, field

import clang.cindex as ci

from llmigrate.backends.builtin.types import Unsupported
from llmigrate.core import Codebase, RustSignature
from llmigrate.signatures.mapper import map_signature, module_map, rust_ident

_NAMES: list = [None, {}]  # [the Codebase indexed (held, so its id cannot be reused), index]


def _by_name(codebase: Codebase) -> dict[str, list[str]]:
    """Function ids by C name, built once per Codebase object."""
    if _NAMES[0] is not codebase:
        index: dict[str, list[str]] = {}
        for fid, fn in sorted(codebase.functions.items()):
            index.setdefault(fn.name, []).append(fid)
        _NAMES[:] = [codebase, index]
    return _NAMES[1]


@dataclass
class Frame:
    """What `break`/`continue` can leave: a loop or a switch, with the Rust labels implementing it."""

    kind: str  # "loop" | "switch"
    brk: str  # label whose `break` leaves the construct
    cont: str | None = None  # label whose `break` continues the loop (runs the increment/condition)
    used_brk: bool = False
    used_cont: bool = False


@dataclass
class GotoScope:
    """A compound statement lowered to a state machine: its labels' states, loop label and state variable."""

    labels: dict[str, int]
    loop: str
    var: str


@dataclass
class FnCtx:
    codebase: Codebase
    file: str  # the C file (relative to SRC) of the function being translated
    fn_name: str  # Rust name of the function (prefix for its helpers)
    ret: str  # Rust return type
    signatures: dict[str, RustSignature]
    ret_type: ci.Type | None = None  # clang return type (for C's unspecified fall-off value)
    shared_names: dict[str, str] = field(default_factory=dict)  # SharedTranslation.names
    names: dict[int, str] = field(default_factory=dict)  # decl cursor hash -> Rust local name
    used: set[str] = field(default_factory=set)
    temps: set[str] = field(default_factory=set)  # of those, the names `fresh` made: unique in the function
    temp_proofs: dict[str, list[str]] = field(default_factory=dict)  # a call's temporary -> its proofs
    statics: dict[int, str] = field(default_factory=dict)  # static local decl hash -> helper static name
    immutable: set[str] = field(default_factory=set)  # paths of plain `static`s: read without unsafe
    atomics: dict[str, str] = field(default_factory=dict)  # paths of atomic statics -> their atomic type
    safe: bool = False  # the function is a safe fn: it cannot touch a `static mut` (signatures/soundness.py)
    frames: list[Frame] = field(default_factory=list)
    gotos: list[GotoScope] = field(default_factory=list)
    helpers: list[str] = field(default_factory=list)  # module-level items emitted next to the function
    vars: dict[int, tuple] = field(default_factory=dict)  # decl hash -> (E, needs unsafe): resolved uses
    hoisted: set[int] = field(default_factory=set)  # decls declared earlier (switch/goto bodies)
    vlas: dict[int, str] = field(default_factory=dict)  # variable-length array decl hash -> pointer type
    vla_bytes: dict[int, str] = field(default_factory=dict)  # its decl hash -> its size in bytes (usize)
    borrowed: dict[int, tuple[str, str]] = field(default_factory=dict)  # param hash -> (conv, Rust type)
    handles: set[int] = field(default_factory=set)  # of those, opaque handles (rule opaque-handle)
    steps: dict[int, str] = field(default_factory=dict)  # of those, stepped slices (`*p++`) -> index local
    counts: dict[int, str] = field(default_factory=dict)  # of those, byte-count slices -> their count's name
    at: dict[int, str] = field(default_factory=dict)  # of those, element-at references -> their index's name
    cursors: dict[int, tuple[int, str]] = field(default_factory=dict)  # byte cursors and their ends (rule
    # byte-cursor, bytecursors.py): decl hash -> (the parameter's hash, the usize offset local)
    member_bytes: dict[tuple[int, int], str] = field(default_factory=dict)  # rule member-bytes: (the
    # parameter's hash, the member's) -> the local holding the member's bytes (memberbytes.py)
    unsafe: bool = False  # code emitted since the innermost guard needs an unsafe context (unsafety.py)
    guarding: bool = False  # inside unsafety.guarded: the guard wraps what is emitted
    safe_fn: bool = False  # the function is a safe fn: its checked C library calls get a SAFETY (cstrs.py)
    unsafe_static: bool | None = None  # exprs: `unsafe` before the last variable, if it was a static
    inner_blocks: list[str] = field(default_factory=list)  # `unsafe { .. }` made inside the guard (unsafety)
    proofs: list[str] = field(default_factory=list)  # why each reference made from a raw pointer is sound
    mutated: set[int] | None = None  # decl hashes the body changes (cursors.mutated); None: not known
    addressed: set[int] = field(default_factory=set)  # decl hashes whose address the body takes
    sources: dict[int, list] = field(default_factory=dict)  # pointer decl hash -> its values (align.py)
    loose: set[int] = field(default_factory=set)  # raw pointer parameters with no alignment known (align.py)
    postponed: set[int] = field(default_factory=set)  # `x++` cursors read as `x`, stepped after the statement
    unread: set[int] = field(default_factory=set)  # member cursors stored into or addressed, never read
    library: set[str] = field(default_factory=set)  # names of locals of rule library-result (libslices.py)
    library_decls: set[int] = field(default_factory=set)  # of those, the decl hashes declared as slices
    counter: int = 0
    extra: dict[str, RustSignature] = field(default_factory=dict)  # mapped here: callees not in the request
    _modules: dict[str, str] | None = None

    def let(self, decl: ci.Cursor, rust_type: str) -> str:
        """`let mut` for a binding the body changes (cursors.mutated), else `let`."""
        fixed = self.mutated is not None and decl.hash not in self.mutated
        return "let" if fixed else "let mut"

    def fresh(self, base: str) -> str:
        """A new Rust identifier for a temporary or label, unique in the function."""
        while True:
            self.counter += 1
            name = f"{base}{self.counter}"
            if name not in self.used:
                self.used.add(name)
                self.temps.add(name)
                return name

    def local(self, decl: ci.Cursor) -> str:
        """The Rust name of a local variable or parameter (renamed when C shadowing would collide)."""
        key = decl.hash
        if key not in self.names:
            name = rust_ident(decl.spelling)
            base, n = name, 1
            while name in self.used:
                name, n = f"{base}_{n}", n + 1
            self.used.add(name)
            self.names[key] = name
        return self.names[key]

    def function_id(self, name: str) -> str | None:
        """The id of the SRC function `name` as seen from this file: its own static one, a non-static one,
        or a static one defined in a header it includes; else None (an external function)."""
        best = None
        for fid in _by_name(self.codebase).get(name, []):
            fn = self.codebase.functions[fid]
            if fn.file == self.file:
                return fid
            if not fn.is_static or fn.file.endswith(".h"):
                best = best or fid
        return best

    def signature(self, fid: str) -> RustSignature:
        """The callee's fixed signature (from the request, or mapped the same way when not provided)."""
        if fid in self.signatures:
            return self.signatures[fid]
        if fid not in self.extra:  # the request's dict is not ours to extend
            if self._modules is None:
                self._modules = module_map(self.codebase)
            self.extra[fid] = map_signature(self.codebase.functions[fid], self.codebase, self._modules)
        return self.extra[fid]

    def frame(self, kind: str | None, cursor: ci.Cursor) -> Frame:
        """The innermost frame (of `kind` if given) a break/continue refers to."""
        for f in reversed(self.frames):
            if kind is None or f.kind == kind:
                return f
        raise Unsupported("break/continue", "not inside a loop or switch", cursor)
