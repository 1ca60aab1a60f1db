"""Vectors and differences as text: the counterexamples people read in reports and repair prompts.

Outputs are compared in the layout `FuncPlan.out_struct` gives them: leaves one by one (any NaN equals any
NaN), and each followed pointer by NULL or not, then by the objects both sides could read behind it (a
block the function sized differently is compared as far as both reach).
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from functools import cache

from llmigrate.verify.difftest.inputs import Made
from llmigrate.verify.difftest.types import ArgPlan, FuncPlan, Ptr, Shape

MAX_SHOWN = 8  # elements or members shown of one value


def _fmt_num(v) -> str:
    if isinstance(v, float):
        return repr(v)
    return str(v) if -4096 < v < 4096 else (f"-{-v:#x}" if v < 0 else f"{v:#x}")


def _fmt_bytes(v: bytes) -> str:
    return '"' + v.split(b"\0", 1)[0].decode("latin-1").encode("unicode_escape").decode() + '"'


def _fmt_elem(shape: Shape, elem) -> str:
    if shape.targets is not None:
        return _fmt_pointer(shape.targets, elem)
    if shape.scalar:
        return _fmt_num(elem)
    n = len(shape.leaves)
    fields = [f"{leaf.label}={_fmt_bytes(v) if leaf.kind == 'bytes' else _fmt_num(v)}"
              for leaf, v in zip(shape.leaves, elem[:n], strict=True)]
    fields += [f"{p.label}={shape.pointers[p.alias].label} + {v}" if p.alias is not None and v is not None
               else f"{p.label}={_fmt_given(p, v)}" for p, v in zip(shape.pointers, elem[n:], strict=True)]
    more = ", ..." if len(fields) > MAX_SHOWN else ""
    return "{" + ", ".join(fields[:MAX_SHOWN]) + more + "}"


def _fmt_given(p: Ptr, v) -> str:
    """What a pointer inside an input object was given."""
    if v is None:
        return "NULL"
    if p.string:
        return _fmt_bytes(v)
    return _fmt_list([_fmt_elem(p.pointee, e) for e in v], len(v))


def _fmt_list(items: list[str], n: int) -> str:
    return f"[{', '.join(items[:min(max(int(n), 0), MAX_SHOWN)])}{', ...' if n > MAX_SHOWN else ''}]"


def _fmt_pointer(targets: dict[int, tuple[str, int]], v: int) -> str:
    if v == -1:
        return "NULL"
    if v < 0 or v >> 32 not in targets:
        return "a pointer outside its arguments"
    name, size = targets[v >> 32]
    off = v & 0xFFFFFFFF
    return f"&{name}[{off // size}]" if size and off % size == 0 else f"(char *){name} + {off}"


def _fmt_arg(a: ArgPlan, v, vec: tuple) -> str:
    if a.role == "scalar":
        return _fmt_num(v)
    if a.role == "fnptr":
        return a.candidates[v - 1].rsplit(":", 1)[-1] if v else "NULL"
    if a.role == "struct":
        return _fmt_elem(a.shape, v)
    if a.role in ("string", "stream"):
        return _fmt_bytes(v)
    if isinstance(v, Made):
        m = a.makers[v.k]
        return describe_call(m.plan, v.vec)
    if a.role == "ref":
        return "NULL" if v is None else "&" + _fmt_elem(a.shape, v[0])
    n = vec[a.length_param] if a.length_param is not None else a.cap
    return _fmt_list([_fmt_elem(a.shape, e) for e in list(v)[:MAX_SHOWN]], n)


def describe_call(plan: FuncPlan, vec: tuple) -> str:
    """`f(0x7fffffff, 3, [1, 2])`: the call as a person would write it (after the library's set-up)."""
    first = "".join(f"{name}(); " for name in plan.setup)
    args = ", ".join(_fmt_arg(a, v, vec) for a, v in zip(plan.args, vec, strict=True))
    return f"{first}{plan.name}({args})"


def same_value(kind: str, x, y) -> bool:
    """Equal results; any NaN equals any NaN (payloads are not part of C's or Rust's semantics here)."""
    if kind in ("f32", "f64") and isinstance(x, float) and isinstance(y, float) and math.isnan(x) \
            and math.isnan(y):
        return True
    return x == y


@cache
def _values(fmt: str) -> int:
    """How many values `struct` unpacks from a format."""
    return len(struct.unpack("<" + fmt, bytes(struct.calcsize("<" + fmt))))


def _skip(fmt: str, it: Iterator) -> None:
    for _ in range(_values(fmt)):
        next(it)


Difference = tuple[str, str, object, object]  # what, kind, the C's value, the Rust's


def _diff_shape(shape: Shape, c: Iterator, r: Iterator, path: str) -> Iterator[Difference]:
    """Each difference within one object."""
    for leaf in shape.leaves:
        x, y = next(c), next(r)
        if not same_value(leaf.kind, x, y):
            yield _path(path, leaf.label), leaf.kind, x, y
    for p in shape.pointers:
        yield from _diff_pointer(p, c, r, _path(path, p.label))


def _diff_pointer(p: Ptr, c: Iterator, r: Iterator, path: str) -> Iterator[Difference]:
    if not p.compared or p.alias is not None:
        p = Ptr(p.access, p.label, None)
    (wc, nc), (wr, nr) = (next(c), next(c)), (next(r), next(r))
    if (wc == -1) != (wr == -1):
        yield path, "null", wc, wr
    both = min(nc, nr) if wc == 0 and wr == 0 else 0
    if p.string:
        x, y = next(c), next(r)
        if x[:both] != y[:both]:
            yield path, "bytes", x[:both], y[:both]
        return
    for j in range(p.cap if p.pointee is not None else 0):
        where = f"*{path}" if p.cap == 1 else f"{path}[{j}]"
        if j < both:
            yield from _diff_shape(p.pointee, c, r, where)
        else:
            _skip(p.pointee.out_fmt, c)
            _skip(p.pointee.out_fmt, r)


def _path(base: str, label: str) -> str:
    if not label or not base:
        return base or label
    return base + label if label.startswith("[") else f"{base}.{label}"


def differences(plan: FuncPlan, c_out: tuple, r_out: tuple) -> Iterator[Difference]:
    """Every difference between the C's and the Rust's output records, in record order."""
    c, r = iter(c_out), iter(r_out)
    if plan.ret is not None and plan.ret.targets is not None:
        x, y = next(c), next(r)
        located = x != y and not (x < 0 and y < 0 and x != -1 and y != -1)
        if located:
            yield "return", "pointer", x, y
        diffs = list(_diff_pointer(plan.ret.pointers[0], c, r, "return"))
        if not located:  # else pointing elsewhere is the difference, not what is there
            yield from diffs
    elif plan.ret is not None:
        yield from _diff_shape(plan.ret, c, r, "return")
    for a in plan.args:
        if a.role in ("string", "stream") or a.raw:
            x, y = next(c), next(r)
            if x != y:
                yield a.name, "bytes", x, y
        elif a.role in ("buffer", "ref") and a.heap:
            yield from _diff_pointer(Ptr("", a.name, None if a.opaque else a.shape, a.cap), c, r, a.name)
        elif a.role in ("buffer", "ref"):
            for k in range(a.cap):
                yield from _diff_shape(a.shape, c, r, f"*{a.name}" if a.role == "ref" else f"{a.name}[{k}]")


def out_labels(plan: FuncPlan) -> list[str]:
    """A name for each value of `plan.out_struct`, by its place in the output record."""
    return [f"out[{i}]" for i in range(_values(plan.out_struct.format.lstrip("<")))]


def describe_diff(plan: FuncPlan, c_out: tuple, r_out: tuple, limit: int = 3) -> str:
    """`C returned 1, Rust returned 2; *res: C wrote 5, Rust wrote 6` for the first differing values."""
    parts = []
    for what, kind, x, y in differences(plan, c_out, r_out):
        if len(parts) == limit:
            parts.append("...")
            break
        parts.append(_describe_one(plan, what, kind, x, y))
    return "; ".join(parts)


def _describe_one(plan: FuncPlan, what: str, kind: str, x, y) -> str:
    if kind == "bytes":  # the first byte that differs
        k = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
        what, x, y = f"{what}[{k}]", x[k] if k < len(x) else 0, y[k] if k < len(y) else 0
    if kind == "pointer":
        fx, fy = _fmt_pointer(plan.ret.targets, x), _fmt_pointer(plan.ret.targets, y)
    elif kind == "null":
        fx, fy = ("NULL" if x == -1 else "a pointer"), ("NULL" if y == -1 else "a pointer")
    else:
        fx, fy = _fmt_num(x), _fmt_num(y)
    if what.startswith("return"):
        return (f"C returned {fx}, Rust returned {fy}" if what == "return"
                else f"{what}: C returned {fx}, Rust returned {fy}")
    return f"{what}: C wrote {fx}, Rust wrote {fy}"


def describe_return(plan: FuncPlan, out_vals: tuple) -> str:
    """What the side that behaved returned: `returned 3`, `returned {a=1, b=2}`, `returned normally`."""
    if plan.ret is None:
        return "returned normally"
    if plan.ret.targets is not None:
        return "returned " + _fmt_pointer(plan.ret.targets, out_vals[0])
    vals = out_vals[:len(plan.ret.leaves)]
    if plan.ret.scalar:
        return "returned " + _fmt_num(vals[0])
    fields = [f"{leaf.label}={_fmt_num(v)}" for leaf, v in zip(plan.ret.leaves, vals, strict=True)]
    return "returned {" + ", ".join(fields[:MAX_SHOWN]) + (", ..." if len(fields) > MAX_SHOWN else "") + "}"
