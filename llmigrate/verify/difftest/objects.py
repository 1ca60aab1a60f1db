"""Load and dump code per object layout: one `dt_load_K` filling an object of a `Shape` from its input
record, one `dt_dump_K` writing it to its output record, pointers followed (see `difftest_follow`)."""

from __future__ import annotations

import re
import struct

from llmigrate.verify.difftest.shapes import KINDS, WHERE, Leaf, Ptr, Shape

_WHERE_SIZE = struct.calcsize("<" + WHERE)  # the driver writes an int64 where and a uint32 count


class Shapes:
    """One load and one dump function per object layout, emitted once per unit."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.code: list[str] = []

    def name(self, shape: Shape) -> int:
        if shape.key not in self.ids:
            self.ids[shape.key] = k = len(self.ids)
            for p in shape.pointers:  # pointees first: C wants them declared before use
                if p.pointee is not None and not p.pointee.scalar:
                    self.name(p.pointee)
            self.code += [*_shape_function(k, shape, self, True), *_shape_function(k, shape, self, False)]
        return self.ids[shape.key]


def storage_type(shape: Shape) -> str:
    return shape.c_type if not shape.scalar else KINDS[shape.leaves[0].kind][1]


def plus_extra(shape: Shape) -> str:
    """` + ` the bytes an object of the shape takes past its sizeof (a flexible array member's elements)."""
    return f" + {shape.extra}" if shape.extra else ""


def _shape_function(k: int, shape: Shape, shapes: Shapes, load: bool) -> list[str]:
    """`dt_load_K` (an object from its input record) or `dt_dump_K` (an object into its output record)."""
    head = (f"dt_load_{k}({shape.c_type} *dt_p, const unsigned char *dt_in)" if load
            else f"dt_dump_{k}(const {shape.c_type} *dt_p, unsigned char *dt_out)")
    lines = [f"static DT_NOSAN void {head}", "{", *_leaf_copies(shape.leaves, "(*dt_p)", "0", load)]
    off = shape.size
    for p in shape.pointers:
        if load and p.alias is not None:
            lines += _load_alias(p, shape.pointers[p.alias], off)
        elif load:
            lines += _load_pointer(p, f"(void *)&((*dt_p){p.access})", off, shapes)
        else:
            lines += follow(p, f"dt_get(&((*dt_p){p.access}))", off, shapes)
        off += fmt_size(p.in_fmt if load else p.out_fmt)
    return lines + ["}", ""]


def _load_alias(p: Ptr, into: Ptr, off: int) -> list[str]:
    """A pointer into an earlier pointer's objects (already loaded): that pointer plus the offset."""
    elem = "1" if p.string else f"sizeof({storage_type(p.pointee)})"
    at = f"dt_in[{off}] && dt_t ? dt_t + dt_in[{off + 1}] * {elem} : 0"
    return [f"\t{{ const char *dt_t = dt_get(&((*dt_p){into.access}));",
            f"\t  dt_set((void *)&((*dt_p){p.access}), {at}); }}"]


def _load_pointer(p: Ptr, slot: str, off: int, shapes: Shapes) -> list[str]:
    """Heap storage for a pointer's objects, filled from the record (flag byte, then the objects)."""
    if p.pointee is None:
        return [f"\tdt_set({slot}, 0);"]
    t = "char" if p.string else storage_type(p.pointee)
    size = f"{p.cap} * sizeof *dt_q{plus_extra(p.pointee)}"
    lines = [f"\tif (dt_in[{off}]) {{", f"\t\t{t} *dt_q = ({t} *)difftest_alloc({size});",
             "\t\tif (dt_q) {"]
    if p.string:
        lines += [f"\t\t\tmemcpy(dt_q, dt_in + {off + 1}, {p.cap});", f"\t\t\tdt_q[{p.cap - 1}] = 0;"]
    elif p.pointee.scalar:
        lines.append(f"\t\t\tmemcpy(dt_q, dt_in + {off + 1}, {p.cap * p.pointee.size});")
    else:
        m = shapes.name(p.pointee)
        lines.append(f"\t\t\tfor (size_t dt_j = 0; dt_j < {p.cap}; dt_j++) "
                     f"dt_load_{m}(&dt_q[dt_j], dt_in + {off + 1} + dt_j * {p.pointee.in_size});")
    return lines + ["\t\t}", f"\t\tdt_set({slot}, dt_q);", f"\t}} else dt_set({slot}, 0);"]


def follow(p: Ptr, pointer: str, off: int, shapes: Shapes) -> list[str]:
    """Record where a pointer points and the objects behind it that the driver can tell are readable."""
    if not p.compared or p.alias is not None:
        p = Ptr(p.access, p.label, None)
    elem = "1" if p.string or p.pointee is None else \
        f"(sizeof({storage_type(p.pointee)}){plus_extra(p.pointee)})"
    lines = ["\t{", f"\t\tconst void *dt_q = {pointer};",
             f"\t\tsize_t dt_n = difftest_follow(dt_q, {elem}, {p.cap}, {int(p.string)}, dt_out + {off});"]
    data = off + _WHERE_SIZE
    if p.string or p.pointee is not None and p.pointee.scalar:
        lines.append(f"\t\tdt_copy(dt_out + {data}, dt_q, dt_n * {elem});")
    elif p.pointee is not None:
        m, t, size = shapes.name(p.pointee), p.pointee.c_type, p.pointee.out_size
        lines.append(f"\t\tfor (size_t dt_j = 0; dt_j < dt_n; dt_j++) "
                     f"dt_dump_{m}(&((const {t} *)dt_q)[dt_j], dt_out + {data} + dt_j * {size});")
    return lines + ["\t\t(void)dt_n;", "\t}"]


_INDEXED = re.compile(r"^(.*)\[(\d+)\]([^\[]*)$")


def _runs(leaves: list[Leaf]) -> list[tuple[Leaf, int, int]]:
    """(first leaf, count, byte offset) of runs of leaves that differ only in their last array index."""
    out: list[tuple[Leaf, int, int]] = []
    off = 0
    for leaf in leaves:
        m = _INDEXED.match(leaf.access)
        if out and m:
            first, n, o = out[-1]
            fm = _INDEXED.match(first.access)
            follows = fm and (fm.group(1), fm.group(3), int(fm.group(2)) + n) == \
                (m.group(1), m.group(3), int(m.group(2)))
            alike = (first.kind, first.const, first.compared) == (leaf.kind, leaf.const, leaf.compared)
            if follows and alike:
                out[-1] = (first, n + 1, o)
                off += leaf.size
                continue
        out.append((leaf, 1, off))
        off += leaf.size
    return out


def _leaf_copies(leaves: list[Leaf], obj: str, off: str, load: bool) -> list[str]:
    """Load (or store) each leaf of `obj` from (to) the record at `off`; array runs as one loop."""
    lines = []
    for leaf, n, o in _runs(leaves):
        copy = _load if load else store
        if n == 1:
            lines.append(copy(leaf, f"{obj}{leaf.access}", f"{off} + {o}"))
            continue
        m = _INDEXED.match(leaf.access)
        access = f"{m.group(1)}[{m.group(2)} + dt_j]{m.group(3)}" if m else leaf.access
        lines.append(f"\tfor (size_t dt_j = 0; dt_j < {n}; dt_j++)")
        lines.append("\t" + copy(leaf, f"{obj}{access}", f"{off} + {o} + dt_j * {leaf.size}"))
    return lines


def _load(leaf: Leaf, lvalue: str, off: str) -> str:
    if leaf.kind == "bytes":
        return f"\tmemcpy((void *)&({lvalue}), dt_in + {off}, {leaf.count});"
    ctype = KINDS[leaf.kind][1]
    if leaf.const:  # a const member: written byte-wise
        return f"\tmemcpy((void *)&({lvalue}), dt_in + {off}, sizeof({ctype}));"
    return f"\t{{ {ctype} dt_t; memcpy(&dt_t, dt_in + {off}, sizeof dt_t); {lvalue} = dt_t; }}"


def store(leaf: Leaf, rvalue: str, off: str) -> str:
    if not leaf.compared:
        return f"\tmemset(dt_out + {off}, 0, {leaf.size});"
    if leaf.kind == "bytes":
        return f"\tdt_copy(dt_out + {off}, &({rvalue}), {leaf.count});"
    ctype = KINDS[leaf.kind][1]
    return f"\t{{ {ctype} dt_t = ({ctype})({rvalue}); memcpy(dt_out + {off}, &dt_t, sizeof dt_t); }}"


def fmt_size(fmt: str) -> int:
    return struct.calcsize("<" + fmt)
