"""C strings the C may stop reading before their NUL (signatures/cprefix.py, rule c-string-prefix): which
parsers and matchers become `&CStr` on the stated assumption, which stay raw (a count bounds the read, a
write, an index past bytes never tested, a pointer returned or stored, a caller in SRC passing other than a
literal, a read on some calls only), `[translate] c_string_prefix = false` giving the raw output, and gcc vs
the Rust (tests/data/pipeline/cprefix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

_HEAD = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n#include <ctype.h>\n"
_OFF = "[translate]\nc_string_prefix = false\n"

_PREFIX = [
    "int has(const char *s, char c) { for (int i = 0; s[i]; i++) if (s[i] == c) return 1; return 0; }",
    "int colon(const char *s) { int i; for (i = 0; s[i]; i++) if (s[i] == ':') break; return i; }",
    "int digits(const char *s) { int v = 0; while (*s && *s >= '0' && *s <= '9') { v = v * 10 + *s - '0'; "
    "s++; } return v; }",
    "int spaces(const char *s) { int n = 0; while (isspace((unsigned char)*s)) { s++; n++; } return n; }",
    "int hex(const char *s) { return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit(s[2]); }",
    "int key(const char *s) { return strncmp(s, \"key=\", 4) == 0; }",
    "int sign(const char *s) { if (*s == '-') return -(s[1] == '1'); return *s == '+'; }",
]


def _sigs(tmp_path: Path, c: str, toml: str | None = None) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    if toml is not None:
        (tmp_path / "llmigrate.toml").write_text(toml)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize("c", _PREFIX)
def test_a_string_read_forward_that_may_stop_before_its_nul_is_a_cstr_by_assumption(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c).values()))
    s = sig.params[0]
    assert s.rust_type == "&core::ffi::CStr" and s.proof == "c-string-prefix", sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize("c", _PREFIX)
def test_the_setting_off_keeps_it_raw(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c, _OFF).values()))
    assert sig.params[0].rust_type.startswith("*"), sig.decl()


def test_a_null_tested_prefix_read_is_an_option(tmp_path):
    c = "int first(const char *s) { if (!s) return -1; return *s == 'a' && s[1] == 'b'; }"
    sig = _sigs(tmp_path, c)["first"]
    assert sig.params[0].rust_type == "Option<&core::ffi::CStr>" and sig.params[0].proof == "c-string-prefix"


@pytest.mark.parametrize(("c", "why"), [
    # a count bounds the read: callers may pass unterminated buffers on purpose
    ("int upto(const char *s, int n) { int i = 0; while (s[i] && i < n) i++; return i; }",
     "indexed outside a counted loop"),
    ("int cnt(const char *s, int n) { int i; for (i = 0; s[i] && i < n; i++) ; return i; }",
     "indexed outside a counted loop"),
    ("int brk(const char *s, int n) { int i; for (i = 0; s[i]; i++) { if (i >= n) break; if (s[i] == 'a') "
     "return i; } return -1; }", "indexed outside a counted loop"),
    ("int down(const char *s, int n) { int k = 0; while (n-- && *s) { s++; k++; } return k; }",
     "pointer arithmetic"),
    ("int len(const char *s, int n) { return (int)strnlen(s, n); }",
     "read as a string, not up to its NUL on every call"),
    ("int cmp(const char *s, int n) { return strncmp(s, \"abc\", n) == 0; }",
     "read as a string, not up to its NUL on every call"),
    ("int cmp5(const char *s) { return strncmp(s, \"abc\", 5) == 0; }",  # a count past the literal
     "read as a string, not up to its NUL on every call"),
    # an index reached without stepping over tested bytes
    ("int third(const char *s) { return s[2] == 'a'; }", None),  # a slice of 3 (rule constant-extent)
    ("int skip(const char *s) { return s[0] == 'a' && s[2] == 'b'; }", "indexed outside a counted loop"),
    ("int from(const char *s, int k) { for (int i = k; s[i]; i++) if (s[i] == 'a') return i; return -1; }",
     "indexed outside a counted loop"),
    ("int twice(const char *s) { for (int i = 0; s[i]; i++) { if (s[i] == 'a') return i; i++; } return -1; }",
     "indexed outside a counted loop"),
    # read on some calls only: a caller may pass anything (NULL) then
    ("int maybe(int n, const char *s) { if (n) return s[0] == 'x' && s[1] == 'y'; return 0; }",
     "indexed outside a counted loop"),
    # written, returned, stored, stepped unguarded
    ("int w(char *s) { if (*s == 'a') *s = 'b'; return 0; }", None),
    ("const char *ret(const char *s) { if (*s == '+') s++; return s; }", "pointer arithmetic"),
    ("struct v { const char *p; };\nint put(struct v *o, const char *s) { o->p = s; return *s; }",
     "assigned or copied"),
    ("int blind(const char *s) { s++; return *s; }", "pointer arithmetic"),
])
def test_a_count_a_write_an_unreached_index_or_a_pointer_let_out_stays_raw(tmp_path, c, why):
    sigs = _sigs(tmp_path, c)
    sig = next(s for s in sigs.values() if any(p.name == "s" for p in s.params))
    s = next(p for p in sig.params if p.name == "s")
    assert not s.rust_type.startswith("&core::ffi::CStr") and "CStr" not in s.rust_type, sig.decl()
    if why is not None:
        fn = analyze_dir(tmp_path).functions[sig.c_id]
        assert raw_reasons(fn, analyze_dir(tmp_path))["s"] == why


def test_a_caller_in_src_passing_a_buffer_keeps_it_raw_and_literals_do_not(tmp_path):
    has = "int has(const char *s, char c) { for (int i = 0; s[i]; i++) if (s[i] == c) return 1; return 0; }\n"
    sigs = _sigs(tmp_path, has + "int run(int k) { char raw[2] = {'a', (char)k}; return has(raw, 'b'); }")
    assert sigs["has"].params[0].rust_type.startswith("*"), sigs["has"].decl()  # raw has no NUL: valid C
    sigs = _sigs(tmp_path, has + "int run(void) { return has(\"ab\", 'b') + has(\"\", 'a'); }")
    assert sigs["has"].params[0].proof == "c-string-prefix" and not sigs["run"].unsafe
    sigs = _sigs(tmp_path, has + "int (*pick(void))(const char *, char) { return has; }")
    assert sigs["has"].params[0].rust_type.startswith("*"), sigs["has"].decl()  # called through a pointer


def test_a_prefix_string_passes_its_tail_on_to_a_callee_reading_to_the_nul(tmp_path):
    c = ("int inner(const char *s) { return (int)strlen(s); }\n"
         "int outer(const char *s) { if (*s == '-') return -inner(s); return s[0] == '+'; }")
    sigs = _sigs(tmp_path, c)
    assert sigs["inner"].params[0].proof == "c-string"  # its own proof: outer's non-literal is no matter
    assert sigs["outer"].params[0].proof == "c-string-prefix" and not sigs["outer"].unsafe


def test_the_entry_states_the_assumption_and_names_the_rule(tmp_path):
    sig = _sigs(tmp_path, _PREFIX[0])["has"]
    entry = ffi_entry(sig, c_original=False)
    assert "`s` must be NUL-terminated and valid for reads until the call returns (for `s` too where the C " \
           "stops reading before the NUL: rule c-string-prefix assumes a C string)" in entry
    assert "// SAFETY: s: rule c-string-prefix: an assumption, not a proof" in entry
    assert "core::ffi::CStr::from_ptr(s)" in entry


@pytest.mark.slow
def test_parsers_and_matchers_behave_as_gcc_on_many_inputs(tmp_path: Path) -> None:
    from helpers.paths import DATA
    from helpers.runs import safe_and_equivalent

    out = tmp_path / "out"
    safe = ("pf_number", "pf_has", "pf_hex_prefix", "pf_key", "pf_word")
    by_name, module = safe_and_equivalent(DATA / "pipeline" / "cprefix", out, "strs", safe)
    assert "pub fn pf_number(s: &core::ffi::CStr) -> i32" in module
    assert "pub unsafe fn pf_match(pat: &core::ffi::CStr, str: *const i8)" in module  # str: not read always
    rules = {p["rule"] for p in by_name["pf_has"]["safety"]["boundary"]["proofs"] if p["pointer"]}
    assert rules == {"c-string-prefix"}
