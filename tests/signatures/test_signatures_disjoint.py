"""The `disjoint-checked` rule: parameters that fail only because another may overlap them become
references when the C ABI entry can check the overlap at run time; with the negative cases that stay raw."""

from __future__ import annotations

from pathlib import Path

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

VEC = "struct v { int x, y; };\n"


def _sigs(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_exported_parameters_that_may_overlap_are_checked_references(tmp_path):
    cb, s = _sigs(tmp_path, VEC + "void add(struct v *d, const struct v *a, const struct v *b)\n"
                  "{ d->x = a->x + b->x; d->y = a->y + b->y; }\n")
    assert [(p.rust_type, p.proof, p.disjoint_from) for p in s["add"].params] == [
        ("&mut v", "disjoint-checked", ["a", "b"]), ("&v", "disjoint-checked", ["d"]),
        ("&v", "disjoint-checked", ["d"])]
    assert not s["add"].unsafe and raw_reasons(cb.functions["add"], cb) == {}
    entry = ffi_entry(s["add"])  # both pairs are checked before a reference is made, else the C runs
    assert "llmigrate_overlap(a as usize, core::mem::size_of::<v>(), d as usize" in entry
    assert "llmigrate_overlap(b as usize" in entry and "a as usize, core::mem::size_of::<v>(), b" not in entry
    assert entry.index("llmigrate_c_original(d, a, b)") < entry.index("crate::m::add(&mut *d, &*a, &*b)")
    assert '#[link_name = "__llmigrate_c_add"]' in entry
    assert "// SAFETY: d: rule disjoint-checked:" in entry


def test_pointers_stored_in_a_pointee_matter_only_to_a_function_that_follows_them(tmp_path):
    cb, s = _sigs(tmp_path, "struct o { int t; char *name; };\n"
                  # follows no loaded pointer, calls nothing of SRC: only the structs' own bytes may overlap
                  "void copy(struct o *d, const struct o *a) { d->t = a->t; }\n"
                  "int first(const struct o *o) { return o->name[0]; }\n"
                  # a callee of SRC may follow `a->name` into `*d`: no range check covers that
                  "void copy_first(struct o *d, const struct o *a) { d->t = first(a); }\n")
    assert [p.proof for p in s["copy"].params] == ["disjoint-checked", "disjoint-checked"]
    assert raw_reasons(cb.functions["copy_first"], cb) == {"d": "may alias another parameter",
                                                           "a": "may alias another parameter"}


def test_overlap_nothing_can_check_stays_raw(tmp_path):
    cb, s = _sigs(tmp_path, VEC
                  # static: no C ABI entry, and its call passes two pointers of its caller's callers
                  + "static void sub(struct v *d, const struct v *a) { d->x -= a->x; }\n"
                  "void use(struct v *d, const struct v *z) { sub(d, z); }\n"
                  # a C string (signatures_cstr) beside an out-parameter, static: no entry to compare them
                  "static int scan(const char *s, int *res) { int i = 0; while (s[i]) *res += s[i++]; "
                  "return i; }\n"
                  # `out` may lie in what `w->d` points at: a pointer loaded from memory, not a range
                  "struct w { int n; double *d; };\n"
                  "void first(struct w *w, double *out) { *out = w->n; w->d[1] = 0; }\n"
                  # the raw C path would keep its own copy of a file-static global
                  "static long calls;\n"
                  "void counted(int *a, int *b) { calls++; *a = 1; *b = 2; }\n")
    assert raw_reasons(cb.functions["sub"], cb) == {"d": "may alias another parameter",
                                                    "a": "may alias another parameter"}
    assert raw_reasons(cb.functions["scan"], cb) == {"s": "may alias another parameter",
                                                     "res": "may alias another parameter"}
    assert raw_reasons(cb.functions["first"], cb) == {"out": "may alias another parameter"}
    assert s["first"].params[0].proof != "disjoint-checked"
    assert set(raw_reasons(cb.functions["counted"], cb).values()) == {"may alias another parameter"}
    assert "llmigrate_overlap" not in ffi_entry(s["scan"]) + ffi_entry(s["first"])


def test_a_c_string_and_an_out_parameter_are_checked_over_the_string_to_its_nul(tmp_path):
    cb, s = _sigs(tmp_path, "int scan(const char *s, int *res) { int i = 0; while (s[i]) *res += s[i++]; "
                  "return i; }\n")
    assert [(p.rust_type, p.proof, p.disjoint_from) for p in s["scan"].params] == [
        ("&core::ffi::CStr", "disjoint-checked", ["res"]), ("Option<&mut i32>", "disjoint-checked", ["s"])]
    entry = ffi_entry(s["scan"])
    assert "llmigrate_overlap(res as usize, core::mem::size_of::<i32>(), s as usize, if s.is_null() { 0 } " \
        "else { core::ffi::CStr::from_ptr(s).to_bytes_with_nul().len() })" in entry
    assert "`s` must be NUL-terminated and valid for reads until the call returns" in entry


def test_a_parameter_a_global_may_overlap_is_checked_against_its_bytes(tmp_path):
    cb, s = _sigs(tmp_path, "int tab[8];\nint sum(int out[8]) { int t = 0; for (int i = 0; i < 8; i++) "
                  "{ out[i] = tab[i] + 1; t += out[i]; } return t; }\n")
    assert [(p.rust_type, p.proof, p.disjoint_globals) for p in s["sum"].params] == [
        ("&mut [i32]", "disjoint-checked", ["crate::shared::tab"])]
    entry = " ".join(ffi_entry(s["sum"]).split())
    assert "llmigrate_overlap(out as usize, 8 * core::mem::size_of::<i32>(), core::ptr::addr_of!(" \
        "crate::shared::tab) as usize, llmigrate_size_of(core::ptr::addr_of!(crate::shared::tab)))" in entry
    assert entry.index("llmigrate_c_original(out)") < entry.index("crate::m::sum(")


GLOBAL = "may alias a global the function or a callee uses"


def test_a_global_no_range_check_bounds_keeps_the_parameter_raw(tmp_path):
    cases = {
        # a pointer stored in the global may lead into `out`: no range bounds what it reaches
        "int *cur;\nvoid f(int *out) { *out = *cur; *cur = 1; }\n",
        # a file-static global: the kept C holds its own copy, and its Rust name may be another
        "static int hits;\nvoid f(int *out) { *out = hits; hits++; }\n",
        # declared only: its size is unknown
        "extern int outside[];\nvoid f(int *out) { *out = outside[0]; outside[1] = 2; }\n",
        # a const object storing pointers: what they point at may be `out`'s bytes (overlaps._read_only)
        "static const char *const names[2] = {\"ab\", \"cd\"};\nvoid f(char *out) { *out = names[1][0]; }\n",
        # a pointer to const is no const object: it may be changed to lead into `out`
        "const int *cur;\nvoid f(int *out) { *out = *cur; }\n",
        # const but volatile: something outside the program may change its bytes
        "static const volatile int reg;\nvoid f(int *out) { *out = reg; }\n",
    }
    for c in sorted(cases):
        path = tmp_path / str(sorted(cases).index(c))
        path.mkdir()
        cb, s = _sigs(path, c)
        assert raw_reasons(cb.functions["f"], cb) == {"out": GLOBAL}, c
        assert "llmigrate_overlap" not in ffi_entry(s["f"]), c
