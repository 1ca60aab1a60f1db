"""Input vectors for differential testing: boundary values and seeded random ones, in the harness layout.

A vector is a tuple with one entry per parameter: a number (scalar), a tuple of leaf values (struct by
value), a list of elements (buffer or single object behind a pointer, None for NULL), bytes (string or byte
buffer) or an index (function pointer: 0 is NULL, k the k-th candidate).
"""

from __future__ import annotations

import io
import itertools
import math
import pickle
import random
import re
import threading
import zlib
from dataclasses import dataclass

from llmigrate.verify.difftest.draws import (
    boundary_values,
    choice,
    int_range,
    randint,
    random_value,
    small_bytes,
)
from llmigrate.verify.difftest.shaped import (
    SMALL_MAX,
    element_drawer,
    flat_zero,
    flattener,
    pointer_drawer,
    random_string,
    zero_element,
)
from llmigrate.verify.difftest.types import LEN_MAX, STRING_CAP, ArgPlan, FuncPlan, Leaf, Shape

FULL_PRODUCT_MAX = 4096  # below this many boundary combinations all of them are tried
SAMPLED_BOUNDARY = 1000  # otherwise: each boundary value once, plus this many random combinations of them
# Vectors of large records (objects whose pointers are followed, a tree of nodes) cost milliseconds each to
# make and pack: their random and sampled-boundary vectors together stay within this many input bytes, and
# are at least MIN_VECTORS.
INPUT_BYTES = 2 << 20
MIN_VECTORS = 800
NULL_VECTORS = 8  # vectors with NULL for each pointer to a single object
MADE = 0.6  # how often an object argument is made by one of the module's constructors, when it has some
# A string named like a printf format: no conversions (a random one would not match the arguments).
_FORMAT_NAME = re.compile(r"^(fmt|format|\w*_(fmt|format))$", re.IGNORECASE)
# The draw functions of the shapes met by this thread's generate call (shaped.py), by id: the shapes live
# as long as the call's plan does.
_drawers = threading.local()


def _element(shape: Shape, rng: random.Random):
    """A random object of the shape (its pointers' objects drawn too)."""
    return element_drawer(shape, _memo())(rng)


def _memo() -> dict:
    memo = getattr(_drawers, "memo", None)
    if memo is None:
        memo = _drawers.memo = {}
    return memo


def _leaf_boundary(leaf: Leaf, pick):
    if leaf.kind == "bytes":
        return bytes(leaf.count)
    return pick([0, 1, SMALL_MAX] if leaf.small else boundary_values(leaf.kind))


@dataclass(frozen=True)
class Made:
    """An object argument made by the module's constructor `k` (ArgPlan.makers) from the inputs `vec`."""

    k: int
    vec: tuple


def zero_vector(plan: FuncPlan) -> tuple:
    """The all-zero inputs of a plan (what the record holds for a constructor not chosen)."""
    return tuple(b"" if a.role in ("string", "stream") else bytes(a.cap) if a.raw else zero_element(a.shape)
                 if a.role == "struct" else [zero_element(a.shape)] * a.cap if a.role == "buffer" else
                 None if a.role == "ref" else 0 for a in plan.args)


def random_arg(a: ArgPlan, rng: random.Random):
    """A random value for one parameter in the plan's layout."""
    if a.small or a.counts and rng.random() < 0.5:
        return randint(rng, 0, LEN_MAX)
    if a.raw:
        if rng.random() < 0.7:
            return rng.randbytes(a.cap)
        return small_bytes(rng, a.cap)
    if a.role == "fnptr":  # NULL (0) only when there is nothing else; it gets its own few vectors
        return randint(rng, min(1, len(a.candidates)), len(a.candidates))
    if a.role == "scalar":
        return random_value(a.shape.leaves[0].kind, rng, a.shape.enum_values)
    if a.role == "struct":
        return _element(a.shape, rng)
    if a.role in ("string", "stream"):
        text = random_string(rng)
        return text.replace(b"%", b"_") if _FORMAT_NAME.match(a.name) else text
    if a.makers and (a.opaque or rng.random() < MADE):
        return _made(a, choice(rng, range(len(a.makers))), rng)
    draw = element_drawer(a.shape, _memo())
    return [draw(rng) for _ in range(a.cap)]


def _made(a: ArgPlan, k: int, rng: random.Random) -> Made:
    return Made(k, tuple(random_arg(m, rng) for m in a.makers[k].plan.args))


def boundary_args(a: ArgPlan, rng: random.Random) -> list:
    """The boundary cases of one parameter (for pointers: a few typical contents)."""
    if a.small:
        return list(range(LEN_MAX + 1))
    if a.counts:  # small ones, and the extremes
        lo, hi = int_range(a.shape.leaves[0].kind)
        return sorted({*range(LEN_MAX + 1), lo, hi, max(lo, -1)})
    if a.raw:
        return [bytes(a.cap), b"\xff" * a.cap, b"\x01" * a.cap, *(random_arg(a, rng) for _ in range(3))]
    if a.role == "fnptr":
        return list(range(min(1, len(a.candidates)), len(a.candidates) + 1))
    if a.role == "scalar":
        return boundary_values(a.shape.leaves[0].kind, a.shape.enum_values)
    if a.role in ("string", "stream"):
        return [b"", b"a", b"hello, world", b"x" * STRING_CAP, bytes(range(1, STRING_CAP + 1))]
    if a.opaque:  # made by the module's constructors only
        return [_made(a, k % len(a.makers), rng) for k in range(2 * len(a.makers))]
    cases = []
    for pick in (lambda vals: vals[0], lambda vals: vals[-1], lambda vals: 1 if 1 in vals else vals[0]):
        vals = tuple(_leaf_boundary(leaf, pick) for leaf in a.shape.leaves)
        elem = vals[0] if a.shape.scalar else \
            vals + tuple(pointer_drawer(p, _memo())(rng) for p in a.shape.pointers)
        cases.append(elem if a.role == "struct" else [elem] * a.cap)
    return cases + [random_arg(a, rng) for _ in range(3)] + [_made(a, k, rng) for k in range(len(a.makers))]


def generate(plan: FuncPlan, n_random: int = 1000, seed: int = 0) -> list[tuple]:
    """Boundary combinations first, then seeded random vectors; duplicates removed, order deterministic."""
    rng = random.Random(seed ^ zlib.crc32(plan.name.encode()))
    if not plan.args:
        return [()]
    _drawers.memo = {}  # ids of the shapes of earlier calls' plans may be taken by this one's
    try:
        return _generate(plan, rng, n_random)
    finally:
        _drawers.memo = None


def _generate(plan: FuncPlan, rng: random.Random, n_random: int) -> list[tuple]:
    bounds = [boundary_args(a, rng) for a in plan.args]
    vecs: list[tuple] = []
    most = max(MIN_VECTORS, INPUT_BYTES // max(1, plan.in_struct.size))
    share = most // 2
    if math.prod(len(b) for b in bounds) <= min(FULL_PRODUCT_MAX, 2 * most):
        vecs += list(itertools.product(*bounds))
    else:
        for i, b in enumerate(bounds):  # every boundary value of each parameter at least once
            for v in b:
                vecs.append(tuple([v if j == i else (choice(rng, bounds[j]) if rng.random() < 0.5
                                                     else random_arg(a, rng))
                                   for j, a in enumerate(plan.args)]))
        vecs += [tuple([choice(rng, b) for b in bounds]) for _ in range(min(SAMPLED_BOUNDARY, share))]
    for _ in range(min(n_random, share)):
        vecs.append(tuple([random_arg(a, rng) if rng.random() < 0.8 else choice(rng, bounds[j])
                           for j, a in enumerate(plan.args)]))
    # NULL where a single object or a function is expected, a few times each: C code that checks for it
    # must stay checked, and C that does not check crashes, which costs a process each time.
    for j, a in enumerate(plan.args):
        if a.role == "ref" or a.role == "fnptr" and a.candidates:
            null = None if a.role == "ref" else 0
            vecs += [v[:j] + (null,) + v[j + 1:] for v in rng.sample(vecs, min(NULL_VECTORS, len(vecs)))]
    return _dedupe(vecs)


def _dedupe(vecs: list[tuple]) -> list[tuple]:
    seen, out = set(), []
    for v in vecs:
        key = _value_key(v)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _value_key(vec: tuple) -> bytes:
    """Bytes equal for two vectors exactly when they are equal value for value, type for type (as their
    reprs are; NaN aside, which inputs only hold as math.nan): a pickle without its memo, so a shared
    object pickles as a copy would, and five times cheaper than repr."""
    f = io.BytesIO()
    p = pickle.Pickler(f, protocol=5)
    p.fast = True
    p.dump(vec)
    return f.getvalue()


def flatten(plan: FuncPlan, vec: tuple, zeros: dict[int, list] | None = None) -> list:
    """The vector as the flat value list of `plan.in_struct`; `zeros` keeps the flat zero objects of the
    shapes met (shaped.flat_zero) from one vector to the next."""
    flat: list = []
    zeros = {} if zeros is None else zeros
    for a, v in zip(plan.args, vec, strict=True):
        if a.role in ("scalar", "string", "stream", "fnptr") or a.raw:
            flat.append(v)
        elif a.role == "struct":
            flattener(a.shape, zeros)(v, flat)
        elif a.role == "ref":
            flat.append(1 if v is None else 2 + v.k if isinstance(v, Made) else 0)
            _flat_objects(a, v if isinstance(v, list) else [], flat, zeros)
            for k, m in enumerate(a.makers):
                flat += flatten(m.plan, v.vec, zeros) if isinstance(v, Made) and v.k == k else \
                    _flat_unmade(m.plan, zeros)
        else:
            _flat_objects(a, v, flat, zeros)
    return flat


def _flat_objects(a: ArgPlan, objects: list, flat: list, zeros: dict[int, list]) -> None:
    """A pointer's objects; fewer than its storage holds are followed by zero ones."""
    flat_one = flattener(a.shape, zeros)
    for elem in objects:
        flat_one(elem, flat)
    if a.cap > len(objects):
        flat.extend(flat_zero(a.shape, zeros) * (a.cap - len(objects)))


def _flat_unmade(plan: FuncPlan, zeros: dict) -> list:
    """The flat values of a constructor's inputs when it is not chosen (all zero), made once per plan."""
    found = zeros.get(("unmade", id(plan)))
    if found is None:
        found = zeros[("unmade", id(plan))] = flatten(plan, zero_vector(plan), zeros)
    return found


def pack(plan: FuncPlan, vecs: list[tuple]) -> bytes:
    """The harness input file for these vectors: fixed-size little-endian records."""
    s = plan.in_struct
    if s.size == 0:  # no parameters: one filler byte per record keeps the count recoverable
        return b"\0" * len(vecs)
    zeros: dict[int, list] = {}  # the shapes outlive the call: their ids stay theirs
    return b"".join([s.pack(*flatten(plan, v, zeros)) for v in vecs])


def size_key(vec: tuple) -> tuple[int, float]:
    """Order of simplicity: fewer significant bits first (bits of every number, length of every string: how
    big a vector looks to a person), then smaller absolute values (NaN counts none)."""
    return _size(vec)


def _size(vec) -> tuple[int, float]:
    """(bits, absolute sum) in one walk: deep inputs (objects behind pointers) make the walk the cost, and
    findings ask it of every input the C is undefined on. Each nested sequence is summed on its own, then
    added, so the float sums are those of a walk per measure."""
    bits, total = 0, 0.0
    for v in vec:
        if isinstance(v, Made):
            v = v.vec
        if isinstance(v, (list, tuple)):
            more, part = _size(v)
            bits += more
            total += part
        elif v is None:
            continue
        elif isinstance(v, bytes):
            bits += len(v) - v.count(0)
        elif isinstance(v, float):
            bits += 0 if v in (0.0, 1.0, -1.0) else 2 + (abs(math.frexp(v)[1]) if math.isfinite(v) else 64)
            if not math.isnan(v):
                total += min(abs(v), 1e300)
        else:
            bits += abs(int(v)).bit_length()
            if isinstance(v, int):
                total += min(abs(v), 1e300)
    return bits, total
