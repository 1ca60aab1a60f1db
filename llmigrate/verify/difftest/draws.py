"""Random and boundary values of one scalar kind, drawn as random.Random draws them.

Inputs are millions of draws. `below`, `_int` and `choice` draw exactly as random.Random's randrange(n),
randint(lo, hi) and choice(seq) do (the same getrandbits calls, so the same values and the same generator
state after them) without those methods' layers of Python calls; an integer kind's draw (`int_draw`) inlines
them once per kind.
"""

from __future__ import annotations

import functools
import math
import random

_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 10.0, 1e-10, 1e10, math.pi, -math.pi, math.inf,
           -math.inf, math.nan]
_F32 = [3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45]
_F64 = [1.7976931348623157e308, 2.2250738585072014e-308, 5e-324]


@functools.cache
def int_range(kind: str) -> tuple[int, int]:
    if kind == "bool":
        return 0, 1
    bits = int(kind[1:])
    return (0, (1 << bits) - 1) if kind[0] == "u" else (-(1 << (bits - 1)), (1 << (bits - 1)) - 1)


def boundary_values(kind: str, enum_values: list[int] | None = None) -> list:
    """0, ±1, min, max and powers of two with their neighbours, within the kind's range."""
    if kind in ("f32", "f64"):
        return _FLOATS + (_F32 if kind == "f32" else _F64)
    if enum_values:
        lo, hi = int_range(kind)
        return sorted({v for v in [*enum_values, 0, max(enum_values) + 1] if lo <= v <= hi})
    lo, hi = int_range(kind)
    bits = int(kind[1:]) if kind != "bool" else 1
    vals = {0, 1, -1, 2, -2, 3, lo, lo + 1, hi, hi - 1}
    for k in range(1, bits):
        p = 1 << k
        vals.update((p - 1, p, p + 1, -p + 1, -p, -p - 1))
    return sorted(v for v in vals if lo <= v <= hi)


def below(bits, n: int) -> int:
    """0 <= r < n, for n > 0, from `bits` (a generator's getrandbits), as Random._randbelow draws it."""
    k = n.bit_length()
    r = bits(k)
    while r >= n:
        r = bits(k)
    return r


def randint(rng: random.Random, lo: int, hi: int) -> int:
    """rng.randint(lo, hi), drawn the same way."""
    if hi < lo:
        raise ValueError(f"empty range for randint() ({lo}, {hi})")
    return lo + below(rng.getrandbits, hi - lo + 1)


def choice(rng: random.Random, seq):
    """rng.choice(seq), drawn the same way."""
    if not len(seq):
        raise IndexError("Cannot choose from an empty sequence")
    return seq[below(rng.getrandbits, len(seq))]


# The top three bits of a 32-bit word are a byte's top three (the word's last byte, little-endian): a byte
# of 128 or more is a draw of 4 to 7, which randint(0, 3) rejects; the others shifted down are the value.
_TOP3 = bytes(b >> 5 for b in range(256))
_REJECTED = bytes(range(128, 256))


def small_bytes(rng: random.Random, n: int) -> bytes:
    """bytes([randint(rng, 0, 3) for _ in range(n)]), drawn the same way at a fraction of the cost. Each of
    those draws is getrandbits(3): one 32-bit word of the generator, shifted right by 29, drawn again while
    it is 4 or more. getrandbits(32 * k) returns the next k words, the first in the lowest bits, so words
    are drawn k at a time, k never more than the values still wanted (each takes one word at least): the
    generator ends where the draws one by one leave it."""
    out = b""
    while len(out) < n:
        need = n - len(out)
        words = rng.getrandbits(32 * need).to_bytes(4 * need, "little")
        out += words[3::4].translate(_TOP3, _REJECTED)
    return out


def random_value(kind: str, rng: random.Random, enum_values: list[int] | None = None):
    """A random value of the kind: full-width, of random bit length, or small, so every magnitude is hit."""
    if kind in ("f32", "f64"):
        r = rng.random()
        if r < 0.3:
            return float(randint(rng, -100, 100))
        if r < 0.6:
            return rng.uniform(-1e6, 1e6)
        span = 120 if kind == "f32" else 1000
        v = rng.uniform(1, 2) * 2.0 ** randint(rng, -span, span)
        return -v if rng.random() < 0.5 else v
    if enum_values and rng.random() < 0.9:
        return choice(rng, enum_values)
    return int_draw(kind)(rng)


@functools.cache
def int_draw(kind: str):
    """random_value of an integer kind: randint(lo, hi) 2 times in 5, else getrandbits(randint(1, width))
    or randint(0, 16), negated half of the time for a signed kind; the draws `below` makes, inlined."""
    lo, hi = int_range(kind)
    span, width, signed = hi - lo + 1, max(1, hi.bit_length()), lo < 0
    span_k, width_k = span.bit_length(), width.bit_length()

    def draw(rng: random.Random) -> int:
        bits, r = rng.getrandbits, rng.random()
        if r < 0.4:
            v = bits(span_k)
            while v >= span:
                v = bits(span_k)
            return lo + v
        if r < 0.8:
            w = bits(width_k)
            while w >= width:
                w = bits(width_k)
            v = bits(1 + w)
        else:
            v = bits(5)
            while v >= 17:
                v = bits(5)
        if signed and rng.random() < 0.5:
            v = -v
        return lo if v < lo else hi if v > hi else v

    return draw
