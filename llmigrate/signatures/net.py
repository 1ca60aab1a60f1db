"""The safety net after emission: a safe Rust fn whose `unsafe` blocks hold an operation other than a call of
a scalar-only C function (of the C library, or one the crate declares `extern` with scalars only) is a bug
of signatures_soundness (the rule: a safe fn never wraps an unchecked unsafe operation). Cheap and
syntactic, with the crate's names: unsafe operations are raw dereferences (`*p`, also `*r` of a reference
inside `unsafe`, so it errs on the strict side), the raw-pointer method family, `static mut` accesses and
calls of unsafe, extern or function-pointer fns. Union field reads are not seen (no types).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.rust_syntax import Source, parse, walk
from llmigrate.signatures import libfns
from llmigrate.signatures.cstr import is_checked
from llmigrate.signatures.libc import SCALAR_EXTERNS
from llmigrate.signatures.proof import STD_STREAMS

# Each starts with its keyword, the word boundary checked behind it: a pattern opening with `\b` has no
# literal prefix for `re` to search by, and tries every position of the crate's text (30x slower).
_STATIC_MUT = re.compile(r"static(?<=\bstatic)\s+mut\s+(\w+)")
# not the C ABI entries (`unsafe extern "C" fn f`, only ever called through pointers): a Rust fn of the same
# name is called by its own path
_UNSAFE_FN = re.compile(r"unsafe(?<=\bunsafe)\s+fn\s+(?:r#)?(\w+)")
_EXTERN_BLOCK = re.compile(r"extern\s+\"C\"\s*\{(.*?)\n\}", re.DOTALL)
_FN_NAME = re.compile(r"\bfn\s+(?:r#)?(\w+)")
_EXTERN_FN = re.compile(r"\bfn\s+(?:r#)?(\w+)\s*\(([^)]*)\)\s*(?:->\s*([^;]+))?;")
_ALIAS = re.compile(r"type(?<=\btype)\s+(\w+)\s*=\s*([\w:]+)\s*;")
_SCALARS = {*(f"{s}{n}" for s in "iu" for n in (8, 16, 32, 64, 128, "size")), "f32", "f64", "bool",
            *(f"c_{t}" for t in "char schar uchar short ushort int uint long ulong longlong ulonglong float "
              "double".split())}
# Raw-pointer methods and functions that are unsafe to call.
PTR_FNS = {"read", "write", "offset", "add", "sub", "read_unaligned", "write_unaligned", "read_volatile",
           "write_volatile", "copy", "copy_nonoverlapping", "write_bytes", "offset_from", "as_ref", "as_mut",
           "transmute", "zeroed", "replace", "swap", "drop_in_place", "from_raw_parts", "from_raw_parts_mut",
           "unreachable_unchecked", "from_ptr"}
_PATHS = {"identifier", "scoped_identifier", "field_expression", "generic_function"}
_OPTION_REF = re.compile(r"Option<&(?:mut )?[\w:]+>")
_OPTION_METHOD = re.compile(r"(?:r#)?\w+\.(?:as_mut|as_ref)\(\)")


@dataclass
class Names:
    """What makes code unsafe in one crate, by (last) name."""

    statics: set[str]
    unsafe_fns: set[str]  # unsafe fns of the crate and extern fns
    scalar_externs: set[str] = field(default_factory=set)  # extern fns taking and returning scalars only


def names_in(texts: list[str]) -> Names:
    """The `static mut`s, unsafe fns and extern fns the Rust sources `texts` define."""
    blocks = [block for t in texts for block in _EXTERN_BLOCK.findall(t)]
    externs = {n for block in blocks for n in _FN_NAME.findall(block)}
    scalar = _SCALARS | {a for t in texts for a, target in _ALIAS.findall(t) if target in _SCALARS}
    return Names({n for t in texts for n in _STATIC_MUT.findall(t)},
                 {n for t in texts for n in _UNSAFE_FN.findall(t)} | externs,
                 {n for block in blocks for n, params, ret in _EXTERN_FN.findall(block)
                  if all(_type(p.partition(":")[2]) in scalar for p in params.split(",") if p.strip())
                  and (not ret or _type(ret) in scalar)})


def _type(text: str) -> str:
    """A Rust type's last path segment (`core::ffi::c_int` -> `c_int`), or "" for a pointer or a fn."""
    text = text.strip()
    return "" if re.search(r"[*&(<\[]|\bfn\b|\.\.\.", text) or not text else text.rsplit("::", 1)[-1]


def crate_names(out: Path) -> Names:
    """The names of the crate in OUT directory `out`."""
    files = sorted((out / "src").rglob("*.rs"))
    return names_in([p.read_text(encoding="utf-8", errors="replace") for p in files])


def last_name(src: Source, node) -> str:
    """The last name of a call's function: `read` of `read`, `core::ptr::read`, `p.read`, `ptr::read::<T>`."""
    while node is not None and node.type == "generic_function":
        node = node.child_by_field_name("function")
    if node is not None and node.type in ("scoped_identifier", "field_expression"):
        node = node.child_by_field_name("name" if node.type == "scoped_identifier" else "field")
    return src.cut(node) if node is not None else ""


def is_op(src: Source, node, names: Names) -> bool:
    """Is this node one unsafe operation: a raw dereference, a raw-pointer method, an unsafe/extern fn call, a
    `static mut` access? (Calls through function pointers: `unsafe_op`.)"""
    if node.type == "unary_expression":
        return node.child(0).type == "*"
    if node.type == "call_expression":
        name = last_name(src, node.child_by_field_name("function"))
        return name in names.unsafe_fns or name in PTR_FNS
    if node.type == "identifier" and src.cut(node) in names.statics:
        return node.parent is None or node.parent.type != "static_item"
    return False


def unsafe_op(src: Source, node, names: Names, strings: frozenset[str] = frozenset(),
              refs: frozenset[str] = frozenset(), options: frozenset[str] = frozenset(),
              slices: frozenset[str] = frozenset(), raws: frozenset[str] = frozenset()) -> str | None:
    """The text of `node` when it is an unsafe operation other than a call of a scalar-only C library
    function or a checked one (`strings`: the fn's `&CStr` parameters), else None; `refs`: the fn's
    reference parameters no `let` rebinds, whose `*r` reads through a reference, not a raw pointer;
    `options`: its `Option<&T>` ones, whose `o.as_mut()` is Option's method, not a raw pointer's; `slices`:
    its locals of rule library-result, whose elements are C strings by the library's contract; `raws`: its
    bindings typed raw pointers (`_raw_bindings`), never a checked call's argument."""
    if node.type == "unary_expression" and node.child(0).type == "*" and node.named_child_count == 1 and \
            node.named_children[0].type == "identifier" and src.cut(node.named_children[0]) in refs:
        return None
    if node.type == "call_expression" and _OPTION_METHOD.fullmatch(src.cut(node)) and \
            src.cut(node).split(".")[0] in options:
        return None
    if node.type == "identifier" and src.cut(node) in STD_STREAMS and \
            _checked_call(src, node.parent, strings, slices, raws):
        return None  # `crate::shared::stderr` as a checked call's stream
    if node.type == "call_expression" and (_checked_call(src, node, strings, slices, raws) or
                                           _library_slice(src, node)):
        return None
    if node.type == "call_expression":
        fn = node.child_by_field_name("function")
        if fn is not None and fn.type not in _PATHS:  # `(f.unwrap())(x)`: through a function pointer
            return src.cut(node)
        name = last_name(src, fn)
        scalar = name in SCALAR_EXTERNS or name in names.scalar_externs
        if scalar and src.cut(fn).startswith("crate::shared::") or name == "zeroed":
            return None  # zeroed: all-zero is a valid value of every type C data gets (integers, floats, raw
            # pointers, Option<fn>, repr(C) aggregates of them)
    return src.cut(node) if is_op(src, node, names) else None


def unsound(text: str, names: Names) -> list[str]:
    """"fn NAME: OPERATION" for each unsafe operation other than a call of a scalar-only C library function
    inside an unsafe block of a safe fn of `text`."""
    src, found = parse(text), []
    for fn in walk(src.root):
        if fn.type != "function_item" or is_unsafe_fn(fn):
            continue
        name = src.cut(fn.child_by_field_name("name"))
        params = fn.child_by_field_name("parameters")
        strings = frozenset(src.cut(p.child_by_field_name("pattern")) for p in params.named_children
                            if p.type == "parameter" and "CStr" in src.cut(p)) if params else frozenset()
        refs, options = _reference_params(src, fn), _reference_params(src, fn, option=True)
        slices, raws = _library_slices(src, fn), _raw_bindings(src, fn)
        for block in walk(fn):
            if block.type == "unsafe_block" and owner_fn(block).id == fn.id:
                found += [f"fn {name}: {' '.join(op.split())[:80]}" for d in walk(block) if
                          (op := unsafe_op(src, d, names, strings, refs, options, slices, raws)) is not None]
    return found


# what a checked call's argument may make a pointer from: a literal, a `&CStr` parameter, a standard stream
# (a literal passed through `...` is C's `char *`, `*mut i8`: the checked callee only reads it; rustfmt may
# break a long one's line before `.as_ptr()`)
_CHAR_CAST = r"(?:\s+as\s+\*(?:const|mut)\s+[iu]8)?"
_LITERAL_PTR = re.compile(r'\b[cb]"(?:[^"\\]|\\.)*"\s*\.as_ptr\(\)' + _CHAR_CAST)
# what a buffer argument of a local-buffer-call (libfns.Buffer) may be: a local place's address, NULL, cast
# (soundness.py checked the extents on the C; a `static mut` named here is an operation of its own)
_LOCAL_PTR = re.compile(r"(?:core::ptr::addr_of(?:_mut)?!\(\s*(?:r#)?\w+\s*\)"
                        r"|(?<![\w.])(?:r#)?\w+\.as(?:_mut)?_ptr\(\)|core::ptr::null(?:_mut)?(?:::<[^()]*>)?\(\))"
                        r"(?:\s+as\s+(?:\*(?:const|mut)\s+)+[\w:]+)*")
_POINTERISH = re.compile(r"as_ptr|as_mut_ptr|\*const|\*mut|null|addr_of|&raw|from_ptr|offset|\.add\(|\bsub\(")


def _checked_call(src: Source, node, strings: frozenset[str], slices: frozenset[str] = frozenset(),
                  raws: frozenset[str] = frozenset()) -> bool:
    """A call `crate::shared::f(..)` of a C library function signatures_cstr may prove checked, whose
    arguments make pointers only from literals, the fn's `&CStr` parameters (or a tail `s[at..]` of one,
    rule c-string-cursor) and stdout/stderr (the format and scalar types soundness.py checked on the C);
    naming none of the fn's raw-pointer bindings `raws`, whatever the rest of its text looks like."""
    while node is not None and node.type in ("scoped_identifier", "arguments"):
        node = node.parent
    fn = node.child_by_field_name("function") if node is not None and node.type == "call_expression" else None
    if fn is None or not src.cut(fn).startswith("crate::shared::") or not is_checked(last_name(src, fn)):
        return False
    lib = libfns.TABLE.get(last_name(src, fn))
    for arg in node.child_by_field_name("arguments").named_children:
        text = _LITERAL_PTR.sub("", src.cut(arg))
        if lib is not None and lib.buffers:
            text = _LOCAL_PTR.sub("", text)
        for s in strings:
            # or its tail; cast as a literal may be, to the `char *` a variadic argument of C's type is
            text = re.sub(rf"\b{re.escape(s)}(?:\[\w+\.\.\])?\.as_ptr\(\)" + _CHAR_CAST, "", text)
        for s in slices:  # an element, as C's `char *` or `const char *`
            text = re.sub(rf"(?<![\w.]){re.escape(s)}\[[^\[\]]*\](?:\s+as\s+\*const\s+[iu]8)?", "", text)
        if _POINTERISH.search(re.sub(r"crate::shared::std(?:out|err)\b", "", text)) or \
                raws.intersection(_NAMES.findall(text)):
            return False
    return True


_NAMES = re.compile(r"(?<![\w.:#])(?:r#)?([A-Za-z_]\w*)")  # a binding's name, not a field's or a path's tail


def _raw_bindings(src: Source, fn) -> frozenset[str]:
    """The names `fn` binds to raw pointers where the Rust says so: a parameter typed `*const T`/`*mut T`,
    `let p: *mut T = ..`, `let p = <a raw pointer>` (`_raw_value`), by name over the whole fn: the strict
    side."""
    found: set[str] = set()
    for _ in range(2):  # `let q = p;` after `let p = ..;`, as a later `let` may name an earlier one
        for d in walk(fn):
            typ, pat = d.child_by_field_name("type"), d.child_by_field_name("pattern")
            if d.type in ("parameter", "let_declaration") and pat is not None and \
                    (typ is not None and typ.type == "pointer_type" or
                     d.type == "let_declaration" and _raw_value(src, d.child_by_field_name("value"), found)):
                found |= {src.cut(i) for i in walk(pat) if i.type == "identifier"}
    return frozenset(found)


# methods and functions whose result is a raw pointer (not `wrapping_add`: integers have it too)
_RAW_METHODS = {"as_ptr", "as_mut_ptr", "add", "sub", "offset", "wrapping_offset", "cast", "cast_mut",
                "cast_const", "null", "null_mut"}


def _raw_value(src: Source, v, raws: set[str]) -> bool:
    """`v` is a raw pointer by its outermost form: a cast to one, `x.as_ptr()` and the pointer-arithmetic
    methods, `core::ptr::null()`, `addr_of!`, `&raw`, a raw binding `raws` names (through parentheses and
    a block's or `unsafe` block's value)."""
    while v is not None and v.type in ("parenthesized_expression", "unsafe_block", "block"):
        v = v.named_children[-1] if v.named_children else None
    if v is None:
        return False
    if v.type == "type_cast_expression":
        t = v.child_by_field_name("type")
        return t is not None and t.type == "pointer_type"
    if v.type == "call_expression":
        return last_name(src, v.child_by_field_name("function")) in _RAW_METHODS
    if v.type == "macro_invocation":
        return src.cut(v).split("!")[0].rsplit("::", 1)[-1] in ("addr_of", "addr_of_mut")
    return v.type == "identifier" and src.cut(v) in raws or src.cut(v).startswith("&raw ")


# the slice of rule library-result (libresults.py): the result NULL-tested, its length the count argument's
_LIBRARY_SLICE = re.compile(r"core::slice::from_raw_parts\(\s*core::ptr::NonNull::new\("
                            r"\s*(crate::shared::\w+\(.*\))\s*\)\s*\.expect\(\s*\"[^\"]*\"\s*\)\s*\.as_ptr\(\)\s*,\s*usize::try_from\(\s*(\w+)\s*\)"
                            r"\s*\.unwrap_or\(\s*0\s*\)\s*,?\s*\)", re.DOTALL)


def _library_slice(src: Source, node) -> bool:
    """`core::slice::from_raw_parts` of what a library function with a counted result (libfns.LibFn.elements)
    returned, tested for NULL, of the length its count argument says (the call itself a checked one)."""
    m = _LIBRARY_SLICE.fullmatch(src.cut(node))
    inner = next((d for d in walk(node) if d.type == "call_expression" and src.cut(d) == m[1]), None) \
        if m else None
    lib = libfns.TABLE.get(last_name(src, inner.child_by_field_name("function"))) if inner else None
    if lib is None or lib.elements is None or not _checked_call(src, inner, frozenset()):
        return False
    args = inner.child_by_field_name("arguments").named_children
    return len(args) == lib.arity and src.cut(args[lib.elements]) == m[2]


def _library_slices(src: Source, fn) -> frozenset[str]:
    """The locals `fn` binds to a slice of rule library-result (`let x: &[T] = unsafe { .. };`)."""
    found = set()
    for d in walk(fn):
        value = d.child_by_field_name("value") if d.type == "let_declaration" else None
        inner = value.named_children[-1] if value is not None and value.type == "unsafe_block" and \
            value.named_children else None
        call = inner.named_children[0] if inner is not None and inner.type == "block" and \
            len(inner.named_children) == 1 else inner
        pat = d.child_by_field_name("pattern")
        if call is not None and call.type == "call_expression" and _library_slice(src, call) and \
                pat is not None and pat.type == "identifier":
            found.add(src.cut(pat))
    return frozenset(found)


def _reference_params(src: Source, fn, option: bool = False) -> frozenset[str]:
    """The parameters of `fn` typed `&T`/`&mut T` (`option`: `Option<&T>`/`Option<&mut T>`) that no pattern
    of its body (`let`, `if let`, `match`, `for`, a closure's parameters) binds again."""
    params = fn.child_by_field_name("parameters")
    own = params.named_children if params else []
    refs = {src.cut(p.child_by_field_name("pattern")) for p in own
            if p.type == "parameter" and (t := p.child_by_field_name("type")) is not None and
            (t.type == "reference_type" if not option else _OPTION_REF.fullmatch(src.cut(t)) is not None)}
    patterns = [pat for d in walk(fn) if (params is None or d.parent is None or d.parent.id != params.id) and
                (pat := d.child_by_field_name("pattern")) is not None and not _same(src, d)] + \
        [d for d in walk(fn) if d.type == "closure_parameters"]
    rebound = {src.cut(i) for pat in patterns for i in walk(pat) if i.type == "identifier"}
    return frozenset(refs - rebound)


def _same(src: Source, d) -> bool:
    """`let [mut] p = p;`: the binding is the value it shadows (the builtin's copy of a parameter)."""
    value, pat = d.child_by_field_name("value"), d.child_by_field_name("pattern")
    name = [src.cut(i) for i in walk(pat) if i.type == "identifier"] if pat is not None else []
    return d.type == "let_declaration" and d.child_by_field_name("type") is None and value is not None and \
        value.type == "identifier" and name == [src.cut(value)]


def owner_fn(node):
    """The innermost function item around `node`."""
    while node.parent is not None and node.type != "function_item":
        node = node.parent
    return node if node.type == "function_item" else node.parent


def is_unsafe_fn(fn) -> bool:
    mods = next((c for c in fn.children if c.type == "function_modifiers"), None)
    return mods is not None and any(c.type == "unsafe" for c in mods.children)
