"""A struct member declared through a typedef of an array (`typedef uint32_t quad[4]; struct td { quad q; }`)
is an array, as one spelled `uint32_t q[4]` is (kinds.array_typed, kinds.array_spelled): `a->q` decays to a
pointer into `*a`, so a write through it (memcpy, `a->q[i] = x`, `*a->q = x`, through a local copy of the
pointer) is a write through `a`. It was a plain place: such writers got a shared `&td`, and a function kept
in C was then handed `from_ref(a).cast_mut()`, a write through a shared reference (undefined in Rust)."""

from __future__ import annotations

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons

TALLY = DATA / "signatures" / "typedefmember"
_TD = ("#include <stdint.h>\n#include <string.h>\ntypedef uint32_t quad[4];\ntypedef quad quad2;\n"
       "struct td { uint32_t used; quad q; quad2 q2; };\n")
_RAW = "array member or address of a member"


@pytest.mark.parametrize(("name", "c", "conv"), [
    ("f", "void f(struct td *a, const uint8_t *s, size_t n) { memcpy(a->q, s, n); }", "mut_ref"),
    ("f2", "void f2(struct td *a, const uint8_t *s, size_t n) { memcpy(a->q2, s, n); }", "mut_ref"),
    ("g", "void g(struct td *a, int i, uint32_t x) { a->q[i & 3] = x; }", "mut_ref"),
    ("g2", "void g2(struct td *a, int i, uint32_t x) { a->q2[i & 3] = x; }", "mut_ref"),
    ("r", "uint32_t r(struct td *a) { return a->q[1] + a->q2[2] + a->used; }", "ref"),
])
def test_a_typedef_array_member_is_sized_as_the_array_it_is(tmp_path, name, c, conv):
    (tmp_path / "m.c").write_text(_TD + c + "\n")
    sig = map_all(analyze_dir(tmp_path))[name]
    assert sig.params[0].conv == conv and not sig.unsafe, (name, sig.params[0], sig.unchecked)


@pytest.mark.parametrize(("name", "c"), [
    ("h", "void h(struct td *a, uint32_t x) { *a->q = x; }"),
    ("h2", "void h2(struct td *a, uint32_t x) { *a->q2 = x; }"),
    ("k", "void k(struct td *a, int i, uint32_t x) { uint32_t *p = a->q; p[i & 3] = x; }"),
    ("e", "void e(struct td *a, const uint8_t *s, size_t n) { memcpy(a->q + 1, s, n); }"),
])
def test_writes_through_a_decayed_typedef_array_member_stay_raw(tmp_path, name, c):
    (tmp_path / "m.c").write_text(_TD + c + "\n")
    cb = analyze_dir(tmp_path)
    assert map_all(cb)[name].params[0].conv == "value", name
    assert raw_reasons(cb.functions[name], cb)["a"] == _RAW


def test_a_copy_of_the_decayed_member_written_later_stays_raw(tmp_path):
    # the kept-in-C path: a writer the builtin may not translate is never handed a pointer made from `&T`
    (tmp_path / "m.c").write_text(_TD + "void w(struct td *a, const uint32_t *p) { uint32_t *q = a->q2; "
                                  "if (*p) q[0] = *p; }\n")
    cb = analyze_dir(tmp_path)
    assert map_all(cb)["w"].params[0].conv == "value" and raw_reasons(cb.functions["w"], cb)["a"] == _RAW


def test_the_data_tally_gets_mutable_references_for_its_writers():
    sigs = map_all(analyze_dir(TALLY))
    assert [(p.conv, p.beneath) for p in sigs["tally_load"].params[:2]] == [("opt_mut", "member-fill"),
                                                                           ("slice", "counted-copy")]
    assert sigs["tally_bump"].params[0].conv == "mut_ref" and sigs["tally_sum"].params[0].conv == "ref"


@pytest.mark.slow
def test_the_rust_writes_the_typedef_array_member_as_gcc_does(tmp_path):
    from helpers.runs import function_code, safe_and_equivalent

    safe = ("tally_load", "tally_bump", "tally_sum")
    _, module = safe_and_equivalent(TALLY, tmp_path / "out", "tally", safe)
    assert "t: &mut tally" in function_code(module, "tally_bump")


def test_a_pointer_member_declared_through_a_typedef_is_a_loaded_pointer(tmp_path):
    # rule contained: `x->root` of a `node_p root` member loads a pointer, as `struct n *root` does
    from llmigrate.signatures.contained import non_array_fields, pointer_fields

    (tmp_path / "m.c").write_text(_TD + "typedef struct n *node_p;\ntypedef void (*visit_t)(node_p);\n"
                                  "struct n { node_p root; visit_t v; quad2 q; int k; };\n")
    cb = analyze_dir(tmp_path)
    assert {"root", "v"} <= pointer_fields(cb) and not {"q", "q2", "k"} & pointer_fields(cb)
    assert not {"q", "q2"} & non_array_fields(cb) and "k" in non_array_fields(cb)


@pytest.mark.parametrize("name", ["f", "g"])
def test_kept_in_c_the_writer_gets_no_pointer_made_from_a_shared_reference(tmp_path, name):
    # were the builtin to fail on it, the C original would be called with the Rust's own parameter
    from llmigrate.reintegrate.crate import kept_in_c_item

    (tmp_path / "m.c").write_text(_TD + "void f(struct td *a, const uint8_t *s, size_t n) "
                                  "{ memcpy(a->q, s, n); }\n"
                                  "void g(struct td *a, int i, uint32_t x) { a->q2[i & 3] = x; }\n")
    kept = kept_in_c_item(map_all(analyze_dir(tmp_path))[name], f"__llmigrate_c_{name}")
    assert "a: &mut td" in kept and "from_ref(a)" not in kept and "a as *mut _" in kept, kept
