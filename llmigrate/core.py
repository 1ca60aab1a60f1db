"""The seams of the pipeline: the dataclasses passed between stages and the Translator protocol.

Every stage imports from here and from nowhere else to talk to another stage, so the shape of the data
between analyze, plan, translate, repair, reintegrate, verify and report is visible in one file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from llmigrate.errors import LlmigrateError as LlmigrateError  # re-exported: stages import it from core
from llmigrate.errors import RejectOutput as RejectOutput

if TYPE_CHECKING:
    import networkx as nx

    from llmigrate.config import Config
    from llmigrate.journal import Journal


# ---------------------------------------------------------------- analyze


@dataclass
class Diagnostic:
    """Something the user should know about their C, located by file and line."""

    file: str
    line: int
    message: str
    severity: str = "warning"  # "error" | "warning" | "note"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass
class Param:
    name: str
    type: str  # C type as written, whitespace-normalised: "const u32 *", "struct inode *", "int [16]"


@dataclass
class CFunction:
    """A C function definition (or, with `defined=False`, a prototype never defined in SRC)."""

    id: str  # unique key: the name, or "file:name" when static functions of several files share a name
    name: str
    file: str  # relative to SRC, posix separators
    start_line: int  # 1-based, inclusive
    end_line: int
    signature: str  # declaration text up to the body: "static inline u32 gcd(u32 a, u32 b)"
    return_type: str
    params: list[Param]
    is_static: bool = False
    is_inline: bool = False
    is_variadic: bool = False
    source: str = ""  # the definition exactly as in the file
    hash: str = ""  # sha256 hex of `source`
    callees: list[str] = field(default_factory=list)  # ids of functions of SRC called directly
    external_calls: list[str] = field(default_factory=list)  # names called that SRC does not define
    address_taken: bool = False  # the name is used as a value (function pointer) somewhere in SRC
    indirect_calls: bool = False  # calls something through a function pointer
    prototypes: list[str] = field(default_factory=list)  # "file:line" of declarations linked to it
    types_used: list[str] = field(default_factory=list)  # CType names used directly
    globals_used: list[str] = field(default_factory=list)
    macros_used: list[str] = field(default_factory=list)


@dataclass
class CType:
    """A struct, union, enum or typedef. `name` is "struct inode", "union u", "enum e" or the typedef name."""

    name: str
    kind: str  # "struct" | "union" | "enum" | "typedef"
    file: str
    line: int
    source: str
    fields: list[Param] = field(default_factory=list)  # struct/union members, in order
    enumerators: list[tuple[str, str | None]] = field(default_factory=list)  # enum: (name, value text)
    target: str | None = None  # typedef: the aliased C type text
    depends_on: list[str] = field(default_factory=list)  # other CType names this one mentions
    complete: bool = True  # False for a forward declaration only


@dataclass
class CGlobal:
    name: str
    file: str
    line: int
    type: str
    is_static: bool = False
    is_extern: bool = False  # a declaration without definition
    is_const: bool = False
    init: str | None = None  # initializer source text
    source: str = ""
    by_macro: bool = False  # defined by a macro invocation (`DEFINE_KEY(k);`, the source); type as compiled


@dataclass
class CMacro:
    name: str
    file: str
    line: int
    params: list[str] | None  # None for an object-like macro
    body: str

    @property
    def function_like(self) -> bool:
        return self.params is not None


@dataclass
class ContextSlice:
    """Exactly what one function needs to be translated: names, resolve them in the Codebase."""

    function: str
    types: list[str] = field(default_factory=list)  # transitively closed, dependencies first
    globals: list[str] = field(default_factory=list)
    macros: list[str] = field(default_factory=list)
    callees: list[str] = field(default_factory=list)


@dataclass
class Inactive:
    """A function or global definition the preprocessor removes with SRC's flags: not part of the codebase."""

    kind: str  # "function" | "global"
    name: str
    file: str
    line: int
    removed_by: str  # where and which conditional skips it: "a.c:3: #if BITS < 64"


@dataclass
class Codebase:
    """Everything analyze learned about SRC."""

    root: str
    config: Config
    files: list[str] = field(default_factory=list)  # relative, posix, sorted
    functions: dict[str, CFunction] = field(default_factory=dict)  # by id
    prototypes: dict[str, CFunction] = field(default_factory=dict)  # declared, never defined in SRC, by name
    types: dict[str, CType] = field(default_factory=dict)
    globals: dict[str, CGlobal] = field(default_factory=dict)
    macros: dict[str, CMacro] = field(default_factory=dict)
    outside_macros: dict[str, CMacro] = field(default_factory=dict)  # headers' outside SRC (analyze.outside)
    includes: dict[str, list[str]] = field(default_factory=dict)  # file -> included names as written
    diagnostics: list[Diagnostic] = field(default_factory=list)
    slices: dict[str, ContextSlice] = field(default_factory=dict)  # by function id
    inactive: list[Inactive] = field(default_factory=list)  # definitions the preprocessor removes
    skipped: dict[str, frozenset[int]] = field(default_factory=dict)  # file -> lines the preprocessor skips

    def c_files(self) -> list[str]:
        return [f for f in self.files if f.endswith(".c")]


# ---------------------------------------------------------------- plan


@dataclass
class Unit:
    """What one translate call handles: a function, or a strongly connected component of them."""

    id: str
    functions: list[str]  # function ids, sorted

    @property
    def is_cycle(self) -> bool:
        return len(self.functions) > 1


@dataclass
class Plan:
    levels: list[list[Unit]]  # callees first; units within a level are independent
    cycles: list[list[str]] = field(default_factory=list)
    externals: dict[str, list[str]] = field(default_factory=dict)  # function id -> external names it calls
    indirect: dict[str, list[str]] = field(default_factory=dict)  # function id -> address-taken candidates
    graph: nx.DiGraph | None = None

    def units(self) -> list[Unit]:
        return [u for level in self.levels for u in level]


# ---------------------------------------------------------------- translate


@dataclass
class RustParam:
    name: str
    c_type: str
    rust_type: str  # type in the Rust function: "u32", "*mut inode", "&mut [u8]", "&mut u64"
    abi_type: str  # type in the exported extern "C" entry: always FFI-safe
    conv: str = "value"  # how the entry converts: "value" | "slice" | "slice_mut" | "ref" | "mut_ref" |
    # "opt_ref" | "opt_mut" (`Option<&T>` / `Option<&mut T>`: NULL is None)
    len_param: str | None = None  # for slices: the C parameter giving the element count, or the constant
    # size (digits) an array parameter declares (rule declared-size)
    proof: str = ""  # for a borrowed conv, the rule that proved it (signatures.borrow.RULES)
    # for proof "disjoint-checked": the parameters the C ABI entry checks it does not overlap
    disjoint_from: list[str] = field(default_factory=list)
    beneath: str = ""  # for "disjoint-checked": the rule its conv rests on ("stepped-count": an offset steps)
    # for proof "disjoint-checked": the globals (Rust paths, `crate::shared::T`) the entry checks it against
    disjoint_globals: list[str] = field(default_factory=list)
    # for a raw parameter a "disjoint-checked" one is compared with: the conv and count its own uses prove
    # (signatures.extents), which bound the bytes the call touches through it
    extent: tuple[str, str | None] | None = None
    # a `void *` its body uses as one pointer type (signatures.voids): that Rust pointer type ("*const T"),
    # which the C ABI entry casts the argument to before making the reference or slice
    view: str = ""
    note: str = ""  # what its SAFETY comment adds to its rule (signatures.members.indexing, owned members)
    at: str = ""  # rule element-at: the index parameter `k`; the reference is to the element `p[k]`


VA_PARAM = "__llmigrate_va"  # a variadic body's last parameter: the address of the C shim's `va_list`
VA_HELPER = "__llmigrate_va_"  # prefix of the C helpers (copy, end, arg_<type>) its Rust body calls


@dataclass
class RustSignature:
    """The Rust interface of one C function, fixed by the tool before any body is translated."""

    c_id: str
    c_name: str
    module: str  # Rust module holding it: crate::<module>
    rust_name: str
    params: list[RustParam]
    ret: str  # Rust return type, "()" for void
    abi_ret: str
    unsafe: bool  # the Rust function must be `unsafe fn` (raw pointers cross its interface, or `unchecked`)
    exported: bool  # non-static: gets a #[no_mangle] extern "C" entry with the C name
    variadic: bool = False
    # "file:line: signature: long double has no Rust equivalent with the same C ABI": the function has no
    # Rust item and no ffi entry; it stays C under its own name and its callers stay C (see keep_c)
    unsupported: str | None = None
    # "file:line: dereferences `v->data`, a pointer no rule proves valid": why the body makes it an unsafe fn
    # (signatures.soundness), when its interface alone would not
    unchecked: str | None = None
    # a static function whose address SRC takes: its C ABI adapter in ffi.rs (`abi_path`) is that address
    address_taken: bool = False
    # what C outside SRC must keep of what SRC does, which a proof took for granted (owned members): its
    # C ABI entry's precondition adds it (signatures.lent.assumption)
    assumes: str = ""

    @property
    def path(self) -> str:
        return f"crate::{self.module}::{self.rust_name}"

    @property
    def abi_path(self) -> str | None:
        """The `unsafe extern "C" fn` in src/ffi.rs that is this function's address as C sees it (converting
        C's pointers as any C caller's call): the exported entry, or a static function's adapter (a private
        fn, no symbol); None when there is neither."""
        if self.variadic or self.unsupported or not (self.exported or self.address_taken):
            return None
        return f"crate::ffi::{self.abi_name}"

    @property
    def abi_name(self) -> str:
        """The name of the C ABI entry in src/ffi.rs: the C name, or `<module>__abi_<name>` (static)."""
        if self.exported:
            return self.rust_name  # the C name (`r#type` for a Rust keyword)
        return f"{self.module}__abi_{self.rust_name.removeprefix('r#')}"

    @property
    def body_name(self) -> str:
        """The Rust function the translation defines: for a variadic C function, the body its C shim calls
        with the `va_list` (`rust_name` is then the shim's extern declaration, which callers call)."""
        return f"{self.rust_name.removeprefix('r#')}__va" if self.variadic else self.rust_name

    @property
    def va_symbol(self) -> str:
        """The link name of a variadic function's Rust body, which its C shim calls."""
        return f"__llmigrate_va_{self.module}__{self.c_name}"

    def decl(self) -> str:
        """The exact Rust declaration the translation must have, e.g. `pub fn gcd(a: u64, b: u64) -> u64`;
        a variadic function's body takes the C shim's `va_list` as a last, opaque pointer."""
        if self.variadic:
            params = "".join(f"{p.name}: {p.abi_type}, " for p in self.params) + \
                f"{VA_PARAM}: *mut core::ffi::c_void"
            ret = "" if self.abi_ret == "()" else f" -> {self.abi_ret}"
            return f"pub unsafe extern \"C\" fn {self.body_name}({params}){ret}"
        params = ", ".join(f"{p.name}: {p.rust_type}" for p in self.params)
        ret = "" if self.ret == "()" else f" -> {self.ret}"
        unsafe = "unsafe " if self.unsafe else ""
        return f"pub {unsafe}fn {self.rust_name}({params}){ret}"


@dataclass
class SharedTranslation:
    """Rust for the shared module (src/shared.rs): types, constants, globals, extern declarations."""

    code: str
    names: dict[str, str] = field(default_factory=dict)  # C name -> Rust name, for prompts and lookups
    failures: list[str] = field(default_factory=list)  # "file:line: what could not be translated and why"
    tokens_in: int = 0
    tokens_out: int = 0
    origin: str = ""  # "model" when a model wrote it, else the deterministic translator's (or unknown)
    c_code: str = ""  # C the crate's C part compiles for it (header static inline functions it calls)
    notes: list[str] = field(default_factory=list)  # "file:line: why" of what stays C without failing


@dataclass
class UnitRequest:
    codebase: Codebase
    unit: Unit
    signatures: dict[str, RustSignature]  # by function id: at least the unit's functions and their callees
    shared: SharedTranslation
    feedback: list[str] = field(default_factory=list)  # why earlier output was rejected


@dataclass
class RepairRequest:
    request: UnitRequest
    code: dict[str, str]  # function id -> its current Rust
    diagnostics: list[str]  # rendered compiler errors pointing into this unit, or a counterexample
    round: int = 1
    temperature: float = 0.0  # raised for the one retry after a stalled round (repair/stall.py)


@dataclass
class Translation:
    unit_id: str
    code: dict[str, str]  # function id -> Rust source of its item(s); empty when it failed
    ok: bool = True
    reasons: list[str] = field(default_factory=list)  # why it failed, each "file:line: construct: reason"
    tokens_in: int = 0
    tokens_out: int = 0
    attempts: int = 1
    backend: str = ""
    fallback_reason: str | None = None  # why another backend's translation stands in for the first one's
    context_dropped: list[str] = field(default_factory=list)  # prompt context left out to fit the window


@runtime_checkable
class Translator(Protocol):
    """What every backend implements. Stages receive one; they never build one."""

    name: str
    model: str | None

    def translate_shared(self, codebase: Codebase) -> SharedTranslation: ...

    def translate_unit(self, request: UnitRequest) -> Translation: ...

    def repair_unit(self, request: RepairRequest) -> Translation: ...


# ---------------------------------------------------------------- a run


@dataclass
class RunContext:
    """One run over SRC and OUT: what verify and check work from, instead of long parameter lists."""

    src: Path
    out: Path
    config: Config
    codebase: Codebase
    journal: Journal


@dataclass
class MigrateContext(RunContext):
    """A migrate run once SRC is analysed and the shared module translated: what translate and repair use."""

    plan: Plan
    signatures: dict[str, RustSignature]  # by function id
    backend: Translator
    shared: SharedTranslation
