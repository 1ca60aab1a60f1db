"""C strings walked by their parameter (signatures/cwalk.py, rule c-string-cursor): which `s++` walks make
`&CStr` plus an offset, which stay raw (returned, written through, moved back, stored, stepped twice a turn,
read past the NUL), and the builtin's Rust for them (gcc vs that Rust: behaviour/memory/walked_strings.c)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stdio.h>\n#include <string.h>\n#include <ctype.h>\n"


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_HEAD + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize("c", [
    "int step(const char *s) { int n = 0; while (*s) { s++; n++; } return n; }",
    "unsigned hash(const char *k) { unsigned h = 5381; int c; while ((c = *k++)) h = h * 33 + c; return h; }",
    "int count(const char *s) { int n = 0; for (; *s != '\\0'; ++s) n += *s == 'a'; return n; }",
    "int sign(const char *s) { if (*s == '+') s++; else if (s[0] == '-') { s++; } return (int)strlen(s); }",
    "int pairs(const char *s) { int n = 0; for (; *s; s++) if (s[0] == s[1]) n++; return n; }",
])
def test_a_string_walked_forward_past_bytes_it_tested_is_a_cstr(tmp_path, c):
    sig = next(iter(_sigs(tmp_path, c).values()))
    assert sig.params[0].rust_type == "&core::ffi::CStr" and sig.params[0].proof == "c-string-cursor", \
        sig.decl()
    assert not sig.unsafe, sig.unchecked


@pytest.mark.parametrize("c", [
    "const char *ret(const char *s) { while (*s) s++; return s; }",  # a cursor returned
    "void up(char *s) { while (*s) { *s -= 32; s++; } }",  # written through
    "int back(const char *s) { int n = 0; while (*s) { s++; n++; } s--; return n + *s; }",  # moved back
    "struct v { const char *p; };\nvoid put(struct v *o, const char *s) { while (*s) s++; o->p = s; }",
    "int twice(const char *s) { int n = 0; while (*s) { s++; s++; n++; } return n; }",  # past the NUL
    "int past(const char *s) { int n = 0; while (*s++) n++; return n + *s; }",  # read past its NUL
    "int zeros(const char *s) { int n = 0; while (!*s++) n++; return n; }",  # walks while NUL
    "int either(const char *s, int x) { int n = 0; while (*s || x) { s++; n++; } return n; }",
    "int by2(const char *s) { int n = 0; while (*s) { s += 2; n++; } return n; }",  # a step of 2
    "int blind(const char *s) { if (s[1] == 'x') s++; return *s ? (int)strlen(s) : 0; }",  # not the byte
])
def test_a_cursor_returned_written_moved_back_or_past_its_nul_stays_raw(tmp_path, c):
    sigs = _sigs(tmp_path, c)
    sig = next(s for s in sigs.values())
    s = next(p for p in sig.params if p.name == "s")
    assert s.rust_type.startswith("*"), sig.decl()
    fn = analyze_dir(tmp_path).functions[sig.c_id]
    assert raw_reasons(fn, analyze_dir(tmp_path))["s"] in (
        "pointer arithmetic", "indexed outside a counted loop", "assigned or copied"), sig.decl()


def test_the_builtin_keeps_the_offset_beside_the_cstr(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + (
        "unsigned hash(const char *k) { unsigned h = 5381; int c; while ((c = *k++)) h = h * 33 + c; "
        "return h; }\n"
        "int rest(const char *s) { if (*s == '#') s++; return (int)strlen(s) + (int)hash(s); }\n"
        "int same(const char *a, const char *b) { int i = 0; for (; *a; a++, i++) if (*a != b[i]) break; "
        "return i; }\n"))
    assert "k.to_bytes_with_nul()[{ let i = k_at" in code["hash"] and "unsafe" not in code["hash"]
    assert "s[s_at1..].to_bytes().len()" in code["rest"] and "crate::m::hash(&s[s_at1..])" in code["rest"]
    assert "unsafe" not in code["rest"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_the_c_abi_entry_of_a_walked_string_states_its_precondition(tmp_path):
    sigs = _sigs(tmp_path, "int step(const char *s) { int n = 0; while (*s) { s++; n++; } return n; }")
    entry = ffi_entry(sigs["step"], c_original=False)
    assert "core::ffi::CStr::from_ptr(s)" in entry
    assert "`s` must be NUL-terminated and valid for reads until the call returns" in entry
    assert "// SAFETY: s: rule c-string-cursor: " in entry
