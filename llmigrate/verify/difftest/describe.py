"""Vectors and differences as text: the counterexamples people read in reports and repair prompts."""

from __future__ import annotations

import math

from llmigrate.verify.difftest.types import ArgPlan, FuncPlan, Shape


def _fmt_num(v) -> str:
    if isinstance(v, float):
        return repr(v)
    return str(v) if -4096 < v < 4096 else (f"-{-v:#x}" if v < 0 else f"{v:#x}")


def _fmt_elem(shape: Shape, elem) -> str:
    if shape.targets is not None:
        return _fmt_pointer(shape.targets, elem)
    if shape.scalar:
        return _fmt_num(elem)
    fields = (f"{leaf.label}={_fmt_num(v)}" for leaf, v in zip(shape.leaves, elem, strict=True))
    return "{" + ", ".join(fields) + "}"


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
    if a.role == "string":
        return '"' + v.split(b"\0", 1)[0].decode("latin-1").encode("unicode_escape").decode() + '"'
    if a.role == "ref":
        return "NULL" if v is None else "&" + _fmt_elem(a.shape, v[0])
    n = vec[a.length_param] if a.length_param is not None else a.cap
    shown = [_fmt_elem(a.shape, e) for e in list(v)[:min(max(int(n), 0), 8)]]
    more = ", ..." if n > 8 else ""
    return f"[{', '.join(shown)}{more}]"


def describe_call(plan: FuncPlan, vec: tuple) -> str:
    """`f(0x7fffffff, 3, [1, 2])`: the call as a person would write it."""
    return f"{plan.name}({', '.join(_fmt_arg(a, v, vec) for a, v in zip(plan.args, vec, strict=True))})"


def out_labels(plan: FuncPlan) -> list[tuple[str, str]]:
    """(what, kind) for each value of `plan.out_struct`: "return", "*res", "buf[3]", "r.m"."""
    labels = [("return" + (f".{leaf.label}" if leaf.label else ""),
               "pointer" if plan.ret.targets is not None else leaf.kind)
              for leaf in (plan.ret.leaves if plan.ret else [])]
    for a in plan.args:
        if a.role == "string" or a.raw:
            labels.append((a.name, "bytes"))
        elif a.role in ("buffer", "ref"):
            for k in range(a.cap):
                base = f"*{a.name}" if a.role == "ref" else f"{a.name}[{k}]"
                for leaf in a.shape.leaves:
                    sep = "" if not leaf.label or leaf.label.startswith("[") else "."
                    labels.append((base + (sep + leaf.label if leaf.label else ""), leaf.kind))
    return labels


def same_value(kind: str, x, y) -> bool:
    """Equal results; any NaN equals any NaN (payloads are not part of C's or Rust's semantics here)."""
    if kind in ("f32", "f64") and isinstance(x, float) and isinstance(y, float) and math.isnan(x) \
            and math.isnan(y):
        return True
    return x == y


def describe_diff(plan: FuncPlan, c_out: tuple, r_out: tuple, limit: int = 3) -> str:
    """`C returned 1, Rust returned 2; *res: C wrote 5, Rust wrote 6` for the first differing values."""
    parts = []
    for (what, kind), x, y in zip(out_labels(plan), c_out, r_out, strict=True):
        if same_value(kind, x, y):
            continue
        if len(parts) == limit:
            parts.append("...")
            break
        if kind == "bytes":  # the first byte that differs
            k = next(i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q)
            what, x, y = f"{what}[{k}]", x[k], y[k]
        fx, fy = _fmt_num(x), _fmt_num(y)
        if kind == "pointer":
            fx, fy = _fmt_pointer(plan.ret.targets, x), _fmt_pointer(plan.ret.targets, y)
        if what.startswith("return"):
            parts.append(f"C returned {fx}, Rust returned {fy}" if what == "return"
                         else f"{what}: C returned {fx}, Rust returned {fy}")
        else:
            parts.append(f"{what}: C wrote {fx}, Rust wrote {fy}")
    return "; ".join(parts)


def describe_return(plan: FuncPlan, out_vals: tuple) -> str:
    """What the side that behaved returned: `returned 3`, `returned {a=1, b=2}`, `returned normally`."""
    if plan.ret is None:
        return "returned normally"
    vals = out_vals[:len(plan.ret.leaves)]
    return "returned " + _fmt_elem(plan.ret, vals[0] if plan.ret.scalar else vals)
