"""The one place that decides Rust names, types and signatures for C declarations.

The model backend, the builtin backend and the exported C ABI entries all call `map_signature`, so every
caller can rely on its callees' Rust signatures before their bodies exist.
"""

from __future__ import annotations

import platform
import re

from llmigrate.core import CFunction, Codebase, RustParam, RustSignature
from llmigrate.signatures import interproc, members, soundness, voidbytes, voids
from llmigrate.signatures.borrow import rule
from llmigrate.signatures.lent import assumption, lent_owned, member
from llmigrate.signatures.memo import per_codebase

# C integer and floating types on LP64 Linux (gcc), as written after qualifiers are dropped.
SCALARS: dict[str, str] = {
    "char": "i8", "signed char": "i8", "unsigned char": "u8",
    "short": "i16", "short int": "i16", "signed short": "i16", "signed short int": "i16",
    "unsigned short": "u16", "unsigned short int": "u16",
    "int": "i32", "signed": "i32", "signed int": "i32", "unsigned": "u32", "unsigned int": "u32",
    "long": "i64", "long int": "i64", "signed long": "i64", "signed long int": "i64",
    "unsigned long": "u64", "unsigned long int": "u64",
    "long long": "i64", "long long int": "i64", "signed long long": "i64", "signed long long int": "i64",
    "unsigned long long": "u64", "unsigned long long int": "u64",
    "float": "f32", "double": "f64", "_Bool": "bool", "bool": "bool",
    "size_t": "usize", "ssize_t": "isize", "ptrdiff_t": "isize", "intptr_t": "isize", "uintptr_t": "usize",
    "int8_t": "i8", "int16_t": "i16", "int32_t": "i32", "int64_t": "i64",
    "uint8_t": "u8", "uint16_t": "u16", "uint32_t": "u32", "uint64_t": "u64",
    "u8": "u8", "u16": "u16", "u32": "u32", "u64": "u64",
    "s8": "i8", "s16": "i16", "s32": "i32", "s64": "i64",
    "__u8": "u8", "__u16": "u16", "__u32": "u32", "__u64": "u64",
    "__s8": "i8", "__s16": "i16", "__s32": "i32", "__s64": "i64",
    # GCC's 128-bit integers: Rust's i128/u128 share their size, alignment and x86-64 calling convention
    "__int128": "i128", "signed __int128": "i128", "__int128_t": "i128",
    "unsigned __int128": "u128", "__uint128_t": "u128",
    # Standard C and POSIX typedefs as glibc defines them on x86-64, so a signature naming one has a Rust
    # spelling even when the code never shows its definition (analysis reads SRC, not system headers).
    "time_t": "i64", "clock_t": "i64", "suseconds_t": "i64", "useconds_t": "u32", "off_t": "i64",
    "off64_t": "i64", "pid_t": "i32", "uid_t": "u32", "gid_t": "u32", "mode_t": "u32", "ino_t": "u64",
    "dev_t": "u64", "nlink_t": "u64", "blksize_t": "i64", "blkcnt_t": "i64", "socklen_t": "u32",
    "sig_atomic_t": "i32", "wchar_t": "i32", "wint_t": "u32", "char16_t": "u16", "char32_t": "u32",
    "intmax_t": "i64", "uintmax_t": "u64",
    "int_least8_t": "i8", "int_least16_t": "i16", "int_least32_t": "i32", "int_least64_t": "i64",
    "uint_least8_t": "u8", "uint_least16_t": "u16", "uint_least32_t": "u32", "uint_least64_t": "u64",
    "int_fast8_t": "i8", "int_fast16_t": "i64", "int_fast32_t": "i64", "int_fast64_t": "i64",
    "uint_fast8_t": "u8", "uint_fast16_t": "u64", "uint_fast32_t": "u64", "uint_fast64_t": "u64",
    "void": "()",
}
VOID = "core::ffi::c_void"
CSTR = "&core::ffi::CStr"  # a read-only NUL-terminated string parameter (signatures_cstr)

_QUALIFIERS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "register", "static", "extern",
               "inline", "__inline", "__inline__", "auto", "struct", "union", "enum"}
_KEYWORDS = {"as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
             "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
             "Self",
             "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async",
             "await", "dyn", "abstract", "become", "box", "do", "final", "macro", "override", "priv",
             "typeof",
             "unsized", "virtual", "yield", "try", "gen"}
_FNPTR = re.compile(r"^(?P<ret>.+?)\(\s*\*\s*\)\s*\((?P<args>.*)\)$")


def rust_ident(name: str) -> str:
    """A C identifier as a Rust identifier: keywords become raw identifiers (or get `_` if raw is illegal)."""
    # Also names generated code uses unqualified (`Option`, `Some`, `None`, `core::`, `std::`): a C item
    # of that name glob-imported from crate::shared would shadow them.
    if name in {"self", "Self", "super", "crate", "_", "Option", "Some", "None", "core", "std"}:
        return name + "_"
    return f"r#{name}" if name in _KEYWORDS else name


def static_global_symbol(c_file: str, name: str) -> str:
    """The private exported alias the kept C gives a file's static global that Rust declares (its
    initializer stays C)."""
    return "__llmigrate_g_" + re.sub(r"\W", "_", c_file) + "__" + name


def module_name(c_file: str, taken: set[str] | None = None) -> str:
    """The Rust module for a C file: its stem sanitised ("lib/int_sqrt.c" -> "int_sqrt", "x.h" -> "x_h")."""
    stem = c_file.rsplit("/", 1)[-1]
    base, _, ext = stem.rpartition(".")
    name = re.sub(r"\W", "_", base if ext == "c" else f"{base}_{ext}").lower() or "module"
    if name[0].isdigit() or name in _KEYWORDS or name in {"shared", "ffi", "kept_c", "lib"}:
        name = "m_" + name
    if taken is not None:
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name}_{n}", n + 1
        name = candidate
        taken.add(name)
    return name


def module_map(codebase: Codebase) -> dict[str, str]:
    """C file -> Rust module name for every file that defines a function, deterministic over the codebase."""
    taken: set[str] = set()
    files = sorted({f.file for f in codebase.functions.values()})
    return {f: module_name(f, taken) for f in files}


def _split_pointer(c_type: str) -> tuple[str, list[bool]]:
    """'const char * const *' -> ('const char', [pointee_const_for_each_level...]) outermost last."""
    parts = c_type.replace("*", " * ").split()
    base: list[str] = []
    levels: list[bool] = []
    seen_star = False
    pending_const = False
    for p in parts:
        if p == "*":
            levels.append(pending_const if seen_star else "const" in base)
            seen_star, pending_const = True, False
        elif seen_star:
            pending_const = pending_const or p == "const"
        else:
            base.append(p)
    return " ".join(base), levels


def _base_type(base: str, codebase: Codebase | None) -> str:
    words = [w for w in base.split() if w not in _QUALIFIERS and not w.startswith("__attribute")]
    key = " ".join(words)
    if key in SCALARS:
        return SCALARS[key]
    tagged = base.split()
    tag = next((t for t in tagged if t in {"struct", "union", "enum"}), None)
    if tag == "enum":
        return _enum_type(f"enum {key}", codebase)
    if codebase is not None and not tag and key in codebase.types:
        ct = codebase.types[key]
        if ct.kind == "typedef" and ct.target is not None:
            target = c_type_to_rust(ct.target, codebase)
            # Scalars and pointers resolve through the alias; named aggregates keep the alias name.
            if target in SCALARS.values() or target.startswith(("*", "Option<")) or target == VOID:
                return target
    return rust_ident(key) if key else VOID


def _named(base: str) -> str:
    return " ".join(w for w in base.split() if w not in _QUALIFIERS)


def _array_typedef(base: str, codebase: Codebase | None) -> bool:
    from llmigrate.signatures.kinds import typedef_array

    return codebase is not None and typedef_array(_named(base), codebase)


def _enum_type(name: str, codebase: Codebase | None) -> str:
    # gcc gives an enum type unsigned int unless an enumerator is negative.
    ct = codebase.types.get(name) if codebase else None
    if ct and any((v or "").lstrip().startswith("-") for _, v in ct.enumerators):
        return "i32"
    return "u32"


_PLAIN_TYPES: dict[str, str] = {}  # without a codebase


@per_codebase(watch=lambda codebase: tuple(map(len, (codebase.types, codebase.macros,
                                                     codebase.outside_macros, codebase.globals))))
def _rust_types(codebase: Codebase) -> dict[str, str]:
    """C type -> Rust type, filled as asked: what the mapping reads of the codebase (types, macros, globals)
    decides the answers."""
    return {}


def c_type_to_rust(c_type: str, codebase: Codebase | None = None) -> str:
    """A C type (abstract declarator text) as the FFI-safe Rust type: scalars, raw pointers, fn pointers;
    memoised per codebase: asked dozens of times per function for a few types (6% of the stage's CPU)."""
    memo = _PLAIN_TYPES if codebase is None else _rust_types(codebase)
    found = memo.get(c_type)
    if found is None:
        found = memo[c_type] = _to_rust(c_type, codebase)
    return found


def _to_rust(c_type: str, codebase: Codebase | None) -> str:
    t = _expand_type_macros(" ".join(c_type.split()), codebase)
    inner = re.match(r"^(.+?\(\s*\*)\s*\*((?:\s*\*)*\s*(?:const\s*)?\)\s*\(.*\))$", t)
    if inner:  # `void (**)(void)`: a pointer to a function pointer
        pointee = c_type_to_rust(f"{inner.group(1)}{inner.group(2)}", codebase)
        return f"*mut {pointee}"
    m = _FNPTR.match(t)
    if m:
        args = [a for a in _split_args(m["args"]) if a.strip() not in {"void", ""}]
        rust_args = ", ".join(c_type_to_rust(_strip_param_name(a), codebase) for a in args)
        ret = c_type_to_rust(m["ret"], codebase)
        return f"Option<unsafe extern \"C\" fn({rust_args}){'' if ret == '()' else ' -> ' + ret}>"
    to_array = re.match(r"^(.*?)\s*\(\s*\*\s*(const\s*)?\)\s*((?:\[[^\]]+\]\s*)+)$", t)
    if to_array:  # `int (*)[4]`: a pointer to an array (C11 6.7.6.1), `*mut [i32; 4]`
        dims = [array_dim(d, codebase) for d in re.findall(r"\[([^\]]+)\]", to_array.group(3))]
        if None not in dims:
            elem = c_type_to_rust(to_array.group(1), codebase)
            for dim in reversed(dims):
                elem = f"[{elem}; {dim}]"
            return f"*{'const' if 'const' in to_array.group(1).split() else 'mut'} {elem}"
    multi = re.match(r"^(.*?)\s*\[[^\]]*\]((?:\s*\[[^\]]+\])+)$", t)
    dims = [array_dim(d, codebase) for d in re.findall(r"\[([^\]]+)\]", multi.group(2))] if multi else []
    if multi and None not in dims:  # `int [][3]` decays to a pointer to its first element, `[i32; 3]`
        elem = c_type_to_rust(multi.group(1), codebase)
        for dim in reversed(dims):
            elem = f"[{elem}; {dim}]"
        return f"*{'const' if 'const' in multi.group(1).split() else 'mut'} {elem}"
    arr = re.match(r"^(.*?)\s*\[[^\]]*\]$", t)
    if arr:  # an array parameter decays to a pointer
        t = arr.group(1) + " *"
    base, levels = _split_pointer(t)
    # a pointer to a typedef of an array points at the whole array (`triple *`: `*mut triple`, shared.rs's
    # `[i32; 3]`); the typedef alone, as a parameter, decays to a pointer to its element
    array = levels and _array_typedef(base, codebase)
    rust = rust_ident(_named(base)) if array else _base_type(base, codebase)
    for const in levels:
        rust = f"*{'const' if const else 'mut'} {VOID if rust == '()' else rust}"
    return rust


def _expand_type_macros(t: str, codebase: Codebase | None) -> str:
    """`UNITY_PTR const void *` for `#define UNITY_PTR UNITY_ATTR const void *`: what the compiler sees, for
    object-like macros whose body is made of words and `*` only (type names, qualifiers, nothing)."""
    if codebase is None or not codebase.macros:
        return t
    for _ in range(8):
        def expand(m: re.Match) -> str:
            macro = codebase.macros.get(m.group(0))
            if macro is None or macro.function_like or m.group(0) in codebase.types \
                    or not re.fullmatch(r"[\w\s*]*", macro.body):
                return m.group(0)
            return f" {macro.body} "
        new = " ".join(re.sub(r"[A-Za-z_]\w*", expand, t).split())
        if new == t:
            break
        t = new
    return t


def array_dim(text: str, codebase: Codebase | None) -> int | None:
    """An array dimension: a decimal/hex literal, or an object-like macro defined as one (`#define N 4`)."""
    text = text.strip()
    if codebase is not None and text in codebase.macros and not codebase.macros[text].function_like:
        text = codebase.macros[text].body.strip().strip("()").strip()
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|\d+)[uUlL]*", text)
    if m and not (len(m.group(1)) > 1 and m.group(1).startswith("0") and m.group(1)[1] not in "xX"):
        return int(m.group(1), 0)
    from llmigrate.signatures.dims import constant_dim  # `[MAXN + 1]`: a constant expression over macros

    return constant_dim(text, codebase)


def _split_args(args: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in args:
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    return out + [cur] if cur.strip() else out


def _strip_param_name(arg: str) -> str:
    """'const void *a' -> 'const void *'; leaves 'const void *' alone (a best effort for prototypes)."""
    words = arg.replace("*", " * ").split()
    if len(words) >= 2 and words[-1] not in {"*", "const"} and re.fullmatch(r"[A-Za-z_]\w*", words[-1]) \
            and " ".join(words[:-1]) not in {"unsigned", "signed", "long", "short"} \
            and words[-1] not in SCALARS and words[-1] not in {"int", "char", "long", "short"}:
        return " ".join(words[:-1])
    return " ".join(words)


# A `va_list` parameter: on x86-64 the type is an array of one `__va_list_tag`, so, as any array parameter,
# it is a pointer to its element (how vprintf's own declaration reads in shared.rs).
_VA_LISTS = {"va_list", "__gnuc_va_list", "__builtin_va_list"}
_ARRAY_VA_LIST = platform.machine() in ("x86_64", "AMD64")
_VA_LIST_PARAM = "*mut __va_list_tag"


def map_signature(fn: CFunction, codebase: Codebase, modules: dict[str, str] | None = None) -> RustSignature:
    """The Rust signature of `fn`: C-ABI types, except pointer parameters whose uses prove them a reference
    or a slice (see signatures_borrow); `unsafe` while raw pointers cross it or its body holds an unsafe
    operation no rule checks (signatures_soundness)."""
    sig = interface(fn, codebase, modules)
    sig.unchecked = None if sig.unsafe else soundness.unchecked(fn, codebase)
    sig.unsafe = sig.unsafe or sig.unchecked is not None
    return sig


def interface(fn: CFunction, codebase: Codebase, modules: dict[str, str] | None = None) -> RustSignature:
    """`fn`'s Rust signature from its interface alone: `unsafe` only while it takes raw pointers (or C
    function pointers), for which the caller vouches. A raw pointer it only returns asks nothing of its
    callers (making one is safe, following one is not): its body decides (map_signature)."""
    modules = module_map(codebase) if modules is None else modules
    proven, viewed = interproc.proven(fn, codebase), voids.views(fn, codebase)
    params = []
    from llmigrate.signatures.check import safe_type
    unsupported: list[str] = []
    names = param_names(fn, codebase)
    for i, p in enumerate(fn.params):
        rust = _checked(p.type, safe_type(p.type, c_type_to_rust(p.type, codebase), VOID), codebase,
                        unsupported)
        rust = _VA_LIST_PARAM if _ARRAY_VA_LIST and p.type.strip() in _VA_LISTS else rust
        param = RustParam(name=names[i], c_type=p.type, rust_type=rust, abi_type=rust)
        if i in proven:
            if i in viewed:  # a `void *` its uses type (voids.py): the reference is to that type
                param.view = c_type_to_rust(viewed[i].c_type, codebase)
                if viewed[i].uninit:  # bytes only copied or set (voidbytes.py)
                    param.view = param.view.replace(" u8", f" {voidbytes.UNINIT}")
            elem = (param.view or rust).split(" ", 1)[1]
            up = proven[i]
            param.conv, param.len_param, param.at = up.conv, _count(fn, names, up.len_param), \
                _count(fn, names, up.at) or ""
            param.proof, param.note = rule(up), members.indexing(fn, p.name, codebase) if up.conv in (
                "ref", "mut_ref", "opt_ref", "opt_mut") else ""  # its array members indexed in place
            if up.owned and param.proof != "owned-buffer":  # another rule's proof that also rests on it
                held = list(dict.fromkeys(member(names, proven, j, m) for j, m in up.owned))
                param.note += f"; and, by rule owned-buffer, {', '.join(held)} " + \
                    ("holds only a buffer of its own" if len(held) == 1 else "hold only buffers of their own")
            param.disjoint_from, param.beneath = [names[j] for j in up.disjoint], up.beneath or ""
            param.disjoint_globals = [f"crate::shared::{rust_ident(g)}" for g in up.globals]
            param.rust_type = {"ref": f"&{elem}", "mut_ref": f"&mut {elem}", "slice": f"&[{elem}]",
                               "slice_mut": f"&mut [{elem}]", "opt_ref": f"Option<&{elem}>",
                               "opt_mut": f"Option<&mut {elem}>", "cstr": CSTR,
                               "opt_cstr": f"Option<{CSTR}>"}[up.conv]
        params.append(param)
    for up in proven.values():  # raw parameters a checked one is compared with: what their uses touch
        for j, conv, count in up.partners:
            params[j].extent = (conv, _count(fn, names, count))
    ret = _checked(fn.return_type, safe_type(fn.return_type, c_type_to_rust(fn.return_type, codebase), VOID),
                   codebase, unsupported)
    unsafe = any(p.rust_type.startswith(("*", "Option<unsafe")) for p in params)
    why = f"{fn.file}:{fn.start_line}: signature: {unsupported[0]} has no Rust equivalent with the same C " \
        "ABI" if unsupported else None
    return RustSignature(c_id=fn.id, c_name=fn.name, module=modules.get(fn.file, module_name(fn.file)),
                         rust_name=rust_ident(fn.name), params=params, ret=ret, abi_ret=ret, unsafe=unsafe,
                         exported=not fn.is_static, variadic=fn.is_variadic, unsupported=why,
                         address_taken=fn.address_taken and fn.is_static,
                         assumes=assumption(names, proven, lent_owned(fn, codebase)))


def _count(fn: CFunction, names: list[str], len_param: str | None) -> str | None:
    """The Rust spelling of a slice's count: its parameter's Rust name, or the digits of a declared size."""
    length = next((j for j, q in enumerate(fn.params) if q.name == len_param), None)
    return len_param and (names[length] if length is not None else rust_ident(len_param))


def param_names(fn: CFunction, codebase: Codebase) -> list[str]:
    """Rust names of `fn`'s parameters: one named like a global or constant of shared.rs (glob-imported into
    every module, where a binding cannot shadow a static or a constant: E0530) gets `_` appended."""
    taken = value_names(codebase)
    names = [rust_ident(p.name or f"arg{i}") for i, p in enumerate(fn.params)]
    for i, name in enumerate(names):
        while name in taken or name in names[:i] + names[i + 1:]:
            name += "_"
        names[i] = name
    return names


_VALUES: list = [None, frozenset()]  # [the Codebase (held, so its id cannot be reused), its value names]


def value_names(codebase: Codebase) -> frozenset[str]:
    """Rust names shared.rs may give statics and constants: globals, enum constants, object-like macros."""
    if _VALUES[0] is not codebase:
        names = {g.name for g in codebase.globals.values()}
        names |= {n for t in codebase.types.values() for n, _ in t.enumerators}
        names |= {m.name for m in codebase.macros.values() if not m.function_like}
        _VALUES[:] = [codebase, frozenset(rust_ident(n) for n in names)]
    return _VALUES[1]


def _checked(c_type: str, rust: str, codebase: Codebase, unsupported: list[str]) -> str:
    """`rust`, or an opaque pointer for a pointer to a type Rust cannot express (`long double *`, a typedef
    of one, a function pointer taking one); such a type by value is appended to `unsupported`."""
    from llmigrate.signatures.check import pointer_like, unexpressible

    what = unexpressible(c_type, codebase)
    if what is None:
        return rust
    if pointer_like(c_type, codebase):  # also an array parameter, or a typedef of a function pointer
        return f"*mut {VOID}"
    unsupported.append(what)
    return rust


def map_all(codebase: Codebase) -> dict[str, RustSignature]:
    """Signatures for every function of the codebase, by id."""
    modules = module_map(codebase)
    return {fid: map_signature(fn, codebase, modules) for fid, fn in codebase.functions.items()}


def raw_reasons(fn: CFunction, codebase: Codebase) -> dict[str, str]:
    """Pointer parameter name -> why it stays raw (the proof rule that failed); proven ones are absent."""
    found = interproc.decided(fn, codebase)
    return {p.name or f"arg{i}": why for i, p in enumerate(fn.params)
            if isinstance(why := found.get(i), str) and c_type_to_rust(p.type, codebase).startswith("*")}
