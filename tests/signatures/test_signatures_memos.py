"""What the proofs compute once per codebase instead of per call (issue 17) answers as the computation did:
for each codebase apart, and again once the codebase gains what the answer reads."""

from __future__ import annotations

from llmigrate.config import Config
from llmigrate.core import CFunction, CMacro, Codebase, CType
from llmigrate.signatures.mapper import c_type_to_rust
from llmigrate.signatures.named import functions_named


def _function(fid: str, name: str, file: str) -> CFunction:
    return CFunction(id=fid, name=name, file=file, start_line=1, end_line=1,
                     signature=f"static int {name}(void)", return_type="int", params=[], is_static=True)


def test_functions_by_name_in_the_codebase_order_and_rebuilt_when_one_is_added():
    cb = Codebase(root="/src", config=Config())
    for fid, name, file in (("b.c:step", "step", "b.c"), ("a.c:step", "step", "a.c"), ("run", "run", "a.c")):
        cb.functions[fid] = _function(fid, name, file)
    assert functions_named(cb) == {"step": ["b.c:step", "a.c:step"], "run": ["run"]}
    cb.functions["walk"] = _function("walk", "walk", "c.c")
    assert functions_named(cb)["walk"] == ["walk"]
    other = Codebase(root="/other", config=Config())
    assert functions_named(other) == {} and functions_named(cb)["run"] == ["run"]


def test_rust_types_follow_the_codebase_that_is_asked():
    plain, typed = Codebase(root="/src", config=Config()), Codebase(root="/src", config=Config())
    typed.types["count_t"] = CType(name="count_t", kind="typedef", file="a.h", line=1,
                                   source="typedef unsigned count_t;", target="unsigned int")
    assert c_type_to_rust("count_t *", plain) == "*mut count_t"
    assert c_type_to_rust("count_t *", typed) == "*mut u32"
    assert c_type_to_rust("count_t *", plain) == "*mut count_t"  # the other codebase's answer is not kept


def test_rust_types_change_when_the_codebase_gains_a_type_or_a_macro():
    cb = Codebase(root="/src", config=Config())
    assert c_type_to_rust("word *", cb) == "*mut word"
    assert c_type_to_rust("int (*)[ROW]", cb) != "*mut [i32; 4]"  # ROW is no constant yet
    cb.types["word"] = CType(name="word", kind="typedef", file="a.h", line=1, source="typedef long word;",
                             target="long")
    assert c_type_to_rust("word *", cb) == "*mut i64"
    cb.macros["ROW"] = CMacro(name="ROW", file="a.h", line=2, params=None, body="4")
    assert c_type_to_rust("int (*)[ROW]", cb) == "*mut [i32; 4]"
