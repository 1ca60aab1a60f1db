"""Draw and flatten functions made once per object layout (`Shape`, `Ptr`) for a generate or pack call.

Deep objects (a tree of nodes, each with pointers) are most of an input's values: drawing and flattening
them leaf by leaf, asking each time what kind of leaf or pointer it is, cost most of the differential tests'
CPU. Here each shape's questions are answered once, into a function that only draws (or copies): the same
draws in the same order as the leaf-by-leaf code (random.Random's own draws, see draws.py), so the same
values and the same packed bytes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from llmigrate.verify.difftest.draws import int_draw, random_value
from llmigrate.verify.difftest.types import STRING_CAP, Leaf, Ptr, Shape

NULL_POINTER = 0.1  # how often a pointer inside an object is given NULL
SMALL_MAX = 4  # values of a member that counts something (so what it counts fits the storage)
_TEXT = b"abcxyzAZ09 -_/.%\t\n"
_TEXT_K, _BYTE_K, _SMALL_K = len(_TEXT).bit_length(), (255).bit_length(), (SMALL_MAX + 1).bit_length()
Draw = Callable[[random.Random], Any]


def random_string(rng: random.Random) -> bytes:
    """0 to STRING_CAP bytes: a text character 4 times in 5, else any byte but NUL (draws.randint's and
    draws.choice's draws, inlined: the same getrandbits calls)."""
    span = STRING_CAP + 1
    k = span.bit_length()
    bits, draw = rng.getrandbits, rng.random
    n = bits(k)
    while n >= span:
        n = bits(k)
    out = bytearray(n)
    for i in range(n):
        if draw() < 0.8:
            r = bits(_TEXT_K)
            while r >= len(_TEXT):
                r = bits(_TEXT_K)
            out[i] = _TEXT[r]
        else:
            r = bits(_BYTE_K)
            while r >= 255:
                r = bits(_BYTE_K)
            out[i] = 1 + r
    return bytes(out)


def zero_element(shape: Shape):
    """The all-zero object of a shape, its pointers NULL."""
    vals = tuple(b"" if leaf.kind == "bytes" else 0 for leaf in shape.leaves)
    return vals[0] if shape.scalar else vals + tuple(None for _ in shape.pointers)


def element_drawer(shape: Shape, memo: dict) -> Draw:
    """A function drawing one random object of the shape: its leaves, then its pointers' objects, written
    out as one expression (a pointer given no objects draws nothing)."""
    found = memo.get(id(shape))
    if found is not None:
        return found
    names: dict[str, Any] = {"NULL_POINTER": NULL_POINTER}
    terms = []
    for i, leaf in enumerate(shape.leaves):
        names[f"leaf{i}"] = _leaf_drawer(leaf)
        terms.append(f"leaf{i}(rng)")
    if shape.scalar:
        draw = names["leaf0"] if len(terms) == 1 else _compiled(f"[{', '.join(terms)}][0]", names)
        memo[id(shape)] = draw
        return draw
    for i, ptr in enumerate(shape.pointers):
        terms.append(_pointer_term(ptr, i, names))
    draw = memo[id(shape)] = _compiled(f"({', '.join(terms)},)" if terms else "()", names)
    # Looked up when called: an object may point to objects of its own shape.
    for i, ptr in enumerate(shape.pointers):
        if ptr.alias is None and ptr.pointee is not None and not ptr.string:
            names[f"elem{i}"] = element_drawer(ptr.pointee, memo)
    return draw


def _pointer_term(p: Ptr, i: int, names: dict) -> str:
    """The expression pointer_drawer's function evaluates, in a shape's drawing expression."""
    names[f"ptr{i}"] = pointer_drawer(p, {}) if p.alias is not None or p.string else None
    if p.alias is not None or p.string:
        return f"ptr{i}(rng)"
    if p.pointee is None:
        return "None"
    names[f"cap{i}"] = range(p.cap)
    return f"(None if rng.random() < NULL_POINTER else [elem{i}(rng) for _ in cap{i}])"


def _compiled(expression: str, names: dict) -> Draw:
    exec(f"def draw(rng):\n    return {expression}\n", names)  # noqa: S102 - our own text, of our shapes
    return names["draw"]


def _leaf_drawer(leaf: Leaf) -> Draw:
    if leaf.kind == "bytes":  # mostly text, as char arrays mostly hold
        count = leaf.count

        def text(rng: random.Random):
            return random_string(rng)[:count - 1] if rng.random() < 0.8 else rng.randbytes(count)
        return text
    if leaf.small:  # what an object counts (or where it is in it) stays within what its pointers hold
        def small(rng: random.Random) -> int:
            bits = rng.getrandbits
            v = bits(_SMALL_K)
            while v > SMALL_MAX:
                v = bits(_SMALL_K)
            return v
        return small
    if leaf.kind in ("f32", "f64"):
        kind = leaf.kind
        return lambda rng: random_value(kind, rng)
    return int_draw(leaf.kind)


def pointer_drawer(p: Ptr, memo: dict) -> Draw:
    """A function drawing what a pointer inside an object is given: None (NULL), a string, or its pointee
    objects; an alias is an offset into the earlier pointer's objects (NULL only with them)."""
    if p.alias is not None:
        span = p.cap + 1
        k = span.bit_length()

        def offset(rng: random.Random) -> int:
            bits = rng.getrandbits
            v = bits(k)
            while v >= span:
                v = bits(k)
            return v
        return offset
    if p.pointee is None:
        return lambda rng: None
    if p.string:
        return lambda rng: None if rng.random() < NULL_POINTER else random_string(rng)
    elem, cap = element_drawer(p.pointee, memo), range(p.cap)
    return lambda rng: None if rng.random() < NULL_POINTER else [elem(rng) for _ in cap]


Flatten = Callable[[Any, list], None]


def flattener(shape: Shape, zeros: dict) -> Flatten:
    """A function appending an object's flat values (the record layout's order) to a list, written out
    pointer by pointer."""
    key = ("flat", id(shape))
    found = zeros.get(key)
    if found is not None:
        return found
    if shape.scalar:
        zeros[key] = _append
        return _append
    n = len(shape.leaves)
    names: dict[str, Any] = {"zeros": zeros, "flat_null": flat_null}
    lines = ["def flat_object(elem, flat):", f"    if len(elem) != {n + len(shape.pointers)}:",
             "        raise ValueError('an object of another shape')", f"    flat += elem[:{n}]"]
    for i, ptr in enumerate(shape.pointers):
        lines += [f"    v = elem[{n + i}]", *_pointer_lines(ptr, i, names)]
    exec("\n".join(lines) + "\n", names)  # noqa: S102 - our own text, of our shapes
    zeros[key] = names["flat_object"]
    # Looked up when called: an object may point to objects of its own shape.
    for i, ptr in enumerate(shape.pointers):
        if ptr.alias is None and not ptr.string and ptr.pointee is not None and not ptr.pointee.scalar:
            names[f"sub{i}"] = flattener(ptr.pointee, zeros)
    return zeros[key]


def _pointer_lines(p: Ptr, i: int, names: dict) -> list[str]:
    """A pointer's flag (NULL or not), then its data: the offset of an alias, a string, or its objects (a
    NULL pointer's storage holds zero objects)."""
    if p.alias is not None:
        return ["    flat += (0 if v is None else 1, v or 0)"]
    if p.string:
        return ["    flat += (0, b'') if v is None else (1, v)"]
    if p.pointee is None:
        return ["    flat.append(0 if v is None else 1)"]
    names[f"ptr{i}"] = p
    lines = ["    if v is None:", "        flat.append(0)", f"        flat += flat_null(ptr{i}, zeros)",
             "    else:", "        flat.append(1)"]
    if p.pointee.scalar:
        return [*lines, "        flat += v"]
    return [*lines, "        for e in v:", f"            sub{i}(e, flat)"]


def _append(elem, flat: list) -> None:
    flat.append(elem)


def flat_zero(shape: Shape, zeros: dict) -> list:
    """The flat values of `zero_element(shape)`, made once per shape (a NULL pointer inside an object is
    followed by its storage's zero objects: most of a deep object's record)."""
    found = zeros.get(id(shape))
    if found is None:
        found = []
        flattener(shape, zeros)(zero_element(shape), found)
        zeros[id(shape)] = found
    return found


def flat_null(p: Ptr, zeros: dict) -> list:
    """The flat values of a NULL pointer's storage (its zero objects), made once per pointer."""
    found = zeros.get(("null", id(p)))
    if found is None:
        found = zeros[("null", id(p))] = flat_zero(p.pointee, zeros) * p.cap
    return found
