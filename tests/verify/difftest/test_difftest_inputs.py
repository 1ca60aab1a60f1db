"""Input generation draws as random.Random's methods draw; packing follows NULL pointers with zeros."""

from __future__ import annotations

import math
import random

from llmigrate.config import Config
from llmigrate.core import CFunction, Codebase, CType, Param
from llmigrate.verify.difftest import draws, inputs
from llmigrate.verify.difftest.inputs import generate, pack, zero_element
from llmigrate.verify.difftest.types import plan_function


def test_fast_draws_give_randint_choice_and_randrange_values_and_leave_the_same_state() -> None:
    ours, theirs = random.Random(7), random.Random(7)
    for lo, hi in [(0, 0), (0, 1), (-100, 100), (1, 255), (0, 16), (-(2**63), 2**63 - 1), (5, 2**40)]:
        for _ in range(200):
            assert draws.randint(ours, lo, hi) == theirs.randint(lo, hi)
    for seq in [b"abcxyzAZ09 -_/.%\t\n", [3], list(range(1000)), range(3)]:
        for _ in range(200):
            assert draws.choice(ours, seq) == theirs.choice(seq)
    assert ours.getstate() == theirs.getstate()


def test_small_bytes_are_randint_0_3_drawn_one_by_one_and_leave_the_same_state() -> None:
    """Drawn a word chunk at a time (rejected draws included), yet byte for byte what randint gives, and the
    generator ends where it would: the draws after them are the same too."""
    for seed in range(40):
        for n in (0, 1, 2, 5, 64, 1000):
            ours, theirs = random.Random(seed), random.Random(seed)
            assert draws.small_bytes(ours, n) == bytes(theirs.randint(0, 3) for _ in range(n))
            assert ours.getstate() == theirs.getstate()


def test_an_integer_kinds_random_value_is_drawn_as_random_randoms_methods_would() -> None:
    ours, theirs = random.Random(11), random.Random(11)
    for kind in ["bool", "u8", "i8", "u16", "i32", "u32", "i64", "u64"]:
        lo, hi = draws.int_range(kind)
        for _ in range(500):
            r = theirs.random()  # random_value's rule, spelled with the standard methods
            if r < 0.4:
                want = theirs.randint(lo, hi)
            else:
                v = theirs.getrandbits(theirs.randint(1, max(1, hi.bit_length()))) if r < 0.8 else \
                    theirs.randint(0, 16)
                want = min(max(-v if lo < 0 and theirs.random() < 0.5 else v, lo), hi)
            assert draws.random_value(kind, ours) == want
    assert ours.getstate() == theirs.getstate()


def test_duplicate_vectors_go_whatever_objects_they_share_and_equal_looking_values_stay() -> None:
    node = (1, b"ab", None)
    shared, copied = ([node, node], 0.0), ([(1, b"ab", None), (1, b"ab", None)], 0.0)
    others = [([node, node], -0.0), ([node, (True, b"ab", None)], 0.0), ([node, node], 0), ([node], 0.0)]
    kept = inputs._dedupe([shared, copied, *others, copied])
    assert kept == [shared, *others]
    assert [repr(v) for v in kept] == list(dict.fromkeys(repr(v) for v in [shared, copied, *others]))


def _list_plan():
    cb = Codebase(root="/x", config=Config())
    cb.types["struct node"] = CType("struct node", "struct", "k.h", 1, "", fields=[
        Param("next", "struct node *"), Param("v", "int"), Param("name", "char [4]")])
    fn = CFunction(id="f", name="f", file="f.c", start_line=1, end_line=1, signature="", return_type="int",
                   params=[Param("n", "struct node *")])
    return plan_function(fn, cb)


def test_a_null_pointer_packs_as_its_flag_and_zero_objects() -> None:
    plan = _list_plan()
    pointer = plan.args[0].shape.pointers[0]
    assert pointer.pointee is not None and pointer.cap > 1  # `next`: a few nodes, each with its own `next`
    null = ([(5, b"abc", None)],)
    zeros = ([(5, b"abc", [zero_element(pointer.pointee)] * pointer.cap)],)
    a, b = pack(plan, [null]), pack(plan, [zeros])
    assert len(a) == len(b) == plan.in_struct.size
    assert [i for i in range(len(a)) if a[i] != b[i]] == [1 + 4 + 4]  # only `next`'s flag: 0, then 1


def test_packing_many_vectors_is_packing_each_alone() -> None:
    plan = _list_plan()
    vecs = generate(plan)
    assert len(vecs) > 500 and any(v[0] and v[0][0][2] is None for v in vecs)
    assert pack(plan, vecs) == b"".join(pack(plan, [v]) for v in vecs)


def _walk(vec, measure):
    """A measure of each value summed over a vector, each nested sequence summed apart (a walk per measure,
    as size_key's two measures were once taken)."""
    total = measure(None)
    for v in vec:
        v = v.vec if isinstance(v, inputs.Made) else v
        total += _walk(v, measure) if isinstance(v, (list, tuple)) else measure(v)
    return total


def _bits(v) -> int:
    if v is None:
        return 0
    if isinstance(v, bytes):
        return len(v) - v.count(0)
    if isinstance(v, float):
        return 0 if v in (0.0, 1.0, -1.0) else 2 + (abs(math.frexp(v)[1]) if math.isfinite(v) else 64)
    return abs(int(v)).bit_length()


def _absolute(v) -> float:
    number = isinstance(v, (int, float)) and not (isinstance(v, float) and math.isnan(v))
    return min(abs(v), 1e300) if number else 0.0


def test_size_key_measures_bits_then_absolute_sum_in_one_walk() -> None:
    """One walk gives both measures, the float sums to the last bit, deep objects and odd values included."""
    odd = (math.nan, math.inf, -0.0, 1.0, 0.1, 3e305, True, -(2**70), b"a\0b", None,
           inputs.Made(0, (5, [0.25, -7, (1e300, 1e300)], b"xyz")), [[1.5, [2.25, -3]], ()])
    vecs = [odd, *generate(_list_plan())]
    for vec in vecs:
        assert inputs.size_key(vec) == (_walk(vec, _bits), _walk(vec, _absolute))
    assert inputs.size_key((0.1, 0.2, [0.3])) == (5 + 4 + 3, (0.1 + 0.2) + 0.3)
