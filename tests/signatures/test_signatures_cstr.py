"""Read-only NUL-terminated strings (signatures/cstr.py) and checked C library calls: which `char *`
parameters become `&CStr`, which stay raw (written through, stored, returned, stepped, passed to an unknown
function, never read up to a NUL), and which libc calls leave a function a safe fn."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.report.safety import proofs
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize(("c", "rust_type"), [
    ("int count_char(const char *s, char c) { int n = 0; for (int i = 0; s[i]; i++) n += s[i] == c; "
     "return n; }", "&core::ffi::CStr"),
    ("int scan(char *s) { int i = 0; while (s[i] != '\\0') i++; return i; }", "&core::ffi::CStr"),
    ("int parse(const char *s) { return atoi(s); }", "&core::ffi::CStr"),
    ("int sum(const char *s) { int t = 0; for (size_t i = 0; i < strlen(s); i++) t += s[i]; return t; }",
     "&core::ffi::CStr"),
    ("void greet(const char *name) { printf(\"hello %s\\n\", name); }", "&core::ffi::CStr"),
    ("int len_or(const char *s) { if (s == NULL) return -1; return (int)strlen(s); }",
     "Option<&core::ffi::CStr>"),
    ("int same(const char *a) { return strcmp(a, \"x\") == 0 && strchr(a, 'y') != NULL; }",
     "&core::ffi::CStr"),
    # a break that leaves only a switch or an inner loop, a continue: the scan still ends only at the NUL
    ("int vowels(const char *s) { int n = 0; for (int i = 0; s[i]; i++) switch (s[i]) { case 'a': n++; "
     "break; default: break; } return n; }", "&core::ffi::CStr"),
    ("int runs(const char *s) { int n = 0, i = 0; while (s[i] != '\\0') { if (s[i++] == ' ') continue; "
     "for (int j = 0; j < 3; j++) if (j == n) break; n++; } return n; }", "&core::ffi::CStr"),
])
def test_a_string_only_read_up_to_its_nul_is_a_cstr(tmp_path, c, rust_type):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert sig.params[0].rust_type == rust_type and sig.params[0].proof == "c-string", sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize(("c", "why"), [
    ("void upcase(char *s) { for (int i = 0; s[i]; i++) s[i] -= 32; }", "indexed outside a counted loop"),
    ("const char *keep;\nvoid store(const char *s) { keep = s; (void)strlen(s); }", "assigned or copied"),
    ("const char *ret(const char *s) { (void)strlen(s); return s; }", "returned"),  # not its strlen
    ("int step(const char *s) { int n = 0; while (*s) { s++; s++; n++; } return n; }", "pointer arithmetic"),
    ("int unknown(const char *s);\nint passes(const char *s) { return unknown(s) + (int)strlen(s); }",
     "passed to a function outside SRC"),
    ("int first(const char *s, int k) { return s[0] + (k ? s[1] : 0); }",  # no NUL read, s[1] on some calls
     "indexed outside a counted loop"),
    ("struct v { const char *p; };\nvoid put(struct v *o, const char *s) { o->p = s; (void)strlen(s); }",
     "assigned or copied"),
    ("char *cut(char *s) { char *c = strchr(s, ':'); *c = 0; return s; }",
     "passed to a function outside SRC"),
    ("int upto(int n, const char *s) { int t = 0; for (int i = 0; i < n && s[i]; i++) t += s[i]; return t; }",
     "indexed outside a counted loop"),  # with n == 0 it reads nothing: no NUL on every call
    ("int maybe(int n, const char *s) { if (n) return (int)strlen(s); return 0; }",
     "read as a string, not up to its NUL on every call"),  # a caller may pass anything else
    # scans that may end before the NUL (scans.py) and that rule c-string-prefix refuses too (a count, a jump
    # out of a walk no `for` makes, a scan for NUL); those it takes are test_signatures_cprefix.py's
    ("int upto(const char *s, int n) { int i = 0; while (s[i] && i < n) i++; return i; }",
     "indexed outside a counted loop"),
    ("int jump(const char *s) { int i = 0; while (s[i]) { if (s[i] == '#') goto out; i++; } out: return i; }",
     "indexed outside a counted loop"),
    ("int fatal(const char *s) { int i = 0; while (s[i]) { if (s[i] == '!') exit(1); i++; } return i; }",
     "indexed outside a counted loop"),  # exit ends the program on the prefix
    ("int zeros(const char *s) { int i = 0; while (s[i] == 0) i++; return i; }",
     "indexed outside a counted loop"),  # stops at the first byte that is not NUL
    ("int nots(const char *s) { int i = 0; while (!s[i]) i++; return i; }",
     "indexed outside a counted loop"),
])
def test_a_string_written_stored_returned_or_stepped_stays_raw(tmp_path, c, why):
    sigs = _sigs(tmp_path, c)
    sig = sigs[next(n for n in sigs if n not in ("unknown",))]
    s = next(p for p in sig.params if p.name == "s")
    assert s.rust_type.startswith("*"), sig.decl()
    fn = analyze_dir(tmp_path).functions[sig.c_id]
    assert raw_reasons(fn, analyze_dir(tmp_path))["s"] == why


@pytest.mark.parametrize(("c", "safe"), [
    ("void a(int x, double y) { fprintf(stderr, \"%d %.3f %s\\n\", x, y, \"ok\"); }", True),
    ("void b(long x, unsigned char c) { printf(\"%ld %c %%\\n\", x, c); }", True),
    ("void c(long x) { printf(\"%d\\n\", x); }", False),  # %d of a long
    ("void d(const char *f) { printf(f); }", False),  # a format that is no literal
    ("void e(FILE *f, int x) { FILE *g = f; fprintf(g, \"%d\", x); }", False),  # a stream that may not be one
    ("void e(FILE *f, int x) { fprintf(f, \"%d\", x); }", True),  # a stream parameter (rule opaque-handle)
    ("void g(int *n) { printf(\"ab%n\", n); }", False),  # %n writes
    ("void h(int x) { printf(\"%d %d\\n\", x); }", False),  # a conversion without its argument
    ("void i(int x) { printf(\"failed: %m, % m (%d)\\n\", x); }", True),  # glibc's %m reads no argument
    ("void j(char *s) { printf(\"%m %s\\n\", s + 1); }", False),  # %m takes no argument: %s reads s + 1
    ("void k(const char *s) { (void)strlen(s); printf(\"%s\\n\", s + 1); }", False),
    ("struct pt { int x; double y; };\nvoid m(struct pt p) { printf(\"%d %g\\n\", p.x, p.y); }", True),
    ("#include <assert.h>\nint n(int b) { assert(b); printf(\"%s:%d %s\\n\", __FILE__, __LINE__, __func__); "
     "return b; }", True),
])
def test_checked_libc_calls_leave_a_safe_fn(tmp_path, c, safe):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert sig.unsafe is not safe, (sig.decl(), sig.unchecked)


def test_the_builtin_reads_bytes_safely_and_names_the_rule_of_each_libc_call(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + (
        "int count_char(const char *s, char c) { int n = 0; for (int i = 0; s[i]; i++) n += s[i] == c; "
        "return n; }\n"
        "void greet(const char *name) { printf(\"hello %s\\n\", name); }\n"
        "int both(const char *s) { return count_char(s, 'a') + count_char(\"abc\", *s); }\n"))
    assert "s.to_bytes_with_nul()[i as usize]" in code["count_char"] and "unsafe" not in code["count_char"]
    assert "crate::m::count_char(s, 97i8)" in code["both"] and 'crate::m::count_char(c"abc", ' in code["both"]
    found = proofs(code["greet"], "body")
    assert [(p["rule"], p["pointer"]) for p in found] == [("checked-libc-call", None)]
    assert "unsafe { crate::shared::printf(c\"hello %s\\x0a\".as_ptr(), name.as_ptr()) };" in code["greet"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_the_c_abi_entry_makes_the_cstr_under_its_precondition(tmp_path):
    sigs = _sigs(tmp_path, "int len_or(const char *s) { if (!s) return -1; return (int)strlen(s); }\n"
                           "int first(unsigned char *u) { return u[0] ? (int)strlen((char *)u) : 0; }\n")
    entry = ffi_entry(sigs["len_or"], c_original=False)
    assert "if s.is_null() { None } else { Some(core::ffi::CStr::from_ptr(s)) }" in entry
    assert "`s` must be NUL-terminated and valid for reads until the call returns" in entry
    assert "// SAFETY: s: rule c-string: " in entry
