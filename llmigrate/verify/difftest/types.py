"""Which C signatures differential testing can drive, and the byte layout of their inputs and outputs.

A `FuncPlan` says, for one function (static ones too), how each parameter is fed (a scalar, a struct by
value, a buffer with a length parameter, objects behind a pointer or one the module's constructors make, a
NUL-terminated string, a `FILE *` on memory) and which bytes are compared afterwards (the return value and
every object reachable through a pointer parameter, pointers followed as shapes.py says). Values are flattened
to `Leaf`s, one per scalar field, so struct padding never takes part in a comparison.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass, field

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.mapper import c_type_to_rust
from llmigrate.verify.difftest.callbacks import harness_callback
from llmigrate.verify.difftest.context import array_dim, fnptr_candidates, stateful
from llmigrate.verify.difftest.shapes import (
    COUNT_NAME,
    KINDS,
    STRING_CAP,
    WHERE,
    Builder,
    Leaf,
    Ptr,
    Shape,
    Unsupported,
)
from llmigrate.verify.difftest.typedefs import clean, resolve_pointer, typedef_target

__all__ = ["KINDS", "STRING_CAP", "ArgPlan", "FuncPlan", "Leaf", "Ptr", "Shape", "Unsupported",
           "plan_function"]

BUFFER_CAP = 64  # elements of storage behind a pointer that has a length parameter
BYTE_BUFFER_CAP = 1024  # bytes behind a `void *` with a length parameter
# Largest value generated for a length-named parameter. Storage stays larger than a sum of two lengths
# (BUFFER_CAP) and than two lengths times an element-size parameter (BYTE_BUFFER_CAP).
LEN_MAX = 16
ARRAY_BYTES = 4096  # input bytes of an array parameter given in full (`float out[192]`)
OPAQUE_CAP = 64  # bytes behind a `void *` without a length (a key or element of unknown type)
RECORD_BUDGET = 1 << 15  # bytes of one input or output record: deeper pointers are given up first
MAX_MAKERS = 3  # constructors tried per parameter
ROWS = 4  # rows given to a parameter `T a[][N]`
STREAM_CAP = 512  # bytes of memory behind a `FILE *` (the first STRING_CAP hold generated text to read)
REF_INDEXED = 8  # objects behind a pointer when another parameter is named like an index
_SIMPLE = ("scalar", "struct", "buffer", "string", "fnptr")  # what a constructor may take
_LEN_NAME = re.compile(r"^(n|n[a-z]|len|length|size|sz|count|cnt|num|nr|nbytes|nmemb|nelem|nitems|bytes|"
                       r"n_\w+|\w+_(len|length|size|sz|count|cnt|num|nr|n|bytes))$", re.IGNORECASE)
_BYTE_SIZE = re.compile(r"size|bytes|sz", re.IGNORECASE)
_CHARS = ("char", "signed char", "unsigned char")
# An index into what another argument holds: small values half of the time, like counts.
_INDEX_NAME = re.compile(r"^(i|j|k|idx|index|pos|position|row|col|nth|\w+_(idx|index|pos))$", re.IGNORECASE)


@dataclass
class ArgPlan:
    name: str
    role: str  # "scalar" | "struct" | "buffer" | "ref" | "string" | "stream" | "fnptr"
    shape: Shape  # the value's shape, or the pointee's for pointer roles
    cap: int = 1  # elements of storage for pointer roles (bytes + NUL for strings)
    length_of: list[int] = field(default_factory=list)  # a scalar used as the length of these buffers
    small: bool = False  # a length-like scalar (count, element size): values 0..LEN_MAX
    counts: bool = False  # named like a count or a dimension: small values half of the time
    length_param: int | None = None  # a buffer's length parameter
    const: bool = False  # pointee is const: an input only
    c_type: str = ""  # as written in C, for messages
    candidates: list[str] = field(default_factory=list)  # fnptr: exported functions of SRC of its type
    # ref: the module's own constructors of the object (the input chooses one, or a generated object)
    makers: list[Maker] = field(default_factory=list)
    opaque: str = ""  # ref: why no object can be generated (its definition is unknown): constructors only
    callback: str = ""  # fnptr: the C definition of the harness's own function (callbacks.py), if given

    @property
    def raw(self) -> bool:
        """A byte buffer: carried as one bytes value rather than element by element."""
        return self.role == "buffer" and self.shape.scalar and self.shape.leaves[0].kind in ("u8", "i8")

    @property
    def heap(self) -> bool:
        """Storage on the heap: its objects hold pointers, and the function may free them with it."""
        return self.role in ("buffer", "ref") and bool(self.shape.pointers or self.makers)

    @property
    def in_fmt(self) -> str:
        if self.role == "stream":  # text to read; what is written is compared (out_fmt)
            return f"{STRING_CAP + 1}s"
        if self.role == "string" or self.raw:
            return f"{self.cap}s"
        if self.role == "ref":  # a leading byte: 0 the object, 1 NULL, 2 + k made by makers[k] (its inputs)
            made = "".join(m.plan.in_struct.format[1:] for m in self.makers)
            return "B" + self.shape.in_fmt * self.cap + made
        if self.role == "fnptr":  # 0: NULL, k: candidates[k - 1]
            return "B"
        return self.shape.in_fmt * (self.cap if self.role == "buffer" else 1)

    @property
    def out_fmt(self) -> str:
        if self.role in ("string", "stream") or self.raw:
            return f"{self.cap}s"
        if self.role not in ("buffer", "ref"):
            return ""
        # Heap storage is compared as a followed pointer: the function may have freed it.
        return (WHERE if self.heap else "") + self.shape.out_fmt * self.cap


@dataclass
class FuncPlan:
    fid: str
    name: str
    args: list[ArgPlan]
    ret: Shape | None  # None for void
    stateful: bool = False  # reaches mutable global state: each input then runs in a fresh process
    # The library's initialisers each side calls first (context.setups), for a function that cannot run
    # without them: assertions that the library was set up fail every input otherwise.
    setup: list[str] = field(default_factory=list)
    in_struct: struct.Struct = field(init=False)
    out_struct: struct.Struct = field(init=False)

    def __post_init__(self) -> None:
        self.in_struct = struct.Struct("<" + "".join(a.in_fmt for a in self.args))
        ret = self.ret.out_fmt if self.ret else ""
        self.out_struct = struct.Struct("<" + ret + "".join(a.out_fmt for a in self.args))


@dataclass
class Maker:
    """A constructor of the module: a function of the same file returning a new object of a parameter's type
    from values the harness generates. Both sides make the object with their own constructor."""

    fid: str
    name: str
    plan: FuncPlan


def plan_function(fn: CFunction, codebase: Codebase, makers: bool = True) -> FuncPlan:
    """The input/output plan of `fn`; raises Unsupported naming the parameter that cannot be generated.
    Pointers held by the objects given are followed as deep as the record budget allows."""
    for depth in range(Builder(codebase).max_depth, -1, -1):
        plan = _plan(fn, codebase, Builder(codebase, depth), makers)
        if max(plan.in_struct.size, plan.out_struct.size) <= RECORD_BUDGET or depth == 0:
            return plan
    raise AssertionError("unreachable")


def find_makers(fn: CFunction, c_type: str, codebase: Codebase) -> list[Maker]:
    """Constructors for an object that `fn`'s parameter of type `c_type` points to (see Maker)."""
    want = _pointee_key(c_type, codebase)
    found = []
    for other in sorted(codebase.functions.values(), key=lambda f: (len(f.params), f.id)):
        if other.file != fn.file or other.id == fn.id or other.is_static or other.is_variadic or \
                _pointee_key(other.return_type, codebase) != want:
            continue
        try:
            plan = plan_function(other, codebase, makers=False)
        except Unsupported:
            continue
        if all(a.role in _SIMPLE and not a.heap for a in plan.args):
            found.append(Maker(other.id, other.name, plan))
    return found[:MAX_MAKERS]


def _pointee_key(c_type: str, codebase: Codebase) -> str | None:
    t = resolve_pointer(" ".join(c_type.split()), codebase)
    if "*" not in t or "(" in t:
        return None
    return c_type_to_rust(clean(t[:t.rindex("*")]), codebase)


def _plan(fn: CFunction, codebase: Codebase, build: Builder, makers: bool = True) -> FuncPlan:
    if fn.is_variadic:
        raise Unsupported("variadic")
    if "(" in fn.return_type:
        raise Unsupported(f"returns a function pointer ({fn.return_type})")
    ret = _return_shape(fn.return_type, build)
    args = [_arg(p.name or f"arg{i}", p.type, build) for i, p in enumerate(fn.params)
            if clean(p.type) != "void"]
    _link_lengths(args)
    _mark_counts(args)
    for a in args:
        _settle(a)
        if makers and a.role == "ref" and not a.shape.scalar:
            a.makers = find_makers(fn, a.c_type, codebase)
        if a.opaque and not a.makers:
            raise Unsupported(f"{a.opaque}, and no function of {fn.file} makes one from generated values")
    if ret is not None and ret.targets is not None:
        ret.targets = {j: (a.name, a.shape.size if a.role != "string" else 1) for j, a in enumerate(args)
                       if a.role in ("buffer", "ref", "string") and not a.heap}
    keeps = stateful(fn, codebase) or any(m.plan.stateful for a in args for m in a.makers)
    return FuncPlan(fid=fn.id, name=fn.name, args=args, ret=ret, stateful=keeps)


def _mark_counts(args: list[ArgPlan]) -> None:
    """Integers named like counts or indices get small values half of the time; an object pointer beside
    an index (`p[i]`) gets a few objects."""
    ints = [a for a in args if a.role == "scalar" and a.shape.leaves[0].integer]
    for a in ints:
        a.counts = bool(COUNT_NAME.match(a.name) or _INDEX_NAME.match(a.name))
    if any(_INDEX_NAME.match(a.name) for a in ints):
        for a in args:
            if a.role == "ref" and not a.shape.extra:
                a.cap = REF_INDEXED


def _settle(a: ArgPlan) -> None:
    """A pointer no length was found for: `void *` as opaque bytes, `char *` as a string it may change."""
    if a.role == "needs_length" and not a.shape.leaves:
        a.role, a.shape, a.cap = "buffer", Shape("uint8_t", [Leaf("u8", "", "")]), OPAQUE_CAP
    elif a.role == "needs_length":
        a.role, a.cap = "string", STRING_CAP + 1


def _return_shape(c_type: str, build: Builder) -> Shape | None:
    """A value's shape; a pointer's is where it points among the arguments, and what it points to."""
    t = resolve_pointer(" ".join(c_type.split()), build.codebase)
    if "*" in t:
        return Shape("", [Leaf("i64", "", "")], targets={}, pointers=[build.pointer(t, "return value", 0)])
    return None if clean(c_type) == "void" else _by_value(build.shape(c_type, "return value"), "return value")


def _by_value(shape: Shape, what: str) -> Shape:
    if shape.extra:  # a copy holds no element of its flexible array member
        raise Unsupported(f"'{what}' is a struct with a flexible array member, passed by value")
    return shape


def _arg(name: str, c_type: str, build: Builder) -> ArgPlan:
    arg = _arg_role(name, " ".join(c_type.split()), build)
    arg.c_type = " ".join(c_type.split())
    return arg


def _arg_role(name: str, t: str, build: Builder) -> ArgPlan:
    codebase = build.codebase
    fn_t = _function_typedef(t, codebase) or t  # `handler_fn *`, handler_fn a typedef of a function type
    if "(" in re.sub(r"\[[^\]]*\]", "", fn_t) or c_type_to_rust(t, codebase).startswith("Option<"):
        # Called with NULL and with each exported function of its type: both sides link their own.
        found = fnptr_candidates(fn_t, codebase)
        made = None if found else harness_callback(fn_t, codebase)  # rather than NULL alone
        return ArgPlan(name, "fnptr", Shape("", []), candidates=[made[0]] if made else found,
                       callback=made[1] if made else "")
    arr = re.fullmatch(r"([^\[]*?)\s*((?:\[[^\]]*\]\s*)+)", t)
    if arr:  # `T a[4]`, `T a[][4]`, `T a[N][4 * M]`: the elements of every row, one after the other
        dims = re.findall(r"\[([^\]]*)\]", arr.group(2))
        inner = [array_dim(d, codebase) if d.strip() else None for d in dims[1:]]
        rows = array_dim(dims[0], codebase) if dims[0].strip() else ROWS if inner else None
        n = rows * math.prod(inner) if rows and None not in inner else 0
        shape = build.shape(arr.group(1), name) if n else None
        # A declared dimension is what the function may use: all of it, unless the objects are that large.
        if shape and n * shape.in_size <= ARRAY_BYTES:
            return ArgPlan(name, "buffer", shape, cap=n)
        t = arr.group(1) + " *"
    t = resolve_pointer(t, codebase)  # `Handle`, a typedef of `struct s *`
    if not c_type_to_rust(t, codebase).startswith("*"):
        shape = _by_value(build.shape(t, name), name)
        return ArgPlan(name, "scalar" if shape.scalar else "struct", shape)
    if "*" not in t:  # e.g. `char [][N + 1]`: a pointer to arrays whose text names no pointer
        raise Unsupported(f"parameter '{name}' is a pointer to arrays ({t})")
    pointee = t[:t.rindex("*")].strip()
    const = "const" in pointee.split()
    base = clean(pointee)
    if "*" in resolve_pointer(pointee, codebase):  # `T **`: a pointer, given an object (or NULL) to point to
        return ArgPlan(name, "ref", pointer_object(pointee, name, build), cap=1, const=const)
    if base == "void":
        return ArgPlan(name, "needs_length", Shape("", []), cap=BYTE_BUFFER_CAP, const=const)
    if typedef_target(base, codebase) == "FILE":  # written to (or read from) memory, compared afterwards
        return ArgPlan(name, "stream", Shape("char", [Leaf("i8", "", "")]), cap=STREAM_CAP)
    try:
        shape = build.shape(pointee, name)
    except Unsupported as e:  # only the module's own constructors can make one (see _plan)
        return ArgPlan(name, "ref", Shape(base, [], scalar=False), cap=1, const=const, opaque=str(e))
    if typedef_target(base, codebase) in _CHARS:
        return ArgPlan(name, "string" if const else "needs_length", shape, cap=STRING_CAP + 1, const=const)
    return ArgPlan(name, "ref", shape, cap=1, const=const)


def _function_typedef(t: str, codebase: Codebase) -> str | None:
    """`handler_fn *` -> `void (*)(struct elem *)` when handler_fn is a typedef of a function type (not of a
    pointer to one), else None."""
    if not t.endswith("*"):
        return None
    target = typedef_target(t[:-1].strip(), codebase)
    m = re.fullmatch(r"(.+?)\(\s*\)\s*(\(.*\))", target)
    return f"{m.group(1).strip()} (*){m.group(2)}" if m else None


def pointer_object(c_type: str, what: str, build: Builder) -> Shape:
    """The shape of an object that is itself a pointer (what a `T **` points to)."""
    t = resolve_pointer(c_type, build.codebase)
    return Shape(clean(t), [], scalar=False, pointers=[build.pointer(t, what, 0)])


def _link_lengths(args: list[ArgPlan]) -> None:
    """Give each pointer its length parameter: the nearest length-named integer after it, or just before."""
    lengths = [i for i, a in enumerate(args) if a.role == "scalar" and _LEN_NAME.match(a.name)
               and a.shape.leaves[0].kind not in ("f32", "f64", "bool")]
    for i, a in enumerate(args):
        # A string carries its own length; a nearby size is more likely a capacity.
        if a.role not in ("ref", "needs_length") or not lengths or a.shape.extra:
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
