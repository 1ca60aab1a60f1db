"""Simpler neighbours of a differing input, so the counterexample a person reads is as small as possible."""

from __future__ import annotations

from llmigrate.verify.difftest.inputs import Made, int_range, zero_element
from llmigrate.verify.difftest.types import ArgPlan, FuncPlan

MAX_CANDIDATES = 256


def _smaller_numbers(v, kind: str) -> list:
    if isinstance(v, float):
        return [x for x in (0.0, 1.0, float(int(v)) if abs(v) < 2 ** 62 else 0.0, v / 2) if x != v]
    lo, hi = int_range(kind)
    half = int(v / 2)
    cands = {0, 1, half, v - (v > 0) + (v < 0), v >> 8 if v > 0 else -((-v) >> 8)}
    cands.update(v - (v >> k) if v > 0 else v + ((-v) >> k) for k in range(1, 9))  # bisect toward 0
    if lo < 0:
        cands.add(-1)
    return [c for c in sorted(cands, key=abs) if c != v and lo <= c <= hi]


def _smaller_bytes(v: bytes) -> list[bytes]:
    s = v.split(b"\0", 1)[0]
    return [x for x in (b"", s[:len(s) // 2]) if x != s]


def _arg_candidates(a: ArgPlan, v) -> list:
    if a.role == "scalar":
        return [x for x in _smaller_numbers(v, a.shape.leaves[0].kind) if x >= 0 or not a.small]
    if a.role == "fnptr":  # which function is passed is not a size
        return []
    if a.role in ("string", "stream"):
        s = v.split(b"\0", 1)[0]
        return [x for x in (b"", s[:len(s) // 2], s[:-1]) if x != s]
    if a.raw:
        nonzero = [k for k, byte in enumerate(v) if byte][:8]
        return ([bytes(len(v))] if nonzero else []) + [v[:k] + b"\0" + v[k + 1:] for k in nonzero]
    if a.role == "struct":
        return [v[:k] + (x,) + v[k + 1:] for k, leaf in enumerate(a.shape.leaves) for x in
                (_smaller_bytes(v[k]) if leaf.kind == "bytes" else _smaller_numbers(v[k], leaf.kind))]
    if v is None:  # NULL is as simple as it gets
        return []
    if isinstance(v, Made):  # simpler inputs to the same constructor
        return [Made(v.k, c) for c in shrink_candidates(a.makers[v.k].plan, v.vec)][:16]
    out = []
    zero = zero_element(a.shape)
    if any(e != zero for e in v):
        out.append([zero] * len(v))
    for k, elem in enumerate(v[:8]):  # the first elements are the ones a person reads
        if a.shape.scalar:
            out += [v[:k] + [x] + v[k + 1:] for x in _smaller_numbers(elem, a.shape.leaves[0].kind)[:2]]
        elif elem != zero:
            out.append(v[:k] + [zero] + v[k + 1:])
    return out


def shrink_candidates(plan: FuncPlan, vec: tuple) -> list[tuple]:
    """Vectors that differ from `vec` in one parameter, each simpler in that parameter."""
    out = []
    for j, a in enumerate(plan.args):
        for x in _arg_candidates(a, vec[j]):
            out.append(vec[:j] + (x,) + vec[j + 1:])
    return out[:MAX_CANDIDATES]
