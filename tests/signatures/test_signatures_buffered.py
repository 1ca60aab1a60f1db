"""Rule local-buffer-call (signatures/buffered.py): a C library call whose buffers are the caller's own
locals, of at least the extent the contract touches (libfns.Buffer), is checked, so its function may be a
safe fn; a pointer from a global, a buffer smaller than the count, a count no constant bounds, a call
through a function pointer keep it an unsafe fn."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all

SRC = DATA / "signatures" / "buffers"
_HEAD = "#include <unistd.h>\n#include <time.h>\n#include <execinfo.h>\n#include <stddef.h>\n"
_SAFE = ("put_byte", "put_pair", "stamp", "wall", "depth", "twice")


def _sig(tmp_path: Path, c: str, name: str):
    (tmp_path / "m.c").write_text(_HEAD + c)
    return map_all(analyze_dir(tmp_path))[name]


def test_calls_given_locals_of_the_extent_they_touch_are_checked():
    sigs = map_all(analyze_dir(SRC))
    for name in _SAFE:  # twice: safe because its callees are
        assert not sigs[name].unsafe and sigs[name].unchecked is None, (name, sigs[name].unchecked)
    assert "calls `write`" in sigs["put_global"].unchecked  # a pointer loaded from a global
    assert "calls through a function pointer" in sigs["put_via_sink"].unchecked


@pytest.mark.parametrize(("c", "name"), [
    ("int f(char c) { char one[1] = {c}; return (int)write(1, one, 2); }", "f"),  # smaller than the count
    ("int f(int n) { char b[4] = {0}; return (int)write(1, b, n); }", "f"),  # no constant bounds the count
    ("int f(void) { char b[4] = {0}; int x = 0; return (int)write(1, b, sizeof(x) + 1); }", "f"),
    ("int f(void) { static char b[4]; return (int)read(0, b, 4); }", "f"),  # a static local
    ("int f(void) { _Bool b[4] = {0}; return (int)read(0, b, 4); }", "f"),  # not any bits make a bool
    ("int f(void) { void *fr[4]; return backtrace(fr, 8); }", "f"),  # more frames than the array holds
    ("int f(void) { struct timespec ts; return gettimeofday((void *)&ts, NULL); }", "f"),  # another type
    ("int f(void) { struct timeval tv; struct timezone tz; return gettimeofday(&tv, &tz); }",
     "f"),  # its time zone is not NULL
    ("time_t now; long f(void) { return (long)time(&now); }", "f"),  # a global
    ("int f(const char *s) { return (int)write(1, s, 1); }", "f"),  # a parameter's pointee: unknown extent
])
def test_a_buffer_no_rule_proves_keeps_the_function_unsafe(tmp_path, c, name):
    sig = _sig(tmp_path, c, name)
    raw = any(p.rust_type.startswith("*") for p in sig.params)
    assert sig.unsafe and (raw or "a function outside SRC" in sig.unchecked), sig.unchecked


def test_a_call_of_an_undeclared_function_is_no_checked_call(tmp_path):
    """Without its header, C89 calls `write` as `int write()`, its count an unconverted int: outside the
    contract; a header of SRC including it declares it as well."""
    (tmp_path / "out.h").write_text("#include <unistd.h>\n")
    (tmp_path / "a.c").write_text("int put(char c) { return (int)write(1, &c, 1); }\n")
    (tmp_path / "b.c").write_text('#include "out.h"\nint put2(char c) { return (int)write(1, &c, 1); }\n')
    sigs = map_all(analyze_dir(tmp_path))
    assert sigs["put"].unsafe and "calls `write`" in sigs["put"].unchecked
    assert not sigs["put2"].unsafe, sigs["put2"].unchecked


@pytest.mark.parametrize("c", [
    "int f(void) { char b[8] = {0}; return (int)read(0, b, sizeof(b)); }",  # `sizeof` of the buffer itself
    "#define N 4\nint f(void) { unsigned char b[N * 2]; return (int)read(0, (void *)b, N); }",  # a macro
    "int f(void) { time_t t = 0; return (int)time(&t); }",  # one object of the type written
    "int f(int v) { return (int)write(2, &v, sizeof v); }",  # a by-value parameter's bytes
    "int f(void) { void *fr[8]; return backtrace(fr, 8); }",
])
def test_a_local_buffer_of_the_extent_makes_a_checked_call(tmp_path, c):
    sig = _sig(tmp_path, c, "f")
    assert not sig.unsafe and sig.unchecked is None, sig.unchecked


@pytest.mark.slow
def test_the_safe_functions_behave_as_the_c_and_hold_only_their_checked_calls(tmp_path):
    by_name, module = safe_and_equivalent(SRC, tmp_path / "out", "io", _SAFE)
    rules = {p["rule"] for n in ("put_byte", "stamp", "depth") for p in by_name[n]["safety"]["proofs"]}
    assert rules == {"local-buffer-call"}
    assert "pub unsafe fn put_global(" in function_code(module, "put_global")
