"""A scalar's bytes copied to or from a byte slice of exactly its size (signatures/scalarbytes.py): the call
is checked, the builtin writes `to_ne_bytes`/`from_ne_bytes` on the slice, and the function is safe; a
count other than the scalar's size, a `char` slice, a non-scalar or static object, or a used result keep the
C library's call. gcc vs Rust: behaviour memory/constant_counts."""

from __future__ import annotations

import pytest
from helpers.builtin_translate import sound_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all

_HEAD = "#include <stdint.h>\n#include <string.h>\n"


@pytest.mark.parametrize(("c", "safe"), [
    ("void put(uint8_t *d, uint32_t v) { memcpy(d, &v, sizeof(v)); }", True),
    ("uint16_t get(const uint8_t *s) { uint16_t v; memcpy(&v, s, sizeof v); return v; }", True),
    ("float getf(uint8_t *s) { float f; memmove(&f, s, 4); return f; }", True),
    ("int64_t get8(const uint8_t *s) { int64_t v = 0; memcpy(&v, s, sizeof(int64_t)); return v; }", True),
    ("void part(uint8_t *d, uint32_t v) { memcpy(d, &v, 2); }", False),  # not the scalar's size
    ("void chars(char *d, uint32_t v) { memcpy(d, &v, sizeof v); }", False),  # an i8 slice
    ("struct two { uint8_t a, b; };\nvoid agg(uint8_t *d) { struct two t = {1, 2}; memcpy(d, &t, 2); }",
     False),
    ("void st(uint8_t *d) { static uint32_t v = 7; memcpy(d, &v, sizeof v); }", False),  # a static mut
    ("uint8_t *val(uint8_t *d, uint32_t v) { return memcpy(d, &v, sizeof v); }", False),  # result used
])
def test_a_scalars_bytes_to_or_from_a_byte_slice_is_checked(tmp_path, c, safe):
    (tmp_path / "m.c").write_text(_HEAD + c)
    sig = next(s for s in map_all(analyze_dir(tmp_path)).values())
    assert sig.unsafe is not safe, (sig.decl(), sig.unchecked)


@pytest.mark.parametrize(("c", "rust"), [
    ("void put(uint8_t *d, uint32_t v) { memcpy(d, &v, sizeof(v)); }",
     "d[..4].copy_from_slice(&v.to_ne_bytes());"),
    ("double getd(const uint8_t *s) { double x; memcpy(&x, s, sizeof x); return x; }",
     "f64::from_ne_bytes(s[..8].try_into().unwrap())"),
    ("void part(uint8_t *d, uint32_t v) { memcpy(d, &v, 2); }", "crate::shared::memcpy("),  # stays C's
])
def test_the_builtin_copies_the_bytes(tmp_path, c, rust):
    code = next(iter(sound_code(tmp_path, "m.c", _HEAD + c).values()))
    assert rust in code and ("unsafe" in code) is rust.startswith("crate::"), code


def test_endian_conversions_keep_a_serializer_safe(tmp_path):
    """<endian.h>'s htole32/be16toh (libc.SCALAR_EXTERNS): scalars in and out, so the byte copy around them
    leaves the function safe; its Rust calls the header's inline functions shared.rs translated."""
    (tmp_path / "m.c").write_text("#include <endian.h>\n" + _HEAD + (
        "void put(uint8_t *d, uint32_t v) { v = htole32(v); memcpy(d, &v, sizeof v); }\n"
        "uint16_t get(const uint8_t *s) { uint16_t v; memcpy(&v, s, sizeof v); return be16toh(v); }\n"))
    sigs = map_all(analyze_dir(tmp_path))
    assert not sigs["put"].unsafe and not sigs["get"].unsafe, (sigs["put"].unchecked, sigs["get"].unchecked)
