"""The safety net after emission (signatures/net.py) over the Rust the builtin writes: the fixtures' golden
crates and every builtin behaviour case. A safe fn holding an unsafe operation other than a call of a
scalar-only C library function would be a bug of the soundness analysis."""

from __future__ import annotations

import pytest
from helpers.builtin_cases import BEHAVIOUR, load_cases
from helpers.paths import GOLDEN

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.config import Config
from llmigrate.core import Unit, UnitRequest
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import names_in, unsound

_FIXTURES = sorted(p.name for p in (GOLDEN / "rust").iterdir() if p.is_dir())
_LABELS = sorted(p.name for p in BEHAVIOUR.iterdir() if (p / "cases.toml").is_file())


@pytest.mark.parametrize("fixture", _FIXTURES)
def test_golden_crates_have_no_unchecked_operation_in_a_safe_fn(fixture):
    texts = [p.read_text() for p in sorted((GOLDEN / "rust" / fixture / "src").rglob("*.rs"))]
    names = names_in(texts)
    assert [u for t in texts for u in unsound(t, names)] == []


@pytest.mark.slow
@pytest.mark.parametrize("label", _LABELS)
def test_builtin_behaviour_cases_have_no_unchecked_operation_in_a_safe_fn(tmp_path, label):
    for case in load_cases(label):
        (tmp_path / f"{case.name}.c").write_text(case.c)
    codebase = analyze_dir(tmp_path)
    backend = get_backend("builtin", Config())
    shared = backend.translate_shared(codebase)
    sigs = map_all(codebase)
    texts = [shared.code]
    for fid in sorted(codebase.functions):
        tr = backend.translate_unit(UnitRequest(codebase=codebase, unit=Unit(id=fid, functions=[fid]),
                                                signatures=sigs, shared=shared))
        texts += list(tr.code.values()) if tr.ok else []
    names = names_in(texts)
    assert [u for t in texts[1:] for u in unsound(t, names)] == []


def test_a_reference_parameter_read_inside_an_unsafe_block_is_no_raw_dereference():
    text = ("pub fn by_abs(a: &i64) -> i64 { unsafe { crate::shared::labs(*a) } }\n"
            "pub fn raw(a: &i64, p: *const i64) -> i64 { unsafe { *p } }\n"
            "pub fn let_again(a: &i64) -> i64 { let a = a as *const i64; unsafe { *a } }\n"
            "pub fn if_let(a: &i64, q: Option<*const i64>) -> i64 {\n"
            "    if let Some(a) = q { unsafe { *a } } else { 0 } }\n")
    assert unsound(text, names_in([text])) == ["fn raw: *p", "fn let_again: *a", "fn if_let: *a"]


def test_a_call_of_an_extern_taking_and_returning_scalars_only_is_no_unchecked_operation():
    shared = ("pub type wide_t = u16;\nunsafe extern \"C\" {\n"
              "    #[link_name = \"__llmigrate_inline_mix8\"]\n"
              "    pub fn mix8(crc: u8, b: wide_t) -> core::ffi::c_int;\n"
              "    pub fn peek(p: *const i32) -> i32;\n"
              "    pub fn each(f: Option<unsafe extern \"C\" fn(i32)>);\n}\n")
    text = ("pub fn m(c: u8) -> i32 { unsafe { crate::shared::mix8(c, 1) } }\n"
            "pub fn p(x: &i32) -> i32 { unsafe { crate::shared::peek(x) } }\n"
            "pub fn e() { unsafe { crate::shared::each(None) } }\n")
    names = names_in([shared, text])
    assert names.scalar_externs == {"mix8"}
    assert unsound(text, names) == ["fn p: crate::shared::peek(x)", "fn e: crate::shared::each(None)"]


def test_an_option_reference_parameter_s_as_mut_is_no_raw_pointer_method():
    """`o.as_mut()` of an `Option<&mut T>` parameter (kept by `let mut o = o;`) is Option's method; of a raw
    pointer, or of a name bound to something else, it stays an unsafe operation."""
    text = ("pub fn h(f: Option<&mut FILE>) -> i32 { let mut f = f; unsafe { g(f.as_mut().unwrap()) } }\n"
            "pub fn r(p: *mut FILE) -> i32 { unsafe { g(p.as_mut().unwrap()) } }\n"
            "pub fn s(f: Option<&mut FILE>, p: *mut FILE) -> i32 {\n"
            "    let f = p; unsafe { g(f.as_mut().unwrap()) } }\n")
    assert unsound(text, names_in([text])) == ["fn r: p.as_mut()", "fn s: f.as_mut()"]


def test_a_cstr_parameter_cast_to_char_pointer_for_a_checked_call_is_no_unchecked_operation():
    """A `&CStr` parameter passed to printf's `...` as C's `char *` (`s.as_ptr() as *mut i8`, as a literal may
    be) is what the checked call reads; a pointer made past its start is not."""
    text = ("pub fn e(s: &core::ffi::CStr, c: i8) {\n"
            "    unsafe { crate::shared::printf(c\"%s %c\".as_ptr(), s.as_ptr() as *mut i8, c as i32) } }\n"
            "pub fn f(s: &core::ffi::CStr) {\n"
            "    unsafe { crate::shared::printf(c\"%s\".as_ptr(), s.as_ptr().add(1) as *mut i8) } }\n")
    shared = "unsafe extern \"C\" {\n    pub fn printf(format: *const i8, ...) -> core::ffi::c_int;\n}\n"
    assert unsound(text, names_in([shared, text])) == [
        'fn f: crate::shared::printf(c"%s".as_ptr(), s.as_ptr().add(1) as *mut i8)',
        "fn f: s.as_ptr().add(1)"]


def test_a_raw_pointer_binding_is_no_checked_call_s_argument():
    """An argument naming a binding the fn types as a raw pointer (a parameter, `let p: *mut T`, `let p = ..
    as *mut T`) is not a literal, a `&CStr` or a library-result element, whatever its text looks like."""
    text = ("pub fn a(p: *mut i8) { unsafe { crate::shared::printf(c\"%s\".as_ptr(), p) }; }\n"
            "pub fn b(n: i32) { let q: *mut i8 = core::ptr::null_mut(); "
            "unsafe { crate::shared::printf(c\"%s %d\".as_ptr(), q, n) }; }\n"
            "pub fn c(s: &core::ffi::CStr) { let r = s.as_ptr() as *mut i8; "
            "unsafe { crate::shared::puts(r) }; }\n"
            "pub fn d(s: &core::ffi::CStr, n: i32) { unsafe { crate::shared::printf(c\"%s %d\".as_ptr(), "
            "s.as_ptr(), n) }; }\n")
    shared = ("unsafe extern \"C\" {\n    pub fn printf(format: *const i8, ...) -> core::ffi::c_int;\n"
              "    pub fn puts(s: *const i8) -> core::ffi::c_int;\n}\n")
    names = names_in([shared, text])
    assert unsound(text, names) == ["fn a: crate::shared::printf(c\"%s\".as_ptr(), p)",
                                    "fn b: crate::shared::printf(c\"%s %d\".as_ptr(), q, n)",
                                    "fn c: crate::shared::puts(r)"]


def test_a_binding_of_a_raw_pointer_s_value_is_raw_too():
    """`let p = buf.as_mut_ptr();`, `let q = p;`: raw pointers by their values, though no type is written;
    an integer computed from a C string's pointer is none."""
    text = ("pub fn e(buf: &mut [i8; 4]) { let p = buf.as_mut_ptr(); let q = p;\n"
            "    unsafe { crate::shared::puts(q) }; }\n"
            "pub fn g(s: &core::ffi::CStr) { let n = unsafe { crate::shared::strlen(s.as_ptr()) } as i32;\n"
            "    unsafe { crate::shared::printf(c\"%d\".as_ptr(), n) }; }\n")
    shared = ("unsafe extern \"C\" {\n    pub fn printf(format: *const i8, ...) -> core::ffi::c_int;\n"
              "    pub fn puts(s: *const i8) -> core::ffi::c_int;\n"
              "    pub fn strlen(s: *const i8) -> usize;\n}\n")
    assert unsound(text, names_in([shared, text])) == ["fn e: crate::shared::puts(q)"]


def test_each_unsafe_block_is_checked_as_its_own_fn_s_in_document_order():
    """A block belongs to the innermost fn around it (a closure's to the fn holding the closure, a nested
    fn's to the nested fn, unsafe or not); a `static`'s initializer belongs to no fn; an unsafe fn's blocks
    are not checked. Hits come fn by fn, in the order the fns start."""
    text = ("static S: i32 = unsafe { *core::ptr::null::<i32>() };\n"
            "pub fn outer(p: *const i32) -> i32 {\n"
            "    unsafe fn inner(q: *const i32) -> i32 { unsafe { *q } }\n"
            "    fn safe_inner(r: *const i32) -> i32 { unsafe { *r } }\n"
            "    let f = |x: *const i32| unsafe { *x };\n"
            "    unsafe { *p } + f(p) + safe_inner(p)\n}\n"
            "pub fn plain() -> i32 { 1 }\n"
            "pub fn last(t: *const i32) -> i32 { unsafe { *t } + unsafe { *t.add(1) } }\n")
    assert unsound(text, names_in([text])) == [
        "fn outer: *x", "fn outer: *p", "fn safe_inner: *r", "fn last: *t", "fn last: *t.add(1)",
        "fn last: t.add(1)"]


def test_the_crate_s_names_are_whole_keywords():
    """`static mut`, `unsafe fn` and `type A = ..` count only as whole words: not in a longer name, however
    close a real one follows it."""
    text = ("pub xstatic mut static mut Z: i32 = 0;\npub static  mut A: i32 = 0;\n"
            "pub unsafe fn r#b() {}\nfn nounsafe fn c() {}\npub type T = u8;\nsubtype V = u16;\n"
            "unsafe extern \"C\" {\n    pub fn f(x: T) -> i32;\n    pub fn g(x: V) -> i32;\n}\n")
    names = names_in([text])
    assert (names.statics, names.unsafe_fns, names.scalar_externs) == ({"Z", "A"}, {"b", "f", "g"}, {"f"})
