"""Globals of shared.rs: what each needs is read while its unit is parsed (`GlobalFacts`), the items are
made once every unit has been read (names, failed records and clashing typedefs are known only then).

An initializer is evaluated with its unit too, unless it names another global or a function: their Rust
names depend on every unit, so such a global keeps its cursor (and its unit) until the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import clang.cindex as ci

from llmigrate.backends.builtin import cfront
from llmigrate.backends.builtin import types as bt
from llmigrate.backends.builtin.globals_atomic import definition as atomic_definition
from llmigrate.backends.builtin.items_collect import Collected, add_extern_function
from llmigrate.backends.builtin.items_globals import InitContext, NotConstant, init_expr, initializer
from llmigrate.backends.builtin.items_macros import parse_probe
from llmigrate.backends.builtin.items_types import Item, by_value_records, where
from llmigrate.backends.builtin.items_walk import top_level_in
from llmigrate.core import Codebase, SharedTranslation
from llmigrate.signatures.mapper import map_signature, rust_ident, static_global_symbol

K = ci.TypeKind


class Deferred(BaseException):  # noqa: N818 - not an error: never caught by the initializers' handlers
    """An initializer names a global or a function: it is evaluated at the end, with every name known."""


def _defer(_cursor: ci.Cursor) -> None:
    raise Deferred


@dataclass
class Outcome:
    """A value computed early, or the exception computing it raised, raised again where it is used."""

    value: object = None
    error: Exception | None = None

    def get(self):
        if self.error is not None:
            raise self.error
        return self.value


def _attempt(f: Callable[[], object]) -> Outcome:
    try:
        return Outcome(f())
    except Exception as e:  # noqa: BLE001 - kept, raised again where the value is used
        return Outcome(error=e)


@dataclass
class GlobalFacts:
    spelling: str
    file: str  # the file clang locates it in, as clang names it
    loc: str  # "file:line", relative to SRC
    internal: bool
    external: bool
    aligned: bool  # has an `aligned` attribute
    align: int  # its type's alignment
    tls: bool
    const: bool
    keyword: str  # `static` or `static mut`
    typedefs: frozenset[str]  # the typedef names its type is spelled through
    by_value: Outcome  # the record its value holds inline
    rust: Outcome  # its Rust type
    value: Outcome | None  # its initializer in Rust (None: `var` evaluates it at the end)
    var: ci.Cursor | None


def global_facts(var: ci.Cursor, col: Collected) -> GlobalFacts:
    rust = _attempt(lambda: bt.rust_type(var.type))
    value: Outcome | None = None
    if rust.error is None:
        ctx = InitContext(global_name=_defer, function_value=_defer)
        try:
            value = _attempt(lambda: _value(initializer(var), var, rust.value, ctx))
        except Deferred:
            value = None
    return GlobalFacts(
        var.spelling, var.location.file.name, where(var, col.rel), var.linkage == ci.LinkageKind.INTERNAL,
        var.linkage == ci.LinkageKind.EXTERNAL, any(c.kind == ci.CursorKind.ALIGNED_ATTR
                                                    for c in var.get_children()),
        var.type.get_align(), var.tls_kind != ci.TLSKind.NONE, bt.is_const(var.type),
        bt.static_keyword(var.type), _typedef_names(var.type), _attempt(lambda: by_value_records(var.type)),
        rust, value, var if value is None else None)


def _typedef_names(t: ci.Type) -> frozenset[str]:
    """The typedef names type `t` is spelled through (under pointers and arrays too)."""
    names = set()
    while True:
        if t.kind == K.TYPEDEF:
            names.add(t.get_typedef_name())
        if t.kind == K.ELABORATED:
            t = t.get_named_type()
        elif t.kind == K.TYPEDEF:
            t = t.get_declaration().underlying_typedef_type
        elif t.kind == K.POINTER:
            t = t.get_pointee()
        elif t.kind in (K.CONSTANTARRAY, K.INCOMPLETEARRAY):
            t = t.element_type
        else:
            return frozenset(names)


def overaligned(col: Collected, front: cfront.Front) -> dict[str, int]:
    """Globals whose `aligned` attribute asks for more than their type's alignment: key -> alignment."""
    marked = [(k, v) for k, v in col.globals.items() if v.aligned]
    out: dict[str, int] = {}
    for file in sorted({v.file for _, v in marked}):
        group = [(k, v) for k, v in marked if v.file == file]
        # gcc's __alignof__ of a variable is its declared alignment; clang agrees and evaluates it for us.
        asks = [f"enum {{ __llmigrate_align_{i} = __alignof__({v.spelling}) }};\n"
                for i, (_, v) in enumerate(group)]
        tu = parse_probe(front, f'#include "{file}"\n' + "".join(asks))
        values = {c.spelling: c.enum_value for e in top_level_in(tu, [tu.spelling]) for c in e.get_children()}
        for i, (k, v) in enumerate(group):
            align = values.get(f"__llmigrate_align_{i}")
            if align is None or align > v.align:
                out[k] = align or -1
    return out


def function_value(fn: ci.Cursor, codebase: Codebase, col: Collected) -> tuple[str, str] | None:
    """(path, Rust fn type) of a function's address in a constant: its C ABI entry in ffi.rs (a static
    function's adapter: RustSignature.abi_path), or the extern."""
    name = fn.spelling
    if name not in col.defined_functions:
        add_extern_function(name, fn, col)
        return name, bt.fn_pointer(fn.type.get_canonical())[7:-1]  # as items_externs declares it
    defn = fn.get_definition()
    file = col.rel(defn.location.file.name) if defn is not None and defn.location.file else None
    cfn = next((f for f in codebase.functions.values() if f.name == name and f.file == file), None)
    if cfn is None:
        return None
    sig = map_signature(cfn, codebase)
    if sig.abi_path is None:
        return None
    params = ", ".join(p.abi_type for p in sig.params)
    ret = "" if sig.abi_ret == "()" else f" -> {sig.abi_ret}"
    return sig.abi_path, f"unsafe extern \"C\" fn({params}){ret}"


@dataclass
class KeptInC:
    """A global whose initializer is not translated: its C definition stays (csrc/), Rust declares it."""

    why: str


def _value(init: ci.Cursor | None, var: ci.Cursor, rust: str, ctx: InitContext) -> str | KeptInC:
    """The Rust initializer of a global; an exported global whose initializer cannot be evaluated (a macro
    builds it from an address cast, ...) keeps its C definition rather than a made-up value."""
    if init is None:
        return bt.zero_value(rust)  # C's static zero-initialisation
    try:
        return init_expr(init, var.type, ctx)
    except NotConstant as e:
        if var.linkage == ci.LinkageKind.INTERNAL and var.location.file is not None \
                and var.location.file.name.endswith(".c") and not _names_statics(init):
            return KeptInC(str(e))  # csrc/ gives the file's static a private exported alias
        if var.linkage != ci.LinkageKind.EXTERNAL or ctx.global_name(var) != rust_ident(var.spelling):
            raise  # no C symbol the Rust could name
        return KeptInC(str(e))


def _names_statics(c: ci.Cursor, seen: set[int] | None = None) -> bool:
    """The initializer names a static variable, or a static function that does (directly or through other
    static functions): the kept C has its own copy of those, which the Rust would not share. A stateless
    static function may have both copies."""
    seen = set() if seen is None else seen
    for k in c.walk_preorder():
        r = k.referenced if k.kind == ci.CursorKind.DECL_REF_EXPR else None
        if r is None:
            continue
        if r.kind == ci.CursorKind.VAR_DECL and (r.linkage == ci.LinkageKind.INTERNAL
                                                 or r.storage_class == ci.StorageClass.STATIC):
            return True
        if r.kind == ci.CursorKind.FUNCTION_DECL and r.linkage == ci.LinkageKind.INTERNAL \
                and r.hash not in seen:
            seen.add(r.hash)
            body = r.get_definition()
            if body is None or _names_statics(body, seen):
                return True
    return False


def _declared(name: str, rust: str, why: str, symbol: str | None) -> str:
    """The Rust side of a global kept in C (reintegrate.keep_c keeps its definition in csrc/); `symbol`: the
    alias of a static one."""
    link = f"    #[link_name = \"{symbol}\"]\n" if symbol else ""  # a C identifier: nothing to escape
    return (f"// Kept in C: its initializer is not translated ({' '.join(why.split())}).\n"
            f"unsafe extern \"C\" {{\n{link}    pub static mut {name}: {rust};\n}}\n")


def _checked_value(key: str, var: GlobalFacts, col: Collected, ctx: InitContext) -> tuple[str, str | KeptInC]:
    """(Rust type, initializer) of a global, or NotConstant/Unsupported for why it has none."""
    by_value = var.by_value.get()
    if by_value in col.failed_records:
        raise NotConstant(f"its type holds '{by_value}', which is not translated")
    if var.typedefs & col.clashing_typedefs:
        raise NotConstant("its type uses a typedef whose name Rust gives to another struct")
    if key in col.overaligned:
        raise NotConstant(f"declared with alignment {col.overaligned[key]}, more than its type has; "
                          "a Rust static cannot be over-aligned")
    if var.tls:
        # one copy per thread in C; a `static mut` would be shared by all threads
        raise NotConstant("thread-local storage (_Thread_local/__thread) is not translated")
    rust = var.rust.get()
    if var.value is not None:
        return rust, var.value.get()
    return rust, _value(initializer(var.var), var.var, rust, ctx)


def global_items(col: Collected, st: SharedTranslation, function_value) -> list[Item]:
    ctx = InitContext(global_name=lambda v: col.global_names.get(col.global_key(v)),
                      function_value=function_value)
    items = []
    for key, var in col.globals.items():
        name = col.global_names[key]
        loc = var.loc
        try:
            rust, value = _checked_value(key, var, col, ctx)
        except (bt.Unsupported, NotConstant) as e:
            st.failures.append(f"{loc}: global '{var.spelling}': {e}")
            continue
        except Exception as e:  # noqa: BLE001 - one odd global must not stop the whole shared module
            st.failures.append(f"{loc}: global '{var.spelling}': internal error ({type(e).__name__}: {e})")
            continue
        # Renamed (clashing) globals are listed as "file:name", like the ids of clashing static functions.
        renamed = name != rust_ident(var.spelling)
        st.names[f"{loc.rsplit(':', 1)[0]}:{var.spelling}" if renamed else var.spelling] = name
        if isinstance(value, KeptInC):
            symbol = static_global_symbol(loc.rsplit(":", 1)[0], var.spelling) if var.internal else None
            items.append(Item(name, _declared(name, rust, value.why, symbol), loc))
            continue
        # A non-static global keeps its C symbol, so C callers, C tests and functions kept in C share it.
        export = "#[no_mangle]\n" if var.external and not renamed else ""
        atomic = None if var.const else atomic_definition(name, rust, value)  # a scalar
        plain = f"pub {var.keyword} {name}: {rust} = {value};\n"
        items.append(Item(name, export + (atomic or plain), loc))
    return items
