"""Which C signatures differential testing can drive, and the byte layout of their inputs and outputs.

A `FuncPlan` says, for one exported function, how each parameter is fed (a scalar, a struct by value, a
buffer with a length parameter, a single object behind a pointer, a NUL-terminated string) and which bytes
are compared afterwards (the return value and every object reachable through a pointer parameter). Values are
flattened to `Leaf`s, one per scalar field, so struct padding never takes part in a comparison.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.mapper import c_type_to_rust
from llmigrate.verify.difftest.context import array_dim, fnptr_candidates, stateful

# Leaf kind -> (struct format char, C storage type).
KINDS: dict[str, tuple[str, str]] = {
    "u8": ("B", "uint8_t"), "i8": ("b", "int8_t"), "u16": ("H", "uint16_t"), "i16": ("h", "int16_t"),
    "u32": ("I", "uint32_t"), "i32": ("i", "int32_t"), "u64": ("Q", "uint64_t"), "i64": ("q", "int64_t"),
    "f32": ("f", "float"), "f64": ("d", "double"), "bool": ("B", "uint8_t"),
}
_RUST_TO_KIND = {k: k for k in KINDS} | {"usize": "u64", "isize": "i64"}

BUFFER_CAP = 64  # elements of storage behind a pointer that has a length parameter
BYTE_BUFFER_CAP = 1024  # bytes behind a `void *` with a length parameter
# Largest value generated for a length-named parameter. Storage stays larger than a sum of two lengths
# (BUFFER_CAP) and than two lengths times an element-size parameter (BYTE_BUFFER_CAP).
LEN_MAX = 16
OPAQUE_CAP = 64  # bytes behind a `const void *` without a length (a key or element of unknown type)
STRING_CAP = 32  # characters of a generated `const char *` string (plus its NUL)
MAX_ARRAY_FIELD = 512  # values of an array member flattened into leaves (a name buffer, say)
_LEN_NAME = re.compile(r"^(n|n[a-z]|len|length|size|sz|count|cnt|num|nr|nbytes|nmemb|nelem|nitems|bytes|"
                       r"n_\w+|\w+_(len|length|size|sz|count|cnt|num|nr|n|bytes))$", re.IGNORECASE)
_BYTE_SIZE = re.compile(r"size|bytes|sz", re.IGNORECASE)
_QUALS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "register"}


class Unsupported(Exception):
    """This signature cannot be driven by generated inputs; the message says why."""


@dataclass
class Leaf:
    kind: str  # a KINDS key
    access: str  # C lvalue suffix from the object: "", ".m", ".a[3]"
    label: str  # for people: "m", "a[3]"

    @property
    def fmt(self) -> str:
        return KINDS[self.kind][0]

    @property
    def size(self) -> int:
        return struct.calcsize("<" + self.fmt)


@dataclass
class Shape:
    """How one C object type flattens: a scalar (one leaf, empty access) or a struct of leaves."""

    c_type: str  # C spelling used to declare storage, qualifiers dropped
    leaves: list[Leaf]
    scalar: bool = True
    enum_values: list[int] = field(default_factory=list)
    # A returned pointer, compared as where it points: arg index -> (name, element size) of the objects the
    # harness passed; encoded as (index << 32 | byte offset), -1 for NULL, -2 for anywhere else.
    targets: dict[int, tuple[str, int]] | None = None

    @property
    def fmt(self) -> str:
        return "".join(leaf.fmt for leaf in self.leaves)

    @property
    def size(self) -> int:
        return sum(leaf.size for leaf in self.leaves)


@dataclass
class ArgPlan:
    name: str
    role: str  # "scalar" | "struct" | "buffer" | "ref" | "string" | "fnptr"
    shape: Shape  # the value's shape, or the pointee's for pointer roles
    cap: int = 1  # elements of storage for pointer roles (bytes + NUL for strings)
    length_of: list[int] = field(default_factory=list)  # a scalar used as the length of these buffers
    small: bool = False  # a length-like scalar (count, element size): values 0..LEN_MAX
    length_param: int | None = None  # a buffer's length parameter
    const: bool = False  # pointee is const: an input only
    c_type: str = ""  # as written in C, for messages
    candidates: list[str] = field(default_factory=list)  # fnptr: exported functions of SRC of its type

    @property
    def raw(self) -> bool:
        """A byte buffer: carried as one bytes value rather than element by element."""
        return self.role == "buffer" and self.shape.scalar and self.shape.leaves[0].kind in ("u8", "i8")

    @property
    def in_fmt(self) -> str:
        if self.role == "string" or self.raw:
            return f"{self.cap}s"
        if self.role == "ref":  # a leading flag byte: pass NULL instead
            return "B" + self.shape.fmt * self.cap
        if self.role == "fnptr":  # 0: NULL, k: candidates[k - 1]
            return "B"
        return self.shape.fmt * (self.cap if self.role == "buffer" else 1)

    @property
    def out_fmt(self) -> str:
        if self.role == "string" or self.raw:
            return f"{self.cap}s"
        return self.shape.fmt * self.cap if self.role in ("buffer", "ref") else ""


@dataclass
class FuncPlan:
    fid: str
    name: str
    args: list[ArgPlan]
    ret: Shape | None  # None for void
    stateful: bool = False  # reaches mutable global state: each input then runs in a fresh process
    in_struct: struct.Struct = field(init=False)
    out_struct: struct.Struct = field(init=False)

    def __post_init__(self) -> None:
        self.in_struct = struct.Struct("<" + "".join(a.in_fmt for a in self.args))
        ret = self.ret.fmt if self.ret else ""
        self.out_struct = struct.Struct("<" + ret + "".join(a.out_fmt for a in self.args))


def plan_function(fn: CFunction, codebase: Codebase) -> FuncPlan:
    """The input/output plan of `fn`; raises Unsupported naming the parameter that cannot be generated."""
    if fn.is_static:
        raise Unsupported("static: not exported through the C ABI")
    if fn.is_variadic:
        raise Unsupported("variadic")
    ret = None
    if "(" in fn.return_type:
        raise Unsupported(f"returns a function pointer ({fn.return_type})")
    if "*" in fn.return_type:
        ret = Shape("", [Leaf("i64", "", "")], targets={})
    elif _clean(fn.return_type) != "void":
        ret = _shape(fn.return_type, codebase, "return value")
    args = [_arg(p.name or f"arg{i}", p.type, codebase) for i, p in enumerate(fn.params)
            if _clean(p.type) != "void"]
    _link_lengths(args)
    for a in args:
        if a.role == "needs_length" and a.const and not a.shape.leaves:
            # `const void *` alone (comparators, keys): opaque input bytes, zero-guarded, read-only.
            a.role, a.shape, a.cap = "buffer", Shape("uint8_t", [Leaf("u8", "", "")]), OPAQUE_CAP
        if a.role == "needs_length":
            raise Unsupported(f"parameter '{a.name}' ({a.c_type}) is a pointer without a length parameter")
    if ret is not None and ret.targets is not None:
        ret.targets = {j: (a.name, a.shape.size if a.role != "string" else 1) for j, a in enumerate(args)
                       if a.role in ("buffer", "ref", "string")}
    return FuncPlan(fid=fn.id, name=fn.name, args=args, ret=ret, stateful=stateful(fn, codebase))



def _clean(c_type: str) -> str:
    return " ".join(w for w in c_type.split() if w not in _QUALS)


def _arg(name: str, c_type: str, codebase: Codebase) -> ArgPlan:
    arg = _arg_role(name, " ".join(c_type.split()), codebase)
    arg.c_type = " ".join(c_type.split())
    return arg


def _arg_role(name: str, t: str, codebase: Codebase) -> ArgPlan:
    if "(" in t or c_type_to_rust(t, codebase).startswith("Option<"):
        # Called with NULL and with each exported function of its type: both sides link their own.
        return ArgPlan(name, "fnptr", Shape("", []), candidates=fnptr_candidates(t, codebase))
    arr = re.fullmatch(r"(.*?)\s*\[\s*(\w*)\s*\]", t)
    if arr:
        dim = int(arr.group(2), 0) if arr.group(2).isdigit() else None
        if dim is not None and 0 < dim <= BUFFER_CAP:
            return ArgPlan(name, "buffer", _shape(arr.group(1), codebase, name), cap=dim)
        t = arr.group(1) + " *"
    rust = c_type_to_rust(t, codebase)
    if not rust.startswith("*"):
        shape = _shape(t, codebase, name)
        return ArgPlan(name, "scalar" if shape.scalar else "struct", shape)
    if rust.count("*") > 1:
        raise Unsupported(f"parameter '{name}' is a pointer to a pointer ({t})")
    if "*" not in t:  # e.g. `char [][N + 1]`: a pointer to arrays whose text names no pointer
        raise Unsupported(f"parameter '{name}' is a pointer to arrays ({t})")
    pointee = t[:t.rindex("*")].strip()
    const = "const" in pointee.split()
    base = _clean(pointee)
    if base == "void":
        return ArgPlan(name, "needs_length", Shape("", []), cap=BYTE_BUFFER_CAP, const=const)
    shape = _shape(pointee, codebase, name)
    if base == "char":
        return ArgPlan(name, "string" if const else "needs_length", shape, cap=STRING_CAP + 1, const=const)
    return ArgPlan(name, "ref", shape, cap=1, const=const)


def _link_lengths(args: list[ArgPlan]) -> None:
    """Give each pointer its length parameter: the nearest length-named integer after it, or just before."""
    lengths = [i for i, a in enumerate(args) if a.role == "scalar" and _LEN_NAME.match(a.name)
               and a.shape.leaves[0].kind not in ("f32", "f64", "bool")]
    for i, a in enumerate(args):
        # A string carries its own length; a nearby size is more likely a capacity.
        if a.role not in ("ref", "needs_length") or not lengths:
            continue
        after = [j for j in lengths if j > i]
        if after:
            j = after[0]
        elif i - 1 in lengths and not args[i - 1].length_of:  # `size_t n, int *v`: unclaimed, adjacent
            j = i - 1
        else:
            continue  # a pointer after the buffers and their lengths: an out-parameter
        if not a.shape.scalar and a.shape.leaves and (_BYTE_SIZE.search(args[j].name) or any(
                args[k].role in ("ref", "needs_length", "string") for k in range(min(i, j) + 1, max(i, j)))):
            continue  # an object (`inode, pos, buf, len`; `inode, size`), not an array of them
        if a.role == "needs_length" and not a.shape.leaves:  # void *: bytes
            a.shape = Shape("uint8_t", [Leaf("u8", "", "")])
        a.role, a.length_param = "buffer", j
        a.cap = BYTE_BUFFER_CAP if a.shape.c_type == "uint8_t" and a.cap == BYTE_BUFFER_CAP else BUFFER_CAP
        args[j].length_of.append(i)
    if any(a.role in ("buffer", "needs_length") for a in args):
        for j in lengths:  # also the unclaimed ones: an element size times a count must fit the storage
            args[j].small = True


def _shape(c_type: str, codebase: Codebase, what: str, depth: int = 0) -> Shape:
    t = _clean(c_type)
    rust = c_type_to_rust(t, codebase)
    if rust in _RUST_TO_KIND:
        kind = _RUST_TO_KIND[rust]
        return Shape(KINDS[kind][1], [Leaf(kind, "", "")], enum_values=_enum_values(t, codebase))
    if rust.startswith(("*", "Option<")) or rust in ("()", "core::ffi::c_void"):
        raise Unsupported(f"'{what}' has type {c_type}, which is not a plain value")
    ctype = _aggregate(t, codebase)
    if ctype is None or depth > 4:
        raise Unsupported(f"'{what}' has type {c_type}, whose definition is unknown or not a struct")
    leaves: list[Leaf] = []
    for f in ctype.fields:
        leaves += _field_leaves(f.name, f.type, codebase, what, depth)
    return Shape(t, leaves, scalar=False)


def _field_leaves(name: str, c_type: str, codebase: Codebase, what: str, depth: int) -> list[Leaf]:
    try:
        return [Leaf(leaf.kind, f".{name}{leaf.access}", _join(name, leaf.label))
                for leaf in _value_leaves(c_type, codebase, f"{what}.{name}", depth + 1)]
    except Unsupported as e:
        raise Unsupported(f"'{what}' has a member '{name}' of type {c_type} that cannot be generated") from e


def _value_leaves(c_type: str, codebase: Codebase, what: str, depth: int) -> list[Leaf]:
    """Leaves of a member's type, arrays (also nested) flattened element by element. Pointer members have
    none: they stay NULL and are not compared (an address means nothing in the other process)."""
    arr = re.fullmatch(r"(.*?)\s*\[([^\]]*)\]((?:\s*\[[^\]]*\])*)", " ".join(c_type.split()))
    elem = arr.group(1) if arr else c_type
    if "*" in elem or "(" in elem or c_type_to_rust(_clean(elem), codebase).startswith(("*", "Option<")):
        return []
    if not arr:
        return _shape(c_type, codebase, what, depth).leaves
    dim = array_dim(arr.group(2), codebase)
    if dim is None:
        raise Unsupported(f"'{what}' is an array of [{arr.group(2)}] elements, a size not known here")
    inner = _value_leaves(arr.group(1) + arr.group(3), codebase, what, depth)
    if dim * len(inner) > MAX_ARRAY_FIELD:
        raise Unsupported(f"'{what}' is an array of more than {MAX_ARRAY_FIELD} values")
    return [Leaf(leaf.kind, f"[{k}]{leaf.access}", _join(f"[{k}]", leaf.label))
            for k in range(dim) for leaf in inner]


def _join(a: str, b: str) -> str:
    return a if not b else a + b if b.startswith("[") else f"{a}.{b}"


def _aggregate(t: str, codebase: Codebase):
    """The struct definition behind a C type name, following typedefs; None for unions and unknowns."""
    seen = set()
    while t not in seen:
        seen.add(t)
        ct = codebase.types.get(t)
        if ct is None and not t.startswith(("struct ", "union ", "enum ")):
            ct = codebase.types.get(f"struct {t}")
        if ct is None:
            return None
        if ct.kind == "struct":
            return ct if ct.complete and ct.fields else None
        if ct.kind != "typedef" or not ct.target:
            return None
        t = _clean(ct.target)
    return None


def _enum_values(t: str, codebase: Codebase) -> list[int]:
    """The enumerators' values of an enum type (after typedefs), for choosing meaningful inputs."""
    ct = codebase.types.get(t)
    for _ in range(4):
        if ct is None or ct.kind != "typedef" or not ct.target:
            break
        ct = codebase.types.get(_clean(ct.target))
    if ct is None or ct.kind != "enum":
        return []
    values, nxt = [], 0
    for _, text in ct.enumerators:
        if text is not None:
            try:
                nxt = int(text.strip().rstrip("uUlL"), 0)
            except ValueError:
                return sorted(set(values))  # an expression we do not evaluate: keep what we know
        values.append(nxt)
        nxt += 1
    return sorted(set(values))
