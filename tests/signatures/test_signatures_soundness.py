"""A safe Rust fn never wraps an unchecked unsafe operation: a function is `unsafe fn` for what its body does
(signatures/soundness.py) even when no raw pointer crosses its interface; the negative cases stay safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import names_in, unsound
from llmigrate.signatures.safety import safety_doc

_TYPES = ("#include <math.h>\n#include <stdio.h>\n#include <stddef.h>\n"
          "struct buf { unsigned char *data; size_t len; struct buf *next; };\n"
          "struct view { const char *data; size_t len; };\n"
          "union num { int i; float f; };\nunion mix { char c; int i; _Bool b; };\n")


def _sigs(tmp_path: Path, c: str) -> dict:
    (tmp_path / "m.c").write_text(_TYPES + c)
    return {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}


@pytest.mark.parametrize(("c", "why"), [
    ("int hop(struct buf *b) { return b->next->len; }", "dereferences `b->next->len`"),
    ("unsigned char first(struct buf *b) { return b->data[0]; }", "indexes `b->data[0]`"),
    ("char at(struct view v, size_t i) { return v.data[i]; }", "indexes `v.data[i]`"),
    ("struct buf last;\nsize_t bump(void) { return ++last.len; }", "uses the mutable global `last`"),
    ("int *cursor;\nint at_end(void) { return cursor == 0; }", "uses the mutable global `cursor`"),
    ("int seen[4];\nint mark(void) { return seen[0]++; }", "indexes `seen[0]`"),
    ("__thread int depth;\nint deeper(void) { return ++depth; }", "uses the mutable global `depth`"),
    ("int tick(void) { static int *n; return n++ != 0; }", "uses the static local `n`"),
    ("int as_int(union mix u) { return u.i; }", "reads or writes the union member `u.i`"),  # `c` is narrower
    ("int as_flag(union mix u) { return u.b; }", "reads or writes the union member `u.b`"),  # not any bits
    ("void say(long x) { printf(\"%d\\n\", x); }", "calls `printf`, a function outside SRC"),  # %d of a long
    ("int deref_local(int x) { int *p = &x; return *p; }", "dereferences `*p`"),
    ("int errno_of(void) { return errno; }", "uses the C library's `errno`"),
    # a local of an inner block hides the global only there: the global's use after it is seen
    ("struct buf last;\nsize_t shadowed(int k) { if (k) { struct buf last = {0}; k += last.len; } "
     "return ++last.len; }", "uses the mutable global `last`"),
    ("#include <netdb.h>\nint herr(void) { return h_errno; }", "uses the C library's `h_errno`"),  # a macro
    ("#define FIRST(x) ((x).data[0])\nchar via_macro(struct view v) { return FIRST(v); }",
     "uses the macro `FIRST`, which indexes"),
])
def test_an_unchecked_operation_makes_an_unsafe_fn(tmp_path, c, why):
    sig = next(s for s in _sigs(tmp_path, c).values())
    assert sig.unsafe and not any(p.rust_type.startswith("*") for p in sig.params), sig.decl()
    assert why in sig.unchecked and sig.unchecked.startswith("m.c:")
    assert any("(It " in line for line in safety_doc(sig))  # the doc says what the caller must guarantee


def test_touching_scalar_globals_is_checked_code(tmp_path):
    """A scalar global that is not const is a Rust atomic (signatures/atomics.py): its users are safe fns,
    their callers too; a struct global stays `static mut` and keeps its users unsafe."""
    sigs = _sigs(tmp_path, "static int count;\ndouble level = 0.5;\n_Bool on;\nenum mode { OFF, ON } mode;\n"
                           "unsigned char small;\nstruct buf last;\n"
                           "void inc(void) { count++; small += 3; }\n"
                           "int get(void) { return on ? count : -count; }\n"
                           "double raise(double d) { level += d; mode = ON; return level; }\n"
                           "int twice(void) { inc(); return get() * 2; }\n"
                           "int keep(void) { last.len = 1; return get(); }\n"
                           "int both(void) { return keep() + twice(); }\n"
                           "int tick(void) { static int n = 2; static double a; a += 0.5; return n++; }\n")
    for name in ("inc", "get", "raise", "twice", "tick"):
        assert not sigs[name].unsafe and sigs[name].unchecked is None, sigs[name].decl()
    assert sigs["keep"].unsafe and "uses the mutable global `last`" in sigs["keep"].unchecked
    assert sigs["both"].unsafe and "calls `keep`" in sigs["both"].unchecked


def test_unsafe_spreads_to_callers_and_stays_out_of_checked_code(tmp_path):
    sigs = _sigs(tmp_path, "size_t len(const struct buf *b) { return b->len; }\n"
                           "double hyp(double a, double b) { return sqrt(a * a + b * b); }\n"
                           "int sum(const int *v, int n) { int s = 0; for (int i = 0; i < n; i++) s += v[i];"
                           " return s; }\n"
                           "int local(int i) { int a[4] = {1, 2, 3, 4}; return a[i & 3]; }\n"
                           "static const int table[4] = {5, 6, 7, 8};\n"
                           "int lookup(int i) { return table[i & 3]; }\n"
                           "int hop(struct buf *b) { return (int)b->next->len; }\n"
                           "int caller(struct buf *b) { return hop(b) + 1; }\n"
                           "int outer(struct buf *b) { return caller(b) * 2; }\n"
                           "int even(int n);\n"
                           "int odd(int n) { static int *seen; seen++; return n ? even(n - 1) : 0; }\n"
                           "int even(int n) { return n ? odd(n - 1) : 1; }\n")
    for name in ("len", "hyp", "sum", "local", "lookup"):  # proven params, scalar externs, safe indexing
        assert not sigs[name].unsafe and sigs[name].unchecked is None, sigs[name].decl()
    assert sigs["caller"].unsafe and "calls `hop`, whose Rust is an unsafe fn" in sigs["caller"].unchecked
    assert sigs["outer"].unsafe and "calls `caller`" in sigs["outer"].unchecked
    assert sigs["odd"].unsafe and sigs["even"].unsafe  # a cycle with one unsafe member
    assert sigs["caller"].params[0].rust_type == "&buf"  # the proof of the reference itself still holds


def test_unproven_pointer_passed_to_a_reference_parameter_is_unchecked(tmp_path):
    sigs = _sigs(tmp_path, "size_t len(const struct buf *b) { return b->len; }\n"
                           "size_t next_len(const struct buf *b) { return len(b->next); }\n"
                           "void reset(struct buf *b) { b->len = 0; }\n"
                           "size_t own_len(void) { struct buf b = {0, 3, 0}; reset(&b); return b.len; }\n"
                           "size_t pass(const struct buf *b) { return len(b); }\n")
    assert sigs["next_len"].unsafe and "passes `b->next` to `len`" in sigs["next_len"].unchecked
    assert not sigs["own_len"].unsafe and not sigs["pass"].unsafe


def test_the_builtin_wraps_calls_of_unsafe_callees_and_its_safe_fns_pass_the_net(tmp_path):
    """The safety net after emission finds no unchecked operation in a safe fn of the builtin's Rust, and an
    unsafe-by-body fn is called from an `unsafe` block."""
    c = _TYPES + ("int hop(struct buf *b) { return (int)b->next->len; }\n"
                  "int caller(struct buf *b) { return hop(b) + 1; }\n"
                  "size_t len(const struct buf *b) { return b->len; }\n"
                  "double hyp(double a, double b) { return sqrt(a * a + b * b); }\n")
    code = translated_code(tmp_path, "m.c", c)
    assert code["hop"].lstrip("/# Safety\n").count("pub unsafe fn hop(b: &buf)") == 1
    assert "unsafe { crate::m::hop(" in code["caller"].replace("\n", " ").replace("  ", "")
    assert "pub fn len(b: &buf)" in code["len"] and "pub fn hyp(" in code["hyp"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_the_net_finds_unchecked_operations_in_safe_fns():
    names = names_in(["pub unsafe fn hop(b: &buf) -> i32 { 0 }", "static mut G: i32 = 0;",
                      "unsafe extern \"C\" { pub fn printf(f: *const i8, ...) -> i32; }"])
    bad = ("pub fn f(v: &vector, i: i32) -> f64 { unsafe { *v.data.offset(i as isize) } }\n"
           "pub fn g(b: &buf) -> i32 { unsafe { crate::m::hop(b) } }\n"
           "pub fn h() -> i32 { unsafe { G } }\n"
           "pub fn k(f: Option<unsafe extern \"C\" fn() -> i32>) -> i32 { unsafe { (f.unwrap())() } }\n")
    found = unsound(bad, names)
    assert [u.split(":")[0] for u in found] == ["fn f", "fn f", "fn g", "fn h", "fn k"], found
    fine = ("pub fn s(x: f64) -> f64 { unsafe { crate::shared::sqrt(x) } }\n"
            "pub unsafe fn u(p: *const i32) -> i32 { unsafe { *p } }\n"  # a literal through `...`: `char *`
            "pub fn w() { unsafe { crate::shared::printf(c\"%s\".as_ptr(), c\"x\".as_ptr() as *mut i8) }; "
            "}\n")
    assert unsound(fine, names) == []
    # a buffer of a local-buffer-call: a local place's address or NULL, not a field's pointer
    names.unsafe_fns.add("write")
    call = "pub fn b(v: &view) {{ let mut c = 0i8; unsafe {{ crate::shared::write(1, {} as *const u8, 1) }}}}"
    assert unsound(call.format("core::ptr::addr_of_mut!(c)"), names) == []
    assert unsound(call.format("c.as_ptr()"), names) == []
    assert unsound(call.format("v.data"), names) and unsound(call.format("v.data.as_ptr()"), names)


def test_a_raw_pointer_only_returned_leaves_the_body_to_decide(tmp_path):
    """Making a raw pointer is safe, following one is not: a function that only returns one is a safe fn when
    its body is checked; else its `# Safety` doc names what the body does. A caller of the safe one that
    follows the pointer is the unsafe fn."""
    c = ("#include <stdlib.h>\nvoid *err_ptr(long e) { return (void *)e; }\n"
         "int *fresh(void) { return malloc(sizeof(int)); }\n"  # an allocator call is checked
         "int *again(long e) { return realloc(err_ptr(e), 8); }\n"  # realloc of a pointer no rule proves
         "long is_err(void) { return *(long *)err_ptr(-1); }\nint use(void) { return err_ptr(-2) != 0; }\n")
    sigs = _sigs(tmp_path, c)
    assert sigs["err_ptr"].decl() == "pub fn err_ptr(e: i64) -> *mut core::ffi::c_void"
    assert sigs["fresh"].decl() == "pub fn fresh() -> *mut i32"
    assert sigs["again"].unsafe and "calls `realloc`, a function outside SRC" in sigs["again"].unchecked
    assert any("(It calls `realloc`" in line for line in safety_doc(sigs["again"]))
    assert sigs["is_err"].unsafe and not sigs["use"].unsafe
    (tmp_path / "t").mkdir()
    code = translated_code(tmp_path / "t", "m.c", _TYPES + c)
    assert "// SAFETY: rule checked-libc-call: `malloc`" in code["fresh"]
    unsafe = [k for k in code if k.endswith(("again", "is_err"))]
    assert [k for k, v in code.items() if "unsafe fn" in v] == unsafe


def test_deciding_callees_first_or_callers_first_gives_the_same_answers(tmp_path):
    """Each call-graph component is decided once (interproc.unsettled skips decided ones): asking about a
    function in the middle of a call chain first, then its callers, gives what asking callers first gave."""
    from llmigrate.signatures.soundness import unchecked

    chain = "".join(f"int c{i}(struct buf *b) {{ return c{i + 1}(b) + ok(); }}\n" for i in range(30))
    (tmp_path / "m.c").write_text(_TYPES + "int ok(void) { return 1; }\n"
                                  "int c30(struct buf *b) { return (int)b->next->len; }\n" + chain)
    answers = []
    for order in (range(31), reversed(range(31)), [15, 0, 30, 7]):
        codebase = analyze_dir(tmp_path)  # a fresh codebase: nothing decided yet
        answers.append({i: unchecked(codebase.functions[f"c{i}"], codebase) for i in order})
    assert answers[0] == answers[1] and all(answers[0][i] == a for i, a in answers[2].items())
    assert unchecked(codebase.functions["ok"], codebase) is None
    assert all(f"calls `c{i + 1}`, whose Rust is an unsafe fn" in answers[0][i] for i in range(30))
    assert "dereferences `b->next->len`" in answers[0][30]


def test_a_const_table_sized_by_an_expression_is_checked_code(tmp_path):
    """A const table of scalars is a plain Rust `static`, indexed bounds-checked, whatever its size spells
    (`N * 2`, `8 * (N + 1)`: neither a pointer nor a function); a table of pointers is not."""
    sigs = _sigs(tmp_path, "#define N 4\nconst unsigned short perm[N * 2] = {7, 6, 5, 4, 3, 2, 1, 0};\n"
                           "const float taps[8 * (N + 1)];\nconst char *const names[N * 2];\n"
                           "int pick(int i) { return i >= 0 && i < N * 2 ? perm[i] : -1; }\n"
                           "float tap(int i) { return i >= 0 && i < 40 ? taps[i] : 0; }\n"
                           "const char *name(int i) { return names[i & 7]; }\n")
    assert not sigs["pick"].unsafe and not sigs["tap"].unsafe, (sigs["pick"].unchecked, sigs["tap"].unchecked)
    assert sigs["name"].unsafe
