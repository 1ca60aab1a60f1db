"""code_metrics on the Rust the hand-written lexer used to miscount: nested and reborrowed dereferences,
products broken across lines, dereferences inside macro arguments."""

from __future__ import annotations

from llmigrate.verify.metrics import code_metrics


def _metrics(text: str) -> tuple[int, int, int]:
    m = code_metrics(text.splitlines())
    return m.rust_lines, m.unsafe_lines, m.raw_derefs


def test_nested_and_reborrowed_dereferences_count_each() -> None:
    text = """pub unsafe fn f(p: *mut *mut S, n: *mut i32) {
    (*(*p)).next = core::ptr::null_mut();
    crate::m::g(&mut *n);
}
"""
    assert _metrics(text) == (4, 4, 3)


def test_a_product_broken_before_its_star_is_no_dereference() -> None:
    text = """pub fn f(a: f64, b: f64) -> f64 {
    let s = 1.0;
    unsafe {
        (a + s)
            * (b as f64)
    }
}
"""
    assert _metrics(text) == (7, 4, 0)


def test_dereferences_in_macro_arguments_count() -> None:
    text = """pub fn f(p: *mut V) -> *mut V {
    // unsafe { *p }
    unsafe { core::ptr::addr_of_mut!((*p)) }
}
"""
    assert _metrics(text) == (3, 1, 1)


def test_every_allowed_lint_but_those_the_c_abi_forces_counts_as_a_clippy_warning(tmp_path) -> None:
    from llmigrate.reintegrate.crate import C_ABI_ALLOWS, render_lib
    from llmigrate.verify.metrics import unforced_allows

    (tmp_path / "lib.rs").write_text(render_lib(["m"]))  # the crate-wide allows, each with why
    assert set(C_ABI_ALLOWS) == {"non_camel_case_types", "non_snake_case", "non_upper_case_globals"}
    assert unforced_allows(tmp_path) == 0
    (tmp_path / "m.rs").write_text('#[allow(dead_code, unused_mut)]\nfn f() {}\n// #[allow(x)]\n'
                                   'const S: &str = "#[allow(y)]";\n#![allow(clippy::all)]\n')
    assert unforced_allows(tmp_path) == 3  # an item's two and a crate-wide one; none in comments or strings
