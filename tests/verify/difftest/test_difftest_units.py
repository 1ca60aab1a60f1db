"""Fast checks of the pieces of differential testing and metrics that need no compiler."""

from __future__ import annotations

import pytest

from llmigrate.config import Config
from llmigrate.core import CFunction, CMacro, Codebase, CType, Param
from llmigrate.rust_syntax import blank
from llmigrate.verify.difftest.describe import describe_call, describe_diff, out_labels
from llmigrate.verify.difftest.inputs import boundary_values, generate, pack
from llmigrate.verify.difftest.types import BUFFER_CAP, LEN_MAX, Unsupported, plan_function
from llmigrate.verify.metrics import code_metrics


def _cb() -> Codebase:
    cb = Codebase(root="/x", config=Config())
    cb.types["u32"] = CType("u32", "typedef", "k.h", 1, "", target="unsigned int")
    cb.types["struct rv"] = CType("struct rv", "struct", "k.h", 2, "",
                                  fields=[Param("m", "u32"), Param("sh", "unsigned char [2]")])
    cb.types["struct node"] = CType("struct node", "struct", "k.h", 3, "",
                                    fields=[Param("next", "struct node *"), Param("v", "int [N]")])
    cb.types["enum mode"] = CType("enum mode", "enum", "k.h", 4, "", enumerators=[("A", None), ("B", "4"),
                                                                                  ("C", None)])
    return cb


def _fn(ret: str, *params: tuple[str, str], static: bool = False) -> CFunction:
    return CFunction(id="f", name="f", file="f.c", start_line=1, end_line=1, signature="", return_type=ret,
                     params=[Param(n, t) for n, t in params], is_static=static)


def test_plans_buffers_lengths_structs_and_out_params():
    plan = plan_function(_fn("u32", ("buf", "const u32 *"), ("len", "size_t"), ("r", "struct rv"),
                             ("out", "u32 *"), ("m", "enum mode")), _cb())
    roles = [(a.name, a.role) for a in plan.args]
    assert roles == [("buf", "buffer"), ("len", "scalar"), ("r", "struct"), ("out", "ref"), ("m", "scalar")]
    assert plan.args[0].length_param == 1 and plan.args[0].cap == BUFFER_CAP and plan.args[1].length_of == [0]
    assert [leaf.label for leaf in plan.args[2].shape.leaves] == ["m", "sh[0]", "sh[1]"]
    assert plan.args[4].shape.enum_values == [0, 4, 5]
    # return u32, then the buffer's and the out-parameter's storage are compared
    assert plan.out_struct.format == "<I" + "I" * BUFFER_CAP + "I"


@pytest.mark.parametrize("params, ret, why", [
    ((("o", "struct opaque *"),), "int", "definition is unknown"),
    ((("n", "struct node *"),), "int", "member 'v'"),
    ((("x", "int"),), "int (*)(int)", "returns a function pointer"),
])
def test_unsupported_signatures_say_why(params, ret, why):
    with pytest.raises(Unsupported, match=why):
        plan_function(_fn(ret, *params), _cb())
    # static functions are planned: the harness calls them through the file's own view (see unit.py)
    assert plan_function(_fn("int", static=True), _cb()).args == []


def test_boundary_values_cover_edges_of_each_width():
    u8 = boundary_values("u8")
    assert {0, 1, 2, 127, 128, 129, 254, 255} <= set(u8) and min(u8) == 0 and max(u8) == 255
    i32 = boundary_values("i32")
    assert {-(2**31), -(2**31) + 1, -1, 0, 1, 2**31 - 1, 2**16, 2**16 + 1, -(2**16)} <= set(i32)
    assert all(-(2**31) <= v < 2**31 for v in i32)


def test_generation_is_seeded_and_lengths_fit_their_buffers():
    plan = plan_function(_fn("u32", ("buf", "const u32 *"), ("n", "size_t")), _cb())
    a, b = generate(plan), generate(plan)
    assert a == b and len(a) > 500
    assert generate(plan, seed=1) != a
    assert all(0 <= v[1] <= LEN_MAX for v in a)
    assert len(pack(plan, a)) == len(a) * plan.in_struct.size


def test_counterexample_text_is_readable():
    plan = plan_function(_fn("u32", ("buf", "const u32 *"), ("n", "size_t"), ("x", "int")), _cb())
    vec = ([1, 2, 3] + [9] * (BUFFER_CAP - 3), 3, 0x7FFFFFFF)
    assert describe_call(plan, vec) == "f([1, 2, 3], 3, 0x7fffffff)"
    c = (1,) + tuple(vec[0])
    r = (2,) + tuple(vec[0][:2]) + (7,) + tuple(vec[0][3:])
    assert len(out_labels(plan)) == len(c)
    assert describe_diff(plan, c, r) == "C returned 1, Rust returned 2; buf[2]: C wrote 3, Rust wrote 7"


def test_metrics_ignore_comments_and_strings():
    code = ['pub fn g(p: *mut u8) -> u8 {', '    // unsafe { *p }', '    let s = "unsafe { *p }";',
            '    /* unsafe {', '       *p } */', '    unsafe { *p }', '}']
    blanked = blank("\n".join(code))
    assert "unsafe" not in blanked.split("\n")[1] and blanked.count("\n") == len(code) - 1
    m = code_metrics(code)
    assert (m.rust_lines, m.unsafe_lines, m.raw_derefs) == (4, 1, 1)


def test_function_pointers_get_exported_functions_of_their_type_and_pointer_results_are_located():
    cb = _cb()
    cb.functions["neg"] = _fn("int", ("x", "int"))
    cb.functions["neg"].id = cb.functions["neg"].name = "neg"
    cb.functions["neg2"] = _fn("long", ("x", "int"))
    f = _fn("const u32 *", ("cb", "int (*)(int)"), ("buf", "const u32 *"), ("n", "size_t"))
    plan = plan_function(f, cb)
    assert plan.args[0].role == "fnptr" and plan.args[0].candidates == ["neg"]
    vec = (1, [5] * BUFFER_CAP, 3)
    assert describe_call(plan, vec) == "f(neg, [5, 5, 5], 3)"
    cap = plan.ret.pointers[0].cap  # what the returned pointer points to is compared too
    c = ((1 << 32) | 8, 0, 1, 5) + (0,) * (cap - 1) + tuple(vec[1])
    r = (-1, -1, 0) + (0,) * cap + tuple(vec[1])
    assert describe_diff(plan, c, r) == "C returned &buf[2], Rust returned NULL"


def test_state_kept_in_globals_or_static_locals_is_detected():
    cb = _cb()
    counter = _fn("int", ("x", "int"))
    counter.source = "int f(int x)\n{\n\tstatic int n;\n\treturn n += x;\n}\n"
    assert plan_function(counter, cb).stateful
    pure = _fn("int", ("x", "int"))
    pure.source = "int f(int x)\n{\n\tstatic const int k = 3;\n\treturn x * k;\n}\n"
    assert not plan_function(pure, cb).stateful


def test_pointer_members_stay_null_and_macro_sized_arrays_are_flattened():
    cb = _cb()
    cb.macros["NAME_MAX"] = CMacro("NAME_MAX", "k.h", 5, None, "7")
    cb.types["struct ent"] = CType("struct ent", "struct", "k.h", 6, "", fields=[
        Param("next", "struct ent *"), Param("pages", "u8 *[NAME_MAX]"), Param("name", "char [NAME_MAX + 1]"),
        Param("ino", "u64")])
    plan = plan_function(_fn("int", ("e", "struct ent *")), cb)
    leaves = plan.args[0].shape.leaves
    assert [leaf.label for leaf in leaves] == ["name", "ino"]  # a char array is one value: its bytes
    assert (leaves[0].kind, leaves[0].count) == ("bytes", 8)
