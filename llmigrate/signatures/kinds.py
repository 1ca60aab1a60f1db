"""What memory a C pointer may point at, by kind, for the aliasing side of the borrow proofs.

A kind is a scalar class (C lets the signed and unsigned variants of one width alias), "struct X" for a
complete struct or union, CHAR for char/void (which may alias anything) or ANY (unknown layout); a pointer
object is `ptr:K` (it points at objects of kind K; `ptr` when it points at pointers or code). `atoms` are
the kinds an object is made of, `reach` the kinds its stored pointers lead to: a `T **` member leads to
`ptr:K` objects for T's kind K (C11 6.5p7: a `T *` lvalue accesses no other pointer type) and to `void *`
slots (`ptr:char`, where generic code keeps `T *` values), never to other pointers, and so on to what
those lead to.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from llmigrate.core import CFunction, Codebase, CType, Param

ANY = "?"  # memory of unknown layout
CHAR = "char"  # what a char/void pointer points at: may alias anything
PTR = "ptr"  # a pointer object; "ptr:K" one pointing at objects of kind K (kinds.pointer)
# <stdint.h> names the mapper spells as aliases, by their glibc x86-64 type (the fast ones are wider)
_STDINT = {f"{u}int_least{n}_t": f"{u}int{n}_t" for u in ("", "u") for n in (8, 16, 32, 64)} | \
    {f"{u}int_fast{n}_t": f"{u}int{8 if n == 8 else 64}_t" for u in ("", "u") for n in (8, 16, 32, 64)} | \
    {"intmax_t": "int64_t", "uintmax_t": "uint64_t"}


@lru_cache(maxsize=4096)  # asked ~100k times for a few hundred types over the corpus's proofs
def split(c_type: str) -> tuple[str, int, bool]:
    """(base words without qualifiers, pointer depth, pointee const) of a C type; arrays count as a level."""
    t = c_type.replace("[", " * [", 1).split("[")[0] if "[" in c_type else c_type
    words = t.replace("*", " * ").split()
    depth = words.count("*")
    first = words.index("*") if depth else len(words)
    base = [w for w in words[:first] if w not in {"const", "volatile", "restrict", "__restrict"}]
    return " ".join(base), depth, "const" in words[:first]


def resolve(base: str, codebase: Codebase) -> str:
    """A typedef name followed to what it names ("u32" -> "uint32_t", "foo_t" -> "struct foo")."""
    for _ in range(8):
        t = codebase.types.get(base)
        if t is None or t.kind != "typedef" or not t.target or "*" in t.target or "(" in t.target or \
                _anonymous(t):
            return _STDINT.get(base, base)
        base = split(t.target)[0]
    return base


def _scalar_class(base: str) -> str | None:
    from llmigrate.signatures.mapper import SCALARS, c_type_to_rust

    rust = SCALARS.get(" ".join(w for w in base.split() if w not in {"struct", "union"}))
    if rust is None and base.startswith("enum "):
        rust = c_type_to_rust(base)
    if rust is None or rust == "()":
        return None
    if rust in ("i8", "u8"):
        return CHAR
    # C lets signed and unsigned variants of one type alias each other
    return {"isize": "64", "usize": "64"}.get(rust, rust.lstrip("iu") if rust[0] in "iu" else rust)


def _anonymous(t) -> bool:
    """`typedef struct { ... } name;`: the typedef itself holds the members."""
    return t.kind == "typedef" and (t.target or "").startswith(("struct {", "union {"))


def _record(base: str, codebase: Codebase):
    t = codebase.types.get(base)
    return t if t is not None and (t.kind in ("struct", "union") or _anonymous(t)) and t.complete else None


record = _record  # the complete struct or union (or anonymous one's typedef) `base` names, else None


def is_struct(base: str, codebase: Codebase) -> bool:
    """`base` names a complete struct (not a union: its members overlap)."""
    rec = _record(resolve(base, codebase), codebase)
    return rec is not None and (rec.kind == "struct" or (rec.target or "").startswith("struct"))


def kind(base: str, codebase: Codebase) -> str:
    """What a pointer to C type `base` may point at: a scalar class, "struct X", CHAR (anything), or ANY."""
    base = resolve(base, codebase)
    if base == "void":
        return CHAR
    return _scalar_class(base) or (base if _record(base, codebase) is not None else ANY)


def atoms(base: str, codebase: Codebase, seen: frozenset = frozenset()) -> set[str]:
    """Kinds of objects an object of C type `base` is or contains (members, nested; not pointees)."""
    base = resolve(base, codebase)
    k = kind(base, codebase)
    rec = _record(base, codebase)
    if rec is None or base in seen:
        return {k}
    out = {k}
    for f in fields(rec):
        ftype = member_type(f.type, codebase)
        fb, depth, _ = split(ftype)
        pointed = depth - ("[" in ftype)  # an array of pointers holds pointers
        if "(" in ftype or pointed > 1:
            out.add(PTR)  # a function pointer, or a pointer to pointers
        else:
            out |= {pointer(fb, codebase)} if pointed else atoms(fb, codebase, seen | {base})
    return out


def pointer(base: str, codebase: Codebase) -> str:
    """The kind of a pointer object pointing at objects of C type `base` (`ptr:struct node`): a `T **`
    points at these, never at other pointers by C's type rules (C11 6.5p7), nor at anything else."""
    return f"{PTR}:{kind(base, codebase)}"


def reach(base: str, codebase: Codebase, seen: frozenset = frozenset(), skip: frozenset = frozenset()
          ) -> set[str]:
    """Kinds the pointers stored in an object of C type `base` point at (transitively), but through members
    named in `skip`."""
    base = resolve(base, codebase)
    rec = _record(base, codebase)
    if rec is None or base in seen:
        return {ANY} if kind(base, codebase) == ANY else set()
    out: set[str] = set()
    for f in fields(rec):
        ftype = member_type(f.type, codebase)
        if "(" in ftype or f.name in skip:
            if f.name not in skip and re.search(r"\(\*\*", ftype):
                out.add(PTR)  # a pointer to function pointers, maybe the struct's own
            continue  # a function pointer reaches code, not data
        fb, depth, _ = split(ftype)
        pointed = depth - ("[" in ftype)
        if pointed == 1:
            out |= {kind(fb, codebase)} | reach(fb, codebase, seen | {base}, skip)
        elif pointed == 2 and kind(fb, codebase) not in (CHAR, ANY):
            # pointer objects to its kind (or a `void *` slot, where generic code keeps them), and theirs
            out |= {pointer(fb, codebase), pointer("void", codebase), kind(fb, codebase)} | \
                reach(fb, codebase, seen | {base}, skip)
        elif pointed > 1:
            out.add(CHAR)
        else:
            out |= reach(fb, codebase, seen | {base}, skip)
    return out


def member_type(c_type: str, codebase: Codebase) -> str:
    """A member's type with a typedef of a pointer spelled out (`node_p` -> `struct node *`), so that it
    counts as the pointer it is rather than as memory of unknown layout; a typedef of a function pointer
    becomes that function pointer type (which points at code, not data), also for an array of them."""
    for _ in range(8):
        base = split(c_type)[0]
        t = codebase.types.get(base)
        if t is None or t.kind != "typedef" or not t.target or "*" not in t.target and "(" not in t.target:
            return c_type
        if "(" in t.target:  # a pointer to such typedefs (`fn_t *slot`) points at a function pointer
            return t.target.replace("(*", "(*" + "*" * c_type.split("[")[0].count("*"), 1)
        c_type = re.sub(rf"(?<!\w){re.escape(base)}(?!\w)", t.target, c_type, count=1)
    return c_type


def spelled(c_type: str, codebase: Codebase) -> str | None:
    """The data pointer type a parameter spelled as a typedef of one stands for (`cbt_t` -> `struct cbt_s *`,
    `const string` -> `char *`: a qualifier before the name is the pointer's own, not its pointee's), or
    None: a type written with `*`, `[` or `(`, a scalar or record, a typedef of a function pointer or of an
    array (`typedef_array`)."""
    target = _typedef_target(c_type, codebase)
    return member_type(target, codebase) if target and "*" in target and not any(c in target for c in "[(") \
        else None


def typedef_array(c_type: str, codebase: Codebase) -> bool:
    """A parameter spelled as a typedef of an array type (`vec3 v`): a pointer to its element in C, which
    the array parameter rules (declared-size) read only as written (`int [3]`)."""
    target = _typedef_target(c_type, codebase)
    return target is not None and "[" in target and "(" not in target


def array_typed(c_type: str, codebase: Codebase) -> bool:
    """A member (or local) of C type `c_type` is an array, so its place decays to a pointer into the object
    holding it: written with `[`, or a typedef of an array (through nested typedefs and qualifiers: `quad q`
    of `typedef uint32_t quad[4]`), which the spelled type does not show."""
    return "[" in c_type or typedef_array(c_type, codebase)


def array_spelled(c_type: str, codebase: Codebase) -> str:
    """`c_type` with a typedef of a one-dimensional array of a non-array spelled out (`quad` ->
    `uint32_t [4]`), so a member declared through it is sized as the array it is; any other type as it is."""
    target = _typedef_target(c_type, codebase) if typedef_array(c_type, codebase) else None
    if target is None or target.count("[") != 1 or "*" in target or array_typed(split(target)[0], codebase):
        return c_type
    return f"const {target}" if "const" in c_type.split() and "const" not in target.split() else target


def _typedef_target(c_type: str, codebase: Codebase) -> str | None:
    """The type a typedef name (qualified or not) names in the end, when it is a pointer or an array."""
    if any(c in c_type for c in "*[("):
        return None
    name = " ".join(w for w in c_type.split() if w not in {"const", "volatile", "restrict", "__restrict"})
    for _ in range(8):
        t = codebase.types.get(name)
        if t is None or t.kind != "typedef" or not t.target:
            return None
        if any(c in t.target for c in "*[("):
            return t.target
        name = split(t.target)[0]
    return None


def is_pointer(c_type: str, codebase: Codebase) -> bool:
    """A parameter of C type `c_type` is a pointer: written with `*` or as an array, or a typedef of one
    (`spelled`); the proofs consider each."""
    return "*" in c_type or "[" in c_type or spelled(c_type, codebase) is not None or \
        typedef_array(c_type, codebase)


def spell_params(fn: CFunction, codebase: Codebase) -> CFunction:
    """`fn` with each parameter typed as a typedef of a data pointer declared as that pointer, as the
    rules read types (`split`, `"*" in`); `fn` itself when it has none."""
    params = [dataclasses.replace(p, type=t) if (t := spelled(p.type, codebase)) else p for p in fn.params]
    return fn if params == list(fn.params) else dataclasses.replace(fn, params=params)


def deep(kinds: set[str], codebase: Codebase) -> set[str]:
    """The kinds objects of `kinds` are made of: a record's members, nested; a scalar class is just itself."""
    return set().union(*(atoms(k, codebase) if _record(k, codebase) is not None else {k} for k in kinds))


def element(c_type: str, codebase: Codebase) -> tuple[str, bool] | None:
    """(base C type, const) of a one-level pointer to a scalar or a complete struct, else None. An array
    parameter of one dimension (`int [4]`, `u8 [N]`, `int []`) is that pointer (C11 6.7.6.3p7)."""
    c_type = spelled(c_type, codebase) or c_type
    if "(" in unsized(c_type) or c_type.count("[") > 1:  # an array's size may hold parentheses
        return None
    base, depth, const = split(c_type)
    if depth != 1 or "[" not in c_type and typedef_array(base, codebase):  # `triple *`: elements are arrays
        return None
    if _scalar_class(resolve(base, codebase)) is None and not is_struct(base, codebase):
        return None
    return base, const


def unsized(c_type: str) -> str:
    """`c_type` without its array sizes: `u8 [4 * (N + 1)]` -> `u8 []`."""
    return re.sub(r"\[[^\]]*\]", "[]", c_type)


def unborrowable(c_type: str, codebase: Codebase) -> str:
    """Why a pointer of C type `c_type` has no `element`: what its pointee is (the reason it stays raw)."""
    if typedef_array(c_type, codebase):
        return "pointer typedef: a typedef of an array type (the array parameter rules read `T [N]` only)"
    c_type = spelled(c_type, codebase) or c_type
    base, depth, _ = split(c_type)
    if c_type.count("[") > 1 or re.search(r"\(\s*\*[\s\w]*\)\s*\[", c_type) or \
            depth == 1 and "[" not in c_type and typedef_array(base, codebase):
        return "pointee is an array"
    if "(" in unsized(c_type):
        return "pointee is a function pointer"
    if depth > 1:
        return "pointee is a pointer"
    base = resolve(base, codebase)
    if base == "void":
        return "pointee is void (any object)"
    rec = _record(base, codebase)
    if rec is not None:
        return "pointee is a union"
    return "pointee's type is incomplete (only declared, or defined outside SRC)"


def declared_size(c_type: str, codebase: Codebase) -> int | None:
    """The size an array parameter of one dimension declares (`u8 [4 * N]` -> 4 * N as the compiler counts
    it), or None (a pointer, `[]`, a size that is no constant expression). The size may name a macro of a
    header outside SRC (a kernel shim's): the compiler read its one definition, so the C caller's contract
    is that many elements as much as for SRC's own macro."""
    from llmigrate.signatures.dims import value

    if c_type.count("[") != 1 or "(" in c_type:
        return None
    text = c_type.split("[", 1)[1].rsplit("]", 1)[0].replace("static", " ").replace("const", " ").strip()
    return value(text, codebase) if text else None


def is_stream(c_type: str, codebase: Codebase) -> bool:
    """`c_type` is a non-const one-level pointer to the C library's FILE (`FILE *`, `struct _IO_FILE *`)."""
    c_type = spelled(c_type, codebase) or c_type
    if "(" in c_type or "[" in c_type:
        return False
    base, depth, const = split(c_type)
    return depth == 1 and not const and resolve(base, codebase) in ("FILE", "struct _IO_FILE") and \
        not any(n in codebase.types for n in ("FILE", "struct _IO_FILE"))  # SRC's own FILE is another type


def is_scalar(base: str, codebase: Codebase) -> bool:
    """`base` names an integer, floating or char type (not void, not a record)."""
    return _scalar_class(resolve(base, codebase)) is not None


def members(base: str, codebase: Codebase, seen: frozenset = frozenset()) -> set[str]:
    """Names of the members of the record `base` names, and of the records it holds by value, nested."""
    base = resolve(base, codebase)
    rec = _record(base, codebase)
    if rec is None or base in seen:
        return set()
    out = {f.name for f in fields(rec)}
    for f in fields(rec):
        fb, depth, _ = split(f.type)
        if not depth or "[" in f.type and depth == 1:
            out |= members(fb, codebase, seen | {base})
    return out


def fields(rec: CType) -> tuple[Param, ...]:
    """The members of a record, an anonymous struct or union member (C11 6.7.2.1p13) replaced by its own
    members, which the code names as the record's; one whose text cannot be read stays as it is (its type
    then has an unknown layout)."""
    out: list[Param] = []
    for f in rec.fields:
        inner = _anonymous_members(f.type) if not f.name else None
        out += fields(CType("", "struct", "", 0, "", fields=list(inner))) if inner else [f]
    return tuple(out)


@lru_cache(maxsize=256)
def _anonymous_members(c_type: str) -> tuple[Param, ...] | None:
    """The members an anonymous member's type text declares (`union { int a; char * s; }`), or None."""
    if not c_type.startswith(("struct {", "union {")) or "{...}" in c_type:
        return None
    from llmigrate.analyze.decl import Text
    from llmigrate.analyze.decl import fields as declared
    from llmigrate.signatures.proof import parse_c

    data = (c_type + ";").encode()
    root = parse_c(data)
    if root.has_error:
        return None
    spec = root.named_children[0] if root.named_children else None
    body = spec.child_by_field_name("body") if spec is not None and spec.type.endswith("_specifier") else None
    return tuple(declared(Text("", data, data), body)) if body is not None else None


def nested_names(codebase: Codebase) -> tuple[set[str], set[str]]:
    """(names declared as arrays, all names) inside the untagged records of members typed `struct {...}`:
    analysis keeps no members for those, so the rules read their source, erring on the raw side."""
    arrays: set[str] = set()
    words: set[str] = set()
    for t in codebase.types.values():
        if any("{...}" in f.type for f in t.fields):
            arrays |= set(re.findall(r"(\w+)\s*\[", t.source))
            words |= set(re.findall(r"\w+", t.source))
    return arrays, words
