"""Counted copies (signatures/counted.py): a pointer passed to memcpy/memmove/memcmp/memset with a count of
exactly `n` of its elements (`n * sizeof(T)`, `sizeof *p * n`, `n` bytes), `n` an unassigned integer
parameter, is a slice of `n` (rule counted-copy); another count, a write through a const pointer, an
assigned count or a freed pointer leave it raw. A statement `memset` of such a slice (of integers: any value
for bytes, else 0) is the builtin's bounds-checked `fill`, a checked operation."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.counted import SOME_PATHS
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stdint.h>\n#include <stdlib.h>\n#include <string.h>\n"


def _sig(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(_HEAD + c)
    codebase = analyze_dir(tmp_path)
    return next(iter(map_all(codebase).values())), codebase


@pytest.mark.parametrize(("c", "rust_type"), [
    ("int *mk(const int *p, size_t n) { int *b = malloc(n * sizeof(int)); "
     "if (b) memcpy(b, p, n * sizeof(int)); return b; }", "&[i32]"),
    ("void zero(int *p, int n) { memset(p, 0, sizeof *p * n); }", "&mut [i32]"),
    ("void fill(uint8_t *p, size_t n) { memset(p, 7, n); }", "&mut [u8]"),
    ("int cmp(const unsigned char *p, size_t n) { return memcmp(p, \"abc\", n); }", "&[u8]"),
    ("void mv(long *p, size_t n) { long t[4]; memmove(t, p, n * sizeof p[0]); }", "&mut [i64]"),
    ("int both(int *p, int n) { memset(p, 0, n * sizeof(int)); int t = 0; for (int i = 0; i < n; i++) "
     "t += p[i]; return t; }", "&mut [i32]"),
])
def test_a_pointer_copied_by_its_count_is_a_slice(tmp_path, c, rust_type):
    sig, _ = _sig(tmp_path, c)
    p = sig.params[0]
    assert (p.rust_type, p.proof, p.len_param) == (rust_type, "counted-copy", "n"), sig.decl()


@pytest.mark.parametrize(("c", "size"), [
    ("void dec(uint8_t p[6], int x) { memset(p, 0, 6); p[0] = x; p[5] = x; }", "6"),
    ("void dec(int p[4]) { memset(p, 0, 4 * sizeof(int)); }", "4"),
    ("void dec(int p[4]) { memset(p, 0, 2 * sizeof p[0]); }", "4"),  # within the declared size
    # the declaration, not the copy, is what every caller is taken to pass: a copy on some paths only
    # does not make it raw (as for an array parameter indexed below its size)
    ("void dec(uint8_t p[6], int k) { if (k) memset(p, 0, 6); }", "6"),
])
def test_a_constant_count_within_the_declared_size_is_that_slice(tmp_path, c, size):
    sig, _ = _sig(tmp_path, c)
    p = sig.params[0]
    assert (p.proof, p.len_param) == ("declared-size", size), sig.decl()


@pytest.mark.parametrize(("c", "n"), [
    ("void bare(uint8_t *p) { memset(p, 0, 6); }", "6"),
    ("void put(uint8_t *p, uint16_t v) { memcpy(p, &v, sizeof(v)); }", "2"),
    ("uint32_t get(uint8_t *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }", "4"),
    ("typedef unsigned long long u64;\n"
     "int eq(const char *p) { return memcmp(p, \"abcdefgh\", sizeof(u64)); }", "8"),
    ("void four(int *p) { memset(p, 0, 4 * sizeof(int)); }", "4"),
    ("void arr(uint8_t *p) { uint8_t b[5] = {1}; memcpy(p, b, sizeof b); }", "5"),
])
def test_a_constant_count_is_a_slice_of_that_length(tmp_path, c, n):
    """Rule constant-count: a literal count, or bytes counted by the size of a scalar (or array) type or
    object the body names unambiguously. gcc vs Rust: behaviour memory/constant_counts."""
    sig, _ = _sig(tmp_path, c)
    p = sig.params[0]
    assert (p.proof, p.len_param) == ("constant-count", n), sig.decl()


@pytest.mark.parametrize("c", [
    "void more(int *p, int n) { memset(p, 0, (n + 1) * sizeof(int)); }",  # past the count
    "void wide(int *p, int n) { memset(p, 0, n * sizeof(long)); }",  # another element size
    "void later(int *p, int n) { n++; memset(p, 0, n * sizeof(int)); }",  # the count changes
    "void freed(char *p, size_t n) { memset(p, 0, n); free(p); }",  # ownership: no reference
    "void ints(int *p, size_t n) { memset(p, 0, n); }",  # n bytes of ints: not n elements
    "void past(uint8_t p[6]) { memset(p, 0, 7); }",  # past the declared size
    "void none(uint8_t *p) { memset(p, 0, 0); }",  # a constant count of nothing
    "void flags(_Bool *p) { memset(p, 2, 4 * sizeof(_Bool)); }",  # bytes a bool cannot hold
    "void wide(uint16_t *p, uint32_t v) { memcpy(p, &v, sizeof v); }",  # bytes of a wider element
    "void shadow(uint8_t *p, uint64_t v) { { uint16_t v = 1; memcpy(p, &v, sizeof(v)); } }",  # which v?
    "struct two { uint8_t a, b; };\nvoid agg(uint8_t *p) { struct two t = {1, 2}; memcpy(p, &t, sizeof t); }",
    "uint32_t g;\nvoid glob(uint8_t *p) { memcpy(p, &g, sizeof g); }",  # a global's size: not looked up
    "uint32_t g;\nvoid globp(uint8_t *p) { memcpy(p, &g, sizeof(g)); }",
    "void idx(int *p, int n) { memset(p, 0, n * sizeof(int)); p[n] = 1; }",  # indexed past it
    "void *memset(void *, int, size_t);\nvoid own(int *p, int n) { memset(p, 0, n * sizeof(int)); }\n"
    "void *memset(void *d, int c, size_t n) { (void)c; (void)n; return d; }",  # SRC's own memset
])
def test_a_count_not_exactly_the_extent_leaves_it_raw(tmp_path, c):
    (tmp_path / "m.c").write_text(_HEAD + c)
    codebase = analyze_dir(tmp_path)
    sig = next(s for s in map_all(codebase).values() if s.c_name != "memset")
    assert sig.params[0].rust_type.startswith("*"), sig.decl()
    assert raw_reasons(codebase.functions[sig.c_id], codebase)["p"]


@pytest.mark.parametrize(("c", "safe"), [
    ("void zero(int *p, int n) { memset(p, 0, sizeof *p * n); }", True),
    ("void fill(uint8_t *p, size_t n, int c) { if (n > 2) memset(p, c, n); }", True),
    ("void dec(uint8_t p[6], int x) { memset(p, 0, 6); p[0] = x; }", True),
    ("void ones(int *p, int n) { memset(p, 1, n * sizeof(int)); }", False),  # bytes of 1: no int value
    ("int val(int *p, int n) { return memset(p, 0, n * sizeof(int)) != 0; }", False),  # its pointer result
    ("void cpy(int *p, const int *q, int n) { memcpy(p, q, n * sizeof(int)); }", True),  # slicecopies.py
])
def test_a_slices_memset_is_a_bounds_checked_fill(tmp_path, c, safe):
    sig, _ = _sig(tmp_path, c)
    assert sig.unsafe is not safe, (sig.decl(), sig.unchecked)


def test_the_builtin_fills_the_slice(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + (
        "void zero(int *p, int n) { memset(p, 0, sizeof *p * n); }\n"
        "void fill(uint8_t *p, size_t n, int c) { memset(p, c, n); }\n"
        "void ones(int *p, int n) { memset(p, 1, n * sizeof(int)); }\n"))
    assert "p[..n as u64 as usize].fill(0);" in code["zero"] and "unsafe" not in code["zero"]
    assert "p[..n].fill(c as u8);" in code["fill"] and "unsafe" not in code["fill"]
    assert "crate::shared::memset(" in code["ones"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


@pytest.mark.parametrize(("c", "raw"), [
    ("void set_all(bool *f, size_t n) { memset(f, 2, n * sizeof(bool)); }", True),  # 2 is no bool
    ("void from_bytes(bool *d, const unsigned char *s, size_t n) { memcpy(d, s, n * sizeof(bool)); }", True),
    ("void clear(bool *f, size_t n) { memset(f, 0, n * sizeof(bool)); }", False),  # zeroes are `false`
    ("void fill(uint8_t *p, size_t n) { memset(p, 200, n); }", False),  # any byte is a u8
])
def test_a_library_call_writing_bytes_into_a_bool_slice_leaves_it_raw(tmp_path, c, raw):
    """A counted copy's bytes land in the slice unchecked: a `&mut [bool]` would hold 2 after memset(f, 2,
    ..) or whatever bytes memcpy brings, and reading those as `bool` is undefined in Rust."""
    sig, _ = _sig(tmp_path, "#include <stdbool.h>\n" + c)
    p = sig.params[0]
    assert (p.rust_type.startswith("*mut"), p.proof) == (raw, "" if raw else "counted-copy"), sig.decl()


@pytest.mark.parametrize("c", [
    # under an `if` on a parameter: a caller may pass n < 8 and a shorter buffer
    "uint64_t under(const uint8_t *p, size_t n) { uint64_t g = 0; if (n >= 8) memcpy(&g, p, 8); return g; }",
    # in one branch of an if/else
    "uint32_t one(const uint8_t *p, int k) { uint32_t v; if (k) memcpy(&v, p, 4); else v = 1; return v; }",
    # after an early return
    "uint32_t early(const uint8_t *p, int k) { uint32_t v = 0; if (k < 4) return 0; memcpy(&v, p, 4); "
    "return v; }",
    # after a call that may end the program first
    "void ends(uint8_t *p, int k) { if (k < 4) exit(1); memset(p, 0, 4); }",
    # in a loop that may run zero times
    "void loop(uint8_t *p, int k) { for (int i = 0; i < k; i++) memset(p, i, 4); }",
    "void wloop(uint8_t *p, int k) { while (k-- > 0) memset(p, 0, 4); }",
    # in a switch case
    "void sw(uint8_t *p, int k) { switch (k) { case 1: memset(p, 0, 4); break; default: break; } }",
    # an arm of `?:`, the right of `&&`
    "int arm(const uint8_t *p, int k) { return k ? memcmp(p, \"abcd\", 4) : 0; }",
    "int and(const uint8_t *p, int k) { return k && memcmp(p, \"abcd\", 4) == 0; }",
])
def test_a_constant_count_on_some_paths_only_leaves_it_raw(tmp_path, c):
    """Rule constant-count makes a slice of K in the C ABI entry, before the body runs: sound only when
    every call copies K elements. One that may not (the copy under a condition, after a way out) lets a
    valid C caller pass a shorter buffer, over which the slice would be undefined behaviour; a count
    parameter that bounds every copy may still size it."""
    sig, codebase = _sig(tmp_path, c)
    p = sig.params[0]
    assert p.proof != "constant-count", sig.decl()
    if p.rust_type.startswith("&"):  # a count parameter that bounds it (rule index-range's windows)
        assert p.len_param in {q.name for q in sig.params[1:]}, sig.decl()
        return
    assert raw_reasons(codebase.functions[sig.c_id], codebase)["p"] == SOME_PATHS


@pytest.mark.parametrize(("c", "n"), [
    ("uint32_t top(const uint8_t *p, int k) { uint32_t v; memcpy(&v, p, 4); if (k) return 0; return v; }",
     "4"),
    ("void both(uint8_t *p, int k) { if (k) memset(p, 0, 4); else memset(p, 1, 4); }", "4"),
    ("void after(uint8_t *p, int k) { int c = 0; if (k) c = 1; memset(p, c, 4); }", "4"),
    ("void body(uint8_t *p, int k) { { memset(p, 0, 4); } if (k) p = 0; }", None),  # assigned: raw
])
def test_a_constant_count_on_every_path_stays_a_slice(tmp_path, c, n):
    """A copy of K elements every call makes (at the top, in both branches, after an `if` that returns
    nowhere) shows a valid caller passes K: a slice of K (rule constant-count)."""
    sig, _ = _sig(tmp_path, c)
    p = sig.params[0]
    if n is None:
        assert p.rust_type.startswith("*"), sig.decl()
        return
    assert (p.proof, p.len_param) == ("constant-count", n), sig.decl()
