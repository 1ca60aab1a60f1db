"""Rule library-result (signatures/libresults.py): what backtrace_symbols returns, NULL or an array of its
count of C strings, read only element by element, is a slice the Rust tests for NULL and indexes
bounds-checked, its elements C strings for checked library calls; any other use (a write, a pass, a
dereference, pointer arithmetic, a count no constant bounds) keeps the function an unsafe fn."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translate_file
from helpers.paths import DATA
from helpers.runs import function_code, safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import Names, unsound

SRC = DATA / "signatures" / "libresults"
_HEAD = "#include <execinfo.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
_SAFE = ("named_frames", "print_frames", "report")
_OPEN = "void *fr[4]; int n = backtrace(fr, 4); char **s = backtrace_symbols(fr, n);"


def _sig(tmp_path: Path, c: str, name: str = "f"):
    (tmp_path / "m.c").write_text(_HEAD + c)
    return map_all(analyze_dir(tmp_path))[name]


def test_elements_read_within_the_count_make_safe_functions():
    sigs = map_all(analyze_dir(SRC))
    for name in _SAFE:  # report: safe because print_frames is
        assert not sigs[name].unsafe and sigs[name].unchecked is None, (name, sigs[name].unchecked)
    assert "indexes `first[0]`" in sigs["first_byte"].unchecked  # an element is no proven pointer
    assert "indexes `names[0]`" in sigs["cleared"].unchecked  # written: no slice
    assert "calls `backtrace_symbols`" in sigs["grown"].unchecked  # its count changed: no bound


@pytest.mark.parametrize("c", [
    f"int g(char **p);\nint f(void) {{ {_OPEN} return g(s) != 0; }}",  # passed on
    f"int f(void) {{ {_OPEN} return *s != NULL; }}",  # dereferenced, not indexed
    f"int f(void) {{ {_OPEN} char **t = s + 1; return t[0] != NULL; }}",  # pointer arithmetic
    f"int f(void) {{ {_OPEN} free(s); return n; }}",  # freed
    f"int f(void) {{ {_OPEN} return s[0][0]; }}",  # a string's bytes through the element
    f"int g(const char *p);\nint f(void) {{ {_OPEN} return g(s[0]); }}",  # an element to a raw callee
    "int f(int k) { void *fr[4]; char **s = backtrace_symbols(fr, k); return s[0] != NULL; }",  # any count
    "int f(void) { void *fr[4], *big[8]; int n = backtrace(big, 8); char **s = backtrace_symbols(fr, n);"
    " return s[0] != NULL; }",  # more frames than the array read holds
    "int f(void) { void *fr[4]; int n = backtrace(fr, 4); int *p = &n; char **s = backtrace_symbols(fr, n);"
    " return s[0] != NULL && *p; }",  # the count's address taken
])
def test_a_result_used_outside_the_contract_keeps_the_function_unsafe(tmp_path, c):
    sig = _sig(tmp_path, c)
    assert sig.unsafe and sig.unchecked is not None, c


def test_the_net_accepts_only_the_slice_of_the_count_argument():
    names = Names(unsafe_fns={"strlen", "backtrace_symbols"}, statics=set())
    body = ("pub fn f(b: i32) -> i32 {{ let mut fr: [*mut core::ffi::c_void; 4] = [core::ptr::null_mut(); 4];"
            " let n: i32 = 4; let s: &[*mut i8] = unsafe {{ core::slice::from_raw_parts(core::ptr::NonNull::"
            "new(crate::shared::backtrace_symbols(fr.as_mut_ptr() as *const *mut core::ffi::c_void, n))"
            '.expect("NULL").as_ptr(), usize::try_from({}).unwrap_or(0)) }}; '
            "unsafe {{ crate::shared::strlen(s[0] as *const i8) as i32 }} }}")
    assert unsound(body.format("n"), names) == []
    assert len(unsound(body.format("b"), names)) == 2  # another length, so its elements are no C strings


@pytest.mark.slow
def test_the_safe_functions_behave_as_the_c_and_hold_only_checked_operations(tmp_path):
    by_name, module = safe_and_equivalent(SRC, tmp_path / "out", "trace", _SAFE)
    assert "let symbols: &[*mut i8] = unsafe" in function_code(module, "print_frames")
    rules = {p["rule"] for n in ("named_frames", "print_frames") for p in by_name[n]["safety"]["proofs"]}
    assert "library-result" in rules
    for name in ("first_byte", "cleared", "grown"):
        assert f"pub unsafe fn {name}(" in function_code(module, name)


def test_a_slice_the_builtin_cannot_make_where_the_c_declares_it_is_refused(tmp_path):
    """Declared straight in a switch body, the local would be declared ahead of it, its slice made before the
    call: the builtin refuses the function rather than leave a raw pointer in a safe fn."""
    c = _HEAD + ("int f(int k)\n{\n\tvoid *fr[4];\n\tint n = backtrace(fr, 4);\n\tswitch (k) {\n"
                 "\tcase 0: {\n\t\tchar **s = backtrace_symbols(fr, n);\n\t\treturn s[0] != NULL;\n\t}\n"
                 "\tdefault:\n\t\tk = 1;\n\t\tchar **t = backtrace_symbols(fr, n);\n"
                 "\t\treturn t[0] != NULL;\n\t}\n}\n")
    tr, sig, _ = translate_file(tmp_path, "m.c", c)["f"]
    assert not sig.unsafe, sig.unchecked
    assert not tr.ok and "library result" in " ".join(tr.reasons), tr.reasons
