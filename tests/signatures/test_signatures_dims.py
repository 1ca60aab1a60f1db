"""Mapping declarator text: array dimensions written as constant expressions over literals and object-like
macros (C11 6.6), and declarators the text mapper must not garble."""

from __future__ import annotations

from llmigrate.config import Config
from llmigrate.core import CMacro, Codebase
from llmigrate.signatures.dims import constant_dim
from llmigrate.signatures.mapper import c_type_to_rust


def _codebase(**macros: str) -> Codebase:
    cb = Codebase(root="/src", config=Config())
    for name, body in macros.items():
        cb.macros[name] = CMacro(name=name, file="a.h", line=1, params=None, body=body)
    return cb


def test_constant_expressions_over_macros():
    cb = _codebase(MAXN="8", COLS="(2 * MAXN)", MASK="0x10", OCT="010")
    assert constant_dim("MAXN + 1", cb) == 9
    assert constant_dim("COLS - 1", cb) == 15
    assert constant_dim("MASK << 1", cb) == 32
    assert constant_dim("OCT", cb) == 8
    assert constant_dim("(MAXN + 7) / 4", cb) == 3
    assert constant_dim("sizeof(long)", cb) is None  # not evaluated here: the caller falls back
    assert constant_dim("n + 1", cb) is None  # a variable: not a constant expression
    assert constant_dim("MAXN - 8", cb) is None  # a zero dimension is not a valid array


def test_sizes_that_divide_out_leave_their_count():
    # `(sizeof(T) * N) / sizeof(T)` is N whatever T's size: a polynomial in the sizes, divided exactly
    cb = _codebase(BLOCK="sizeof(struct obj)", TOTAL="(BLOCK * 25)", SLOTS="(TOTAL / BLOCK)")
    assert constant_dim("SLOTS", cb) == 25
    assert constant_dim("(TOTAL - BLOCK) / BLOCK", cb) == 24
    assert constant_dim("TOTAL / 5 / sizeof( struct  obj )", cb) == 5  # one symbol per operand text
    assert constant_dim("TOTAL / sizeof(int)", cb) is None  # another type's size: unknown
    assert constant_dim("(TOTAL + 1) / BLOCK", cb) is None  # not exact for every size
    assert constant_dim("16 / BLOCK * BLOCK", cb) is None  # C divides first
    assert constant_dim("(BLOCK - TOTAL + TOTAL) / BLOCK", cb) is None  # a negative on the way may wrap
    assert constant_dim("(TOTAL << 1) / BLOCK", cb) is None  # a shift takes constants only


def test_parameter_types_with_expression_dims_and_int128():
    cb = _codebase(MAXN="8")
    assert c_type_to_rust("int [][MAXN + 1]", cb) == "*mut [i32; 9]"
    assert c_type_to_rust("const char [][MAXN * 2]", cb) == "*const [i8; 16]"
    assert c_type_to_rust("unsigned __int128", cb) == "u128"
    assert c_type_to_rust("__int128 *", cb) == "*mut i128"


def test_pointer_declarators_the_mapper_does_not_model_stay_well_formed():
    from llmigrate.signatures.check import well_formed

    assert c_type_to_rust("void (**)(void)") == '*mut Option<unsafe extern "C" fn()>'
    for c_type in ("int (*)[]", "int (*(*)(int))(int)"):
        assert not well_formed(c_type_to_rust(c_type))
    assert well_formed('*mut [[f64; 2]; 3]') and well_formed("()") and well_formed("*const *const i8")
    assert not well_formed("long double")
    # a variable-length array parameter (C11 6.7.6.2p5) is a pointer whose element size is run-time
    assert map_type("int [rows][cols]") == "*mut core::ffi::c_void"
    assert map_type("double [][n]") == "*mut core::ffi::c_void"
    assert map_type("int [][3]") == "*mut [i32; 3]"


def map_type(c_type: str) -> str:
    from llmigrate.signatures.check import safe_type
    from llmigrate.signatures.mapper import VOID

    return safe_type(c_type, c_type_to_rust(c_type), VOID)
