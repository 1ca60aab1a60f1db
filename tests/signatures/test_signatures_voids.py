"""`void *` parameters typed by their uses (signatures/voids.py): a comparator or context pointer converted
to one struct pointer, a byte buffer read as bytes, take that reference or slice; C callers (qsort, a
callback, the C ABI) go through ffi.rs, which casts; a `void *` used otherwise stays raw."""

from __future__ import annotations

import json
import re

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures import voidwhy
from llmigrate.signatures.mapper import map_all, raw_reasons

VOIDS = DATA / "signatures" / "voids"
VOID = "pointee is void (any object)"


def _mapped(tmp_path, source: str):
    """The analysis of one C file `source` and the signatures mapped from it."""
    (tmp_path / "m.c").write_text(source)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_a_void_pointer_converted_to_one_type_is_a_reference_to_it():
    cb = analyze_dir(VOIDS)
    s = map_all(cb)
    # the local form (`const struct point *p = a;`, with or without a cast) and the cast form alike
    assert [p.rust_type for p in s["by_x"].params] == ["&point", "&point"] and not s["by_x"].unsafe
    assert [p.rust_type for p in s["by_value"].params] == ["&i32", "&i32"] and not s["by_value"].unsafe
    assert [p.rust_type for p in s["add_to"].params] == ["i32", "&mut acc"] and not s["add_to"].unsafe
    assert [p.rust_type for p in s["reset_acc"].params] == ["&mut acc"] and not s["reset_acc"].unsafe
    assert s["add_checked"].params[0].rust_type == "Option<&mut acc>" and not s["add_checked"].unsafe
    assert [p.rust_type for p in s["checksum"].params] == ["&[u8]", "usize"] and not s["checksum"].unsafe
    # the C ABI keeps the `void *`; the entry casts it, its precondition saying to what
    assert s["checksum"].params[0].abi_type == "*const core::ffi::c_void"
    entry = ffi_entry(s["by_x"])
    assert "crate::m_lib::by_x(&*a.cast::<point>(), &*b.cast::<point>())" in entry
    assert "`a` must point to what the C converts it to, `point`" in entry
    assert "core::slice::from_raw_parts(data.cast::<u8>(), len)" in ffi_entry(s["checksum"])
    assert "&mut *ctx.cast::<acc>()" in ffi_entry(s["reset_acc"])


def test_a_void_pointer_used_otherwise_stays_raw():
    cb = analyze_dir(VOIDS)
    s = map_all(cb)
    # the reason names the use that stops it (voidwhy.py)
    assert raw_reasons(cb.functions["first_of"], cb) == {"p": f"{VOID}: cast"}  # cast to two types
    assert raw_reasons(cb.functions["keep"], cb)["p"] == f"{VOID}: stored"
    compared = f"{VOID}: compared or NULL-checked"  # with another pointer
    assert raw_reasons(cb.functions["same"], cb) == {"a": compared, "b": compared}
    assert raw_reasons(cb.functions["forward"], cb) == {"ctx": f"{VOID}: {voidwhy.COUNTED}"}  # sizeof(T)
    # a caller in SRC may hold a pointer of another type: it passes a raw pointer, its own stays raw
    assert raw_reasons(cb.functions["twice_checksum"], cb)["buf"] == \
        "passed to a callee whose parameter stays raw"
    assert all(s[f].unsafe for f in ("first_of", "keep", "same", "forward", "twice_checksum"))


def test_a_const_void_pointer_written_through_a_cast_stays_raw(tmp_path):
    cb, s = _mapped(tmp_path, "struct acc { long sum; };\n"
                    "void clear(const void *ctx) { struct acc *s = (struct acc *)ctx; s->sum = 0; }\n"
                    "long get(const void *ctx) { struct acc *s = (struct acc *)ctx; return s->sum; }\n")
    assert s["clear"].params[0].rust_type == "*const core::ffi::c_void" and s["clear"].unsafe
    assert "pointee is void" in raw_reasons(cb.functions["clear"], cb)["ctx"]
    assert s["get"].params[0].rust_type == "&acc" and not s["get"].unsafe  # only read: a shared view



def test_a_global_spelled_like_the_local_before_its_declaration_is_not_the_parameter(tmp_path):
    # `*gq` before `int *gq = p;` reads the global: renaming it to `p` would prove a read of the global as
    # one through the parameter (and the function safe while it dereferences a global pointer)
    cb, s = _mapped(tmp_path, "int *gq;\n"
                    "int before(void *p) { int r = *gq; int *gq = p; return r + *gq; }\n"
                    "int after(void *p) { int *gq = p; return *gq; }\n")
    assert s["before"].unsafe and \
        raw_reasons(cb.functions["before"], cb)["p"] == f"{VOID}: assigned or copied"
    assert s["after"].params[0].rust_type == "&i32" and not s["after"].unsafe

@pytest.mark.slow
def test_comparators_context_pointers_and_byte_buffers_behave_as_the_c(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(VOIDS, out)  # the C test sorts through qsort and visits with a callback
    module = (out / "src" / "m_lib.rs").read_text()
    assert "\npub fn by_x(a: &point, b: &point) -> i32 {" in function_code(module, "by_x")
    assert "let p = a;" in function_code(module, "by_x") and "unsafe" not in function_code(module, "by_x")
    assert "unsafe" not in function_code(module, "by_value") + function_code(module, "checksum")
    assert "crate::ffi::m_lib__abi_by_x" in function_code(module, "sort_points")
    assert "crate::ffi::m_lib__abi_add_to" in function_code(module, "sum_all")
    assert "let mut s = ctx;" in function_code(module, "add_checked")  # NULL-tested past a goto
    # a caller in SRC makes the slice from its own pointer, cast (its `size_t` count needs no cast)
    assert re.search(r"from_raw_parts\(\w+, n\)", function_code(module, "twice_checksum"))
    add_to = next(f for f in report["functions"] if f["name"] == "add_to")
    assert [p["rule"] for p in add_to["safety"]["boundary"]["proofs"]] == ["deref-on-every-call"]
    precondition = add_to["safety"]["boundary"]["precondition"]
    assert "`ctx` must point to what the C converts it to, `acc`" in precondition
    assert all(f["equivalence"] == "equivalent" for f in report["functions"]), json.dumps(report)[:2000]
