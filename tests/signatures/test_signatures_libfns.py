"""C library functions by what they do with each pointer argument (signatures/libfns.py): a `char *`
parameter only read as a string by strdup, fopen, remove or strcpy's source is a `&CStr`, and the call is
checked where the function writes no memory of the program; a pointer such a function writes through, a
string read on some calls only, and a freed pointer stay raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.report.safety import proofs
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
_CSTR = "&core::ffi::CStr"
_FREED = "freed or reallocated (passed to free or realloc)"


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize(("c", "safe"), [
    ("char *dup(const char *s) { return strdup(s); }", True),
    ("int gone(const char *s) { return remove(s); }", True),
    ("int moved(const char *s, const char *t) { return rename(s, t); }", True),
    ("void oops(const char *s) { perror(s); }", True),
    ("FILE *opened(const char *s, const char *mode) { return fopen(s, mode); }", True),
    ("int keep(const char *s) { char buf[64]; strcpy(buf, s); return buf[0]; }", False),  # strcpy writes
    ("const char *env(const char *s) { return getenv(s); }", False),  # into the environment: unchecked
])
def test_a_string_only_read_by_a_library_function_is_a_cstr(tmp_path, c, safe):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert all(p.rust_type == _CSTR and p.proof == "c-string" for p in sig.params), sig.decl()
    assert sig.unsafe is not safe, (sig.decl(), sig.unchecked)


@pytest.mark.parametrize(("c", "name", "why"), [
    ("void put(char *d, int n) { strcpy(d, \"abc\"); (void)n; }", "d", "passed to a function outside SRC"),
    ("void cat(char *d, const char *s) { strcat(d, s); }", "d", "passed to a function outside SRC"),
    ("void cp(char *d, const char *s) { strcpy(d, s); }", "s", "may alias another parameter"),
    ("int maybe(int n, const char *s) { if (n) return remove(s); return 0; }", "s",
     "read as a string, not up to its NUL on every call"),  # a caller may pass anything else
    ("void drop(char *s) { (void)strlen(s); free(s); }", "s", _FREED),  # the call ends the string's life
    ("int *grow(int *p, size_t n) { return realloc(p, n); }", "p", _FREED),
    ("FILE *f3(const char *s) { return fopen(s, \"r\", 0); }", "s", "passed to a function outside SRC"),
])
def test_a_pointer_written_freed_or_read_on_some_calls_stays_raw(tmp_path, c, name, why):
    if "f3" in c:  # a call of another arity than the C library's: not the function the table describes
        c = "FILE *fopen3(const char *, const char *, int);\n" + c.replace("fopen(", "fopen3(")
    sigs = _sigs(tmp_path, c)
    sig = next(s for n, s in sigs.items() if n != "fopen3")
    assert next(p for p in sig.params if p.name == name).rust_type.startswith("*"), sig.decl()
    codebase = analyze_dir(tmp_path)
    assert raw_reasons(codebase.functions[sig.c_id], codebase)[name] == why


@pytest.mark.parametrize(("c", "why"), [
    ("int g(char *s);\nint f(char *s) { int n = (int)strlen(s); char *t = s; return n + g(t); }",
     "assigned or copied"),
    ("int g(char *s, int k) { if (k) s[0] = 0; return 1; }\n"
     "int f(char *s) { return strcmp(s, \"a\") + g(s, 1); }",
     "passed to a callee whose parameter stays raw"),
    # a callee's &CStr (or slice) the caller's own uses do not make it: not a const/mutable mismatch
    ("static void g(int p[2]) { p[0] = 1; p[1] = 2; }\nint f(int *s) { g(s); s++; return *s; }",
     "passed to a callee's string or slice parameter"),
    ("static void g(int *p) { *p = 1; }\nint f(const int *s) { g(s); return 0; }",
     "passed as mutable to a const pointer"),
])
def test_the_reason_is_what_blocks_a_string_not_its_strlen(tmp_path, c, why):
    (tmp_path / "m.c").write_text(_HEAD + c)
    codebase = analyze_dir(tmp_path)
    assert raw_reasons(codebase.functions["f"], codebase)["s"] == why


def test_the_builtin_passes_the_cstr_and_says_why_the_call_is_valid(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + (
        "char *dup(const char *s) { return strdup(s); }\n"
        "FILE *opened(const char *s) { return fopen(s, \"rb\"); }\n"
        "void cp(char *d, const char *s) { strcpy(d, s); }\n"))
    assert "unsafe { crate::shared::strdup(s.as_ptr()) }" in code["dup"]
    assert 'unsafe { crate::shared::fopen(s.as_ptr(), c"rb".as_ptr()) }' in code["opened"]
    found = proofs(code["dup"], "body")
    assert [(p["rule"], p["pointer"]) for p in found] == [("checked-libc-call", None)]
    assert "`strdup`: its string arguments are literals or &CStr (NUL-terminated and readable)" in code["dup"]
    assert "pub unsafe fn cp(" in code["cp"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
