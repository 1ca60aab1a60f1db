"""`void *` parameters only a C library call reads: one only read by strcmp/strlen is a C string; those used
only as counted bytes (signatures/voidbytes.py, rule byte-count): passed with an
unsigned count parameter the body never changes to memset/memcmp (and a copy's source) they are byte slices
of that count; ffi.rs makes them from the pointer and the count; memset and memcmp of such slices are slice
operations in the builtin's Rust. A count that changes or is signed, a pointer stored, read as another type,
a copy's value used, or a call in SRC passing a local array a count past its end leave it raw."""

from __future__ import annotations

import json

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures import voidwhy
from llmigrate.signatures.mapper import map_all, raw_reasons

BYTES = DATA / "signatures" / "voidbytes"
VOID = "pointee is void (any object)"


def test_a_void_pointer_with_its_count_is_a_byte_slice_of_it():
    s = map_all(analyze_dir(BYTES))
    uninit = "core::mem::MaybeUninit<u8>"  # only set or copied: the bytes may be uninitialised
    assert [p.rust_type for p in s["wipe"].params] == [f"&mut [{uninit}]", "usize"] and not s["wipe"].unsafe
    assert [p.rust_type for p in s["fill_with"].params] == [f"&mut [{uninit}]", "i32", "u32"]
    assert not s["fill_with"].unsafe
    for f in ("same_bytes", "order"):  # memcmp of two: shared slices, a checked call
        assert [p.rust_type for p in s[f].params] == ["&[u8]", "&[u8]", "usize"] and not s[f].unsafe
    assert [p.proof for p in s["order"].params[:2]] == ["byte-count", "byte-count"]
    assert s["wipe"].params[0].len_param == "n" and s["wipe"].params[0].abi_type == "*mut core::ffi::c_void"
    # a copy's source: the slice is proven, the copy into a raw buffer stays an unsafe call
    assert s["copy_out"].params[0].rust_type == f"&[{uninit}]" and "memcpy" in s["copy_out"].unchecked
    # only read as a string by the C library: a C string (rule c-string), cast at the boundary
    assert [p.rust_type for p in s["keycmp"].params] == \
        ["&core::ffi::CStr", "&core::ffi::CStr"]
    assert s["keylen"].params[0].rust_type == "&core::ffi::CStr" and not s["keylen"].unsafe
    assert "core::ffi::CStr::from_ptr(k0.cast::<core::ffi::c_char>())" in ffi_entry(s["keycmp"])
    entry = ffi_entry(s["wipe"])
    assert f"core::slice::from_raw_parts_mut(buf.cast::<{uninit}>(), n)" in entry
    assert "// SAFETY: buf: rule byte-count:" in entry and "`buf` must point to `n` bytes" in entry
    assert "`a` must point to `n` initialised bytes" in ffi_entry(s["order"])  # compared: u8 values


def test_a_void_pointer_used_otherwise_or_with_another_count_stays_raw():
    cb = analyze_dir(BYTES)
    # the reason names the use that stops it (voidwhy.py)
    for f, name in (("wipe_half", "buf"), ("wipe_int", "buf")):
        assert raw_reasons(cb.functions[f], cb) == {name: f"{VOID}: {voidwhy.COUNTED}"}, f
    assert raw_reasons(cb.functions["remember"], cb) == {"buf": f"{VOID}: stored"}
    assert raw_reasons(cb.functions["wipe_then_read"], cb) == {"p": f"{VOID}: cast"}
    assert raw_reasons(cb.functions["zero_n"], cb) == {"p": VOID}  # each use alone is counted
    outside = f"{VOID}: passed to a function outside SRC"  # memcpy's value used
    assert raw_reasons(cb.functions["copy_into"], cb) == {"dst": outside, "src": outside}


def test_counted_bytes_that_may_alias_other_memory_stay_raw(tmp_path):
    (tmp_path / "a.c").write_text(
        "#include <string.h>\nint G;\n"
        "void both(void *buf, size_t n, int *x) { memset(buf, 0, n); *x = 1; }\n"
        "void global(void *buf, size_t n) { memset(buf, 0, n); G = 1; }\n"
        "void copy(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }\n"
        "void two(void *a, void *b, size_t n, size_t m) { memset(a, 0, n); memcmp(a, b, m); }\n")
    cb = analyze_dir(tmp_path)
    assert raw_reasons(cb.functions["both"], cb)["buf"] == "may alias another parameter"
    assert raw_reasons(cb.functions["global"], cb)["buf"] == \
        "may alias a global the function or a callee uses"
    assert set(raw_reasons(cb.functions["copy"], cb).values()) == {"may alias another parameter"}
    assert raw_reasons(cb.functions["two"], cb)["a"] == VOID  # two counts, each alone fine


@pytest.mark.slow
def test_counted_bytes_behave_as_the_c(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(BYTES, out)
    module = (out / "src" / "m_lib.rs").read_text()
    assert "buf.fill(core::mem::MaybeUninit::new(0i32 as u8));" in function_code(module, "wipe")
    assert "buf.fill(core::mem::MaybeUninit::new(c as u8));" in function_code(module, "fill_with")
    for f in ("wipe", "fill_with", "same_bytes", "order", "keylen"):
        assert "unsafe" not in function_code(module, f), f
    assert ".find(|(x, y)| x != y)" in function_code(module, "order")
    # a caller in SRC makes the slice from its own pointer and count
    assert "core::slice::from_raw_parts_mut(s1, 8usize)" in function_code(module, "cleared")
    wipe = next(f for f in report["functions"] if f["name"] == "wipe")
    assert [p["rule"] for p in wipe["safety"]["boundary"]["proofs"]] == ["byte-count"]
    assert all(f["equivalence"] == "equivalent" for f in report["functions"]), json.dumps(report)[:2000]
