"""How a C object type is given to both sides and compared afterwards: its scalar leaves and its pointers.

A `Shape` flattens an object into `Leaf`s, one per scalar field (so struct padding never takes part in a
comparison), and `Ptr`s, one per pointer it holds. A pointer is given storage on the heap (so the function may
free or grow it) holding `cap` generated objects of the pointee's own shape, to a bounded depth, and is
compared afterwards by what it points to: NULL or not, and the pointee objects both sides can read.
"""

from __future__ import annotations

import dataclasses
import re
import struct
from dataclasses import dataclass, field

from llmigrate.core import Codebase, Param
from llmigrate.signatures.mapper import c_type_to_rust
from llmigrate.verify.difftest.context import array_dim
from llmigrate.verify.difftest.typedefs import (
    aggregate,
    clean,
    enum_values,
    resolve_pointer,
    spelled,
    typedef_target,
)

# Leaf kind -> (struct format char, C storage type).
KINDS: dict[str, tuple[str, str]] = {
    "u8": ("B", "uint8_t"), "i8": ("b", "int8_t"), "u16": ("H", "uint16_t"), "i16": ("h", "int16_t"),
    "u32": ("I", "uint32_t"), "i32": ("i", "int32_t"), "u64": ("Q", "uint64_t"), "i64": ("q", "int64_t"),
    "f32": ("f", "float"), "f64": ("d", "double"), "bool": ("B", "uint8_t"),
}
RUST_TO_KIND = {k: k for k in KINDS} | {"usize": "u64", "isize": "i64"}
MAX_ARRAY_FIELD = 1024  # values of an array member flattened into leaves (a name buffer, say)
STRING_CAP = 32  # characters of a generated string (plus its NUL)
PTR_CAP = 16  # scalars behind a pointer member (what two counting members, each at most 4, can reach)
PTR_STRUCT_CAP = 4  # objects behind a pointer member to a struct
FLEX_CAP = 16  # scalars of a flexible array member (what two counting members, each at most 4, can reach)
FLEX_STRUCT_CAP = 4  # objects of a flexible array member of structs
PTR_BYTES = 16  # bytes behind a `void *` member
MAX_PTR_DEPTH = 2  # pointers followed from an argument: deeper ones are given NULL, compared as NULL or not
# A member whose name says it counts something: small values, so the objects it counts fit the storage.
# So do members that say where in what is counted (an offset, a cursor).
COUNT_NAME = re.compile(r"^(n|n[a-z]|len|length|size|sz|count|cnt|num|nr|nelem|rows|cols|width|height|"
                         r"cap|capacity|used|top|depth|level|dim|off|offset|pos|position|idx|index|cursor|"
                         r"head|tail|start|end|n_\w+|\w+_(len|length|size|count|cnt|num|n|nr|idx|index|pos))$",
                         re.IGNORECASE)
WHERE = "qI"  # a followed pointer's record: where (-1 NULL, 0 read, -2 not readable here), objects read


class Unsupported(Exception):
    """This signature cannot be driven by generated inputs; the message says why."""


@dataclass
class Leaf:
    kind: str  # a KINDS key
    access: str  # C lvalue suffix from the object: "", ".m", ".a[3]"
    label: str  # for people: "m", "a[3]"
    small: bool = False  # counts something: generated small
    const: bool = False  # a const member: written byte-wise
    count: int = 0  # kind "bytes": a char array member, carried and compared as one value of `count` bytes
    # A bit-field is given but not compared: code may keep other data in its storage (a pointer's bits, in
    # a tree whose external nodes alias their key pointer with the bit-fields), whose values differ by side.
    compared: bool = True

    @property
    def fmt(self) -> str:
        return f"{self.count}s" if self.kind == "bytes" else KINDS[self.kind][0]

    @property
    def size(self) -> int:
        return struct.calcsize("<" + self.fmt)

    @property
    def integer(self) -> bool:
        return self.kind not in ("f32", "f64", "bool", "bytes")


@dataclass
class Ptr:
    """A pointer held by an object (the object itself, when `access` is empty)."""

    access: str
    label: str
    pointee: Shape | None  # None: given NULL, compared as NULL or not
    cap: int = 0  # pointee objects given (bytes, for a string)
    string: bool = False  # char data, NUL-terminated
    # What it points to is compared afterwards; not for a `void *`, whose bytes may hold addresses by then.
    compared: bool = True
    # The index of an earlier pointer of the same object and type it points into (`pos` into `buf`): given
    # that pointer plus an offset, so subtracting them means the same on both sides; compared as NULL or not.
    alias: int | None = None

    @property
    def in_fmt(self) -> str:
        return "BB" if self.alias is not None else "B" + self._data(lambda s: s.in_fmt)

    @property
    def out_fmt(self) -> str:
        return WHERE + (self._data(lambda s: s.out_fmt) if self.compared and self.alias is None else "")

    def _data(self, fmt) -> str:
        if self.string:
            return f"{self.cap}s"
        return fmt(self.pointee) * self.cap if self.pointee else ""


@dataclass
class Shape:
    """How one C object type flattens: a scalar (one leaf, empty access) or a struct of leaves and pointers.
    """

    c_type: str  # C spelling used to declare storage, qualifiers dropped
    leaves: list[Leaf]
    scalar: bool = True
    enum_values: list[int] = field(default_factory=list)
    # A returned pointer, compared as where it points: arg index -> (name, element size) of the objects the
    # harness passed; encoded as (index << 32 | byte offset), -1 for NULL, -2 for anywhere else.
    targets: dict[int, tuple[str, int]] | None = None
    pointers: list[Ptr] = field(default_factory=list)
    # A struct ending in a flexible array member (`unsigned n; int items[];`): the C expression of the bytes
    # of the elements given after `sizeof` (generated and compared as members); an object of it is allocated
    # alone, with room for them, and never passed by value (the copy would lose them).
    extra: str = ""

    @property
    def fmt(self) -> str:
        return "".join(leaf.fmt for leaf in self.leaves)

    @property
    def size(self) -> int:
        return sum(leaf.size for leaf in self.leaves)

    @property
    def in_fmt(self) -> str:
        return self.fmt + "".join(p.in_fmt for p in self.pointers)

    @property
    def out_fmt(self) -> str:
        return self.fmt + "".join(p.out_fmt for p in self.pointers)

    @property
    def in_size(self) -> int:
        return struct.calcsize("<" + self.in_fmt)

    @property
    def out_size(self) -> int:
        return struct.calcsize("<" + self.out_fmt)

    @property
    def key(self) -> str:
        """Identifies the generated load/dump code: the type and its layout (depth changes the pointers)."""
        return f"{self.c_type}|{self.in_fmt}|{self.out_fmt}"


@dataclass
class Builder:
    """Shapes of one codebase's types, pointers followed to `max_depth`."""

    codebase: Codebase
    max_depth: int = MAX_PTR_DEPTH

    def shape(self, c_type: str, what: str, depth: int = 0, ptr_depth: int = 0,
              in_union: bool = False) -> Shape:
        t = clean(c_type)
        inline = t.startswith(("struct {", "union {"))  # its members' stars are not its own
        rust = "" if inline else c_type_to_rust(t, self.codebase)
        if rust in RUST_TO_KIND:
            kind = RUST_TO_KIND[rust]
            return Shape(KINDS[kind][1], [Leaf(kind, "", "")], enum_values=enum_values(t, self.codebase))
        if rust.startswith(("*", "Option<")) or rust in ("()", "core::ffi::c_void"):
            raise Unsupported(f"'{what}' has type {c_type}, which is not a plain value")
        ctype, union = aggregate(t, self.codebase)
        if ctype is None or depth > 4:
            raise Unsupported(f"'{what}' has type {c_type}, whose definition is unknown or not a struct")
        shape = Shape(t, [], scalar=False)
        # A union is given as one member: its first pointer if it has one (to an object generated as any
        # other), else its first member; compared as that member, except that a pointer of a union with
        # members of other types is compared only as NULL or not (the function may store another member
        # there, whose pointee and address differ between sides).
        fields = _representative(ctype, self.codebase) if union else ctype.fields
        flexible = not union and fields and re.search(r"\[\s*\]$", spelled(ctype, fields[-1]).strip())
        for f in fields[:-1] if flexible else fields:
            self._member(shape, f.name, spelled(ctype, f), what, depth, ptr_depth, in_union)
        if flexible:
            self._flexible(shape, fields[-1].name, spelled(ctype, fields[-1]), what, depth, ptr_depth)
        if union and len({clean(spelled(ctype, f)) for f in ctype.fields}) > 1:
            for p in shape.pointers:  # the function may store another member: only NULL or not is compared
                p.compared = False
        _alias(shape.pointers)
        return shape

    def _flexible(self, shape: Shape, name: str, c_type: str, what: str, depth: int, ptr_depth: int) -> None:
        """A flexible array member: FLEX_CAP scalars (FLEX_STRUCT_CAP objects) after the struct's own bytes,
        as many as a member counting them (generated small) can reach."""
        if shape.c_type.startswith(("struct {", "union {")):
            raise Unsupported(f"'{what}' has a flexible array member in a struct type without a name")
        elem = re.sub(r"\[\s*\]$", "", c_type.strip()).strip()
        one, _ = self._value(elem, f"{what}.{name}", depth + 1, ptr_depth, False)
        n = FLEX_CAP if len(one) == 1 else FLEX_STRUCT_CAP
        self._member(shape, name, f"{elem} [{n}]", what, depth, ptr_depth, False)
        shape.extra = f"{n} * sizeof((({shape.c_type} *)0)->{name}[0])"

    def pointer(self, c_type: str, what: str, ptr_depth: int, access: str = "", label: str = "") -> Ptr:
        """The pointer of type `c_type` (`T *`), its pointee followed unless too deep or not a plain type."""
        t = " ".join(c_type.split())
        pointee_t = t[:t.rindex("*")].strip() if "*" in t else ""
        base = clean(pointee_t)
        if ptr_depth >= self.max_depth or not base or "(" in t:
            return Ptr(access, label, None)
        if typedef_target(base, self.codebase) in _CHARS:
            return Ptr(access, label, Shape("char", [Leaf("i8", "", "")]), STRING_CAP + 1, string=True)
        if base == "void":
            return Ptr(access, label, Shape("uint8_t", [Leaf("u8", "", "")]), PTR_BYTES, compared=False)
        try:
            pointee = self.shape(pointee_t, what, 0, ptr_depth + 1)
        except Unsupported:
            return Ptr(access, label, None)
        cap = PTR_CAP if pointee.scalar else 1 if pointee.extra else PTR_STRUCT_CAP  # one flexible object
        return Ptr(access, label, pointee, cap)

    def _member(self, shape: Shape, name: str, c_type: str, what: str, depth: int, ptr_depth: int,
                in_union: bool) -> None:
        try:
            leaves, ptrs = self._value(c_type, f"{what}.{name}", depth + 1, ptr_depth, in_union)
        except Unsupported as e:
            raise Unsupported(f"'{what}' has a member '{name}' of type {c_type} that cannot be generated") \
                from e
        const = "const" in c_type.split("*")[-1].split() if "*" in c_type else "const" in c_type.split()
        counts = bool(COUNT_NAME.match(name))
        pre = f".{name}" if name else ""  # an anonymous struct or union member: its members are the object's
        shape.leaves += [dataclasses.replace(leaf, access=pre + leaf.access, label=join(name, leaf.label),
                                             small=leaf.small or counts and leaf.integer,
                                             const=leaf.const or const) for leaf in leaves]
        base = len(shape.pointers)  # the member's own aliases count from its first pointer
        shape.pointers += [dataclasses.replace(p, access=pre + p.access, label=join(name, p.label),
                                               alias=None if p.alias is None else base + p.alias)
                           for p in ptrs]

    def _value(self, c_type: str, what: str, depth: int, ptr_depth: int,
               in_union: bool) -> tuple[list[Leaf], list[Ptr]]:
        """Leaves and pointers of a member's type, arrays (also nested) flattened element by element."""
        if c_type.strip().startswith(("struct {", "union {")):  # its members' stars are not its own
            s = self.shape(c_type, what, depth, ptr_depth, in_union)
            return s.leaves, s.pointers
        bits = re.fullmatch(r"([\w\s]+?)\s*:\s*\d+", c_type.strip())
        if bits:  # a bit-field `unsigned mask : 8`: given by value (assignment keeps its width), see Leaf
            s = self.shape(bits.group(1), what, depth, ptr_depth, in_union)
            return [dataclasses.replace(leaf, const=False, compared=False) for leaf in s.leaves], []
        arr = re.fullmatch(r"(.*?)\s*\[([^\]]*)\]((?:\s*\[[^\]]*\])*)", " ".join(c_type.split()))
        elem = arr.group(1) if arr else c_type
        if "(" in elem:
            return [], []  # a function pointer: NULL, not compared
        if "*" in elem or c_type_to_rust(clean(elem), self.codebase).startswith(("*", "Option<")):
            if arr or in_union:
                return [], []
            return [], [self.pointer(resolve_pointer(elem, self.codebase), what, ptr_depth)]
        if not arr:
            s = self.shape(c_type, what, depth, ptr_depth, in_union)
            if s.extra:
                raise Unsupported(f"'{what}' has type {c_type}, which ends in a flexible array member")
            return s.leaves, s.pointers
        dim = array_dim(arr.group(2), self.codebase)
        if dim is None:
            raise Unsupported(f"'{what}' is an array of [{arr.group(2)}] elements, a size not known here")
        inner, ptrs = self._value(arr.group(1) + arr.group(3), what, depth, ptr_depth, in_union)
        if len(inner) == 1 and inner[0].kind in ("u8", "i8") and not inner[0].access and dim >= 4:
            return [Leaf("bytes", "", "", const=inner[0].const, count=dim)], []  # a name buffer, say
        if dim * len(inner) > MAX_ARRAY_FIELD or dim * len(ptrs) > MAX_ARRAY_POINTERS:
            raise Unsupported(f"'{what}' is an array of more than {MAX_ARRAY_FIELD} values")
        return [dataclasses.replace(leaf, access=f"[{k}]{leaf.access}", label=join(f"[{k}]", leaf.label))
                for k in range(dim) for leaf in inner], _each(ptrs, dim)


def _each(ptrs: list[Ptr], dim: int) -> list[Ptr]:
    """The pointers of every element of an array of `dim` objects holding `ptrs` (a table of bindings)."""
    return [dataclasses.replace(p, access=f"[{k}]{p.access}", label=join(f"[{k}]", p.label),
                                alias=None if p.alias is None else k * len(ptrs) + p.alias)
            for k in range(dim) for p in ptrs]


def _alias(pointers: list[Ptr]) -> None:
    """Later pointers of an object into the same scalars as an earlier one point into them: a cursor, an end.
    (Pointers to objects, a tree's children or a list's neighbours, are as often apart as not.)"""
    for i, p in enumerate(pointers):
        for j, q in enumerate(pointers[:i] if p.alias is None else []):
            if q.alias is None and p.pointee is not None and q.pointee is not None and p.pointee.scalar and \
                    (p.string, p.cap, p.pointee.key) == (q.string, q.cap, q.pointee.key):
                p.alias = j
                break


def join(a: str, b: str) -> str:
    return a if not b else a + b if b.startswith("[") else f"{a}.{b}"


_CHARS = ("char", "signed char", "unsigned char")
MAX_ARRAY_POINTERS = 32  # pointers held by the elements of an array member, all followed


def _representative(ctype, codebase: Codebase) -> list[Param]:
    """The member a union is generated and compared as (see Builder.shape)."""
    pointers = [f for f in ctype.fields if "[" not in f.type and "(" not in f.type
                and c_type_to_rust(clean(spelled(ctype, f)), codebase).startswith("*")]
    return pointers[:1] or ctype.fields[:1]
