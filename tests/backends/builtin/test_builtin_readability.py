"""Readable Rust from the builtin: C comments carried next to the code they describe, no redundant
parentheses, a final `return` as the tail expression, a `# Safety` section on every `unsafe fn`."""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code
from helpers.paths import data_text

from llmigrate.backends.builtin.lets import defer_lets
from llmigrate.backends.builtin.tidy import tidy

C = data_text("backends/builtin/readability/readable.c")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("readable"), "readable.c", C)


def test_the_comment_before_a_function_precedes_it_and_the_file_header_does_not(code):
    text = code["clamp_add"]
    assert text.startswith("// clamp_add - add, then clamp to a limit\n//\n// The limit wins when the sum")
    assert "SPDX" not in text and "Readability cases" not in text


def test_statement_comments_stand_before_their_statement_and_trailing_ones_stay_on_its_line(code):
    lines = [ln.strip() for ln in code["clamp_add"].splitlines()]
    first, second = lines.index("// the sum first"), lines.index("// then the clamp")
    assert lines[first + 1].startswith("let mut s: i32 =") and lines[second + 1].startswith("if s > limit")
    assert "}  // clamped" in lines


def test_a_placeholder_word_in_a_carried_c_comment_is_not_taken_for_laziness(code):
    carried = "// TODO: a faster way exists; this one is exact.\npub fn first_byte"
    assert code["first_byte"].startswith(carried)


def test_the_final_return_is_the_tail_expression(code):
    assert code["clamp_add"].rstrip().endswith("\n    s\n}")
    assert "return" not in code["store"] and code["store"].rstrip().endswith("*out = v;\n}")


def test_an_unsafe_fn_documents_its_safety_contract(code):
    text = code["second"]
    assert "/// # Safety\n/// As for the C function `second`: `p` must be valid" in text
    assert "\npub unsafe fn second(p: *const i32, k: i32) -> i32 {" in text  # an index nothing bounds
    assert "# Safety" not in code["clamp_add"]


def test_no_redundant_parentheses_around_operands_conditions_or_arguments(code):
    text = code["paren_mix"]
    assert "if a > b && b > c {" in text and "let mut z: i32 = a;" in text
    assert "*p as u32" in code["first_byte"]


@pytest.mark.parametrize(("rust", "tidied"), [
    ("let b = (x as u32) < y;", "let b = (x as u32) < y;"),  # bare, `u32<` would open generics
    ("let b = ((a + (b as u32))) < c;", "let b = a + (b as u32) < c;"),
    ("let e = (a << 2) + 1;", "let e = (a << 2) + 1;"),  # clippy::precedence
    ("let d = (a & b) == c;", "let d = (a & b) == c;"),
    ("let j = (a | b) & c;", "let j = (a | b) & c;"),
    ("let g = a - (b - c);", "let g = a - (b - c);"),
    ("let h = (a - b) - c;", "let h = a - b - c;"),
    ("let o = (a == b) == c;", "let o = (a == b) == c;"),
    ("let k = (s.f)(x);", "let k = (s.f)(x);"),
    ("let m = (*p).x;", "let m = (*p).x;"),
    ("(unsafe { *p }) + 1;", "(unsafe { *p }) + 1;"),  # a statement starting with a block ends there
    ("foo((x), ((y + 1)), arr[(i)]);", "foo(x, y + 1, arr[i]);"),
    ("let n = ((r.sh1 as i32) as u32);", "let n = r.sh1 as i32 as u32;"),
    ("z = (y + 1);", "z = y + 1;"),
    ("({ g(); });", "g();"),  # a block statement declaring nothing: no braces, no `;`
])
def test_tidy_removes_only_the_parentheses_rust_does_not_need(rust: str, tidied: str):
    assert tidy(f"fn f() {{\n    {rust}\n}}\n") == f"fn f() {{\n    {tidied}\n}}\n"


def test_tidy_keeps_a_block_as_a_whole_tail_and_leaves_unparsable_text_alone():
    assert tidy("fn g() -> u32 { (unsafe { *p }) }") == "fn g() -> u32 { unsafe { *p } }"
    assert tidy("fn g() -> u32 { (unsafe { *p }) as u32 }") == "fn g() -> u32 { (unsafe { *p }) as u32 }"
    assert tidy("fn g( { (a) }") == "fn g( { (a) }"


def test_a_local_assigned_before_any_read_is_declared_where_it_gets_its_value(code):
    text = code["deferred"]
    # `for (i = 0; ...)` assigns first, inside the loop's block: declared without a made-up value
    assert "let mut i: i32;" in text and "i = 0i32;" in text
    # `sum = 0;` is a statement of the same block: it becomes the declaration
    assert "let mut sum: i32 = 0i32;" in text and "let mut sum: i32;" not in text
    # both arms of the if give `sign` its only value: an if expression
    assert "let sign: i32 = if c != 0 { 1i32 } else { -1i32 };" in text.replace("\n", " ").replace("  ", "")
    # assigned on one path only: C's initial value stays
    assert "let mut maybe: i32 = 5i32;" in text


def test_tidy_drops_labels_nothing_breaks_to_and_the_semicolon_after_a_unit_block():
    rust = "fn f() {\n    'l1: while a {\n        'l2: loop {\n            break 'l2;\n        }\n    }\n" \
           "    {\n        if c {\n        } else {\n            g();\n        }\n    };\n    { 5 };\n}\n"
    tidied = tidy(rust)
    assert "'l1" not in tidied and "    while a {" in tidied and "'l2: loop" in tidied
    # a block declaring nothing loses its braces; a block with a value keeps its `;`
    assert "    if c {\n    } else {\n        g();\n    }\n    { 5 };" in tidied


def test_a_function_pointer_never_reassigned_is_no_mut_binding_and_its_null_test_an_if_let(code):
    text = code["call_hook"]
    assert "let mut h" not in text and "if let Some(h) = h {" in text and "!h.is_none()" not in text


def test_a_size_t_count_steps_a_pointer_without_a_cast_to_isize(code):
    text = code["at_size"]
    assert "*v.add(i)" in text and "v.wrapping_add(i)" in text and "v.wrapping_sub(i)" in text
    assert "as isize" not in text


def test_no_cast_between_two_spellings_of_one_type_nor_of_an_integer_literal_to_a_float(code):
    assert "stderr as *mut" not in code["say"]  # FILE is an alias of _IO_FILE
    assert "x / 2f64" in code["half"] and " as f64" not in code["half"]
    assert "/ 1" not in code["span"]  # a byte-pointer difference needs no division


@pytest.mark.parametrize(("rust", "tidied"), [
    ("if !(!(dt > win)) as i32 != 0 {}", "if dt > win {}"),  # C's !!: the identity; a bool as int != 0
    ("if (a < b) as i32 as i64 == 0 {}", "if !(a < b) {}"),
    ("if p.is_null() as i32 as i64 != 0 {}", "if p.is_null() {}"),
    ("let v = T { data: data, len: n };", "let v = T { data, len: n };"),
    ("x = x & (y + 1);", "x &= y + 1;"),
    ("s.a = s.a | (b << 2);", "s.a |= b << 2;"),
    ("x = x & y | z;", "x = x & y | z;"),  # `(x & y) | z`: not `x &= ..`
    ("x = x ^ !(!y);", "x ^= y;"),
    ("unsafe { (*p) = *p | 4u32 };", "unsafe { *p |= 4u32 };"),  # what a pointer points to
    ("(*q).t = (*q).t ^ m;", "(*q).t ^= m;"),
    ("unsafe { *p = *p.add(1) | 4u32 };", "unsafe { *p = *p.add(1) | 4u32 };"),  # another place
    ("(*q).x = (*q).x + (*d).y * 1000f64;", "(*q).x += (*d).y * 1000f64;"),  # C's `+=` on a double
    ("z = (z - (y - w));", "z -= y - w;"),
    ("z = z - y - w;", "z = z - y - w;"),  # `(z - y) - w`: not `z -= ..`
    ("a[i] = a[i] * 2.0;", "a[i] *= 2.0;"),  # an element at a name
    ("f[i].y = f[i].y - m[i].w * 9.81f64;", "f[i].y -= m[i].w * 9.81f64;"),
    ("f[i].y = f[j].y - 1.0;", "f[i].y = f[j].y - 1.0;"),
    ("a[i as usize] = a[i as usize] * 2.0;", "a[i as usize] = a[i as usize] * 2.0;"),
    ("x = x | y.wrapping_shl(2u32);", "x |= y.wrapping_shl(2u32);"),
    ("x = x + g(&mut x);", "x = x + g(&mut x);"),  # `x op= y` would run g before reading x
    # a byte read of the cursor rules: pure calls, a panic writes x in neither form
    ("b = b | u32::from_ne_bytes(d[e..e + 4].try_into().unwrap()) as u64;",
     "b |= u32::from_ne_bytes(d[e..e + 4].try_into().unwrap()) as u64;"),
    ("h = h ^ (m.get(p).copied().expect(\"past\") as u64).wrapping_mul(K);",
     "h ^= (m.get(p).copied().expect(\"past\") as u64).wrapping_mul(K);"),
    ("b = b | crate::m::from_ne_bytes(d);", "b = b | crate::m::from_ne_bytes(d);"),  # a function of SRC
    ("b = b | T::from_ne_bytes(d);", "b = b | T::from_ne_bytes(d);"),  # not a primitive's
    ("x = x + { x = 1; 2 };", "x = x + { x = 1; 2 };"),
    ("z = y + z;", "z = y + z;"),
])
def test_tidy_spells_c_idioms_as_rust_does(rust: str, tidied: str):
    assert tidy(f"fn f() {{\n    {rust}\n}}\n") == f"fn f() {{\n    {tidied}\n}}\n"


def test_a_local_serving_an_inner_loop_only_is_declared_without_a_value():
    rust = ("fn f(n: i32) -> i32 {\n    let mut j: i32 = 0i32;\n    let mut t: i32 = 0i32;\n    {\n"
            "        while t < n {\n            j = 0i32;\n            t = t + j;\n        }\n"
            "    }\n    t\n}\n")
    assert "let mut j: i32;\n" in defer_lets(rust)
    assert "let mut j: i32 = 0i32;" in defer_lets(rust.replace("    t\n}", "    t + j\n}"))  # read after


@pytest.fixture(scope="module")
def stmts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # behaviour: core_stmts/st_readable.c (gcc vs the Rust)
    c = data_text("backends/builtin/behaviour/core_stmts/st_readable.c")
    return translated_code(tmp_path_factory.mktemp("stmts"), "st_readable.c", c)


def test_a_parameter_never_used_is_discarded_and_a_local_never_used_left_out(stmts):
    fn = stmts["st_ignored"]
    assert "fn st_ignored(flags: i32, n: i32) -> i32 {\n    let _ = flags;\n" in fn, fn
    assert "unused_total" not in fn and "let step: i32 = 2i32;" in fn


def test_a_local_each_branch_or_loop_assigns_before_reading_has_no_value_and_a_path_is_no_local(stmts):
    fn = stmts["st_branch_local"]
    assert "\n    let mut v: i32;\n" in fn, fn  # its zero was never read
    # `core::ptr::null_mut` does not name the local `ptr`: it is declared where it gets its value, with
    # the C comment of its declaration
    assert "let ptr: *mut i32 = buf.as_mut_ptr();  // a local named as a segment" in fn
    assert "null_mut::<i32>()" not in fn


def test_a_local_read_after_a_branch_that_may_not_assign_it_keeps_its_value():
    rust = ("fn f(n: i32) -> i32 {\n    let mut v: i32 = 0i32;\n    if n > 0 {\n        v = n;\n    }\n"
            "    v\n}\n")
    assert defer_lets(rust) == rust


def test_a_local_first_assigned_as_a_value_or_once_per_branch_is_declared_without_one(stmts):
    fn = stmts["st_assigned_value"]
    # `if ((p = s) == 0)`: the condition assigns it before anything reads it
    assert "let mut p: *const i8;\n" in fn and "let mut c: i32;\n" in fn and "let mut rv: i32;\n" in fn, fn
    rust = ("fn f(a: bool) -> i32 {\n    let mut rv: i32 = 0i32;\n    if a {\n        rv = 3;\n"
            "        g(rv);\n    } else {\n        rv = 4;\n    }\n    rv\n}\n")
    assert "let rv: i32;\n" in defer_lets(rust)  # assigned once on each path: no `mut`


def test_a_local_array_only_read_by_index_is_no_mut_binding(stmts):
    fn = stmts["st_table"]
    assert "let digits: [i8; 4] = " in fn and "let mut sum: [i32; 2] = " in fn, fn


def test_a_final_return_of_a_conditional_value_is_the_tail_if(stmts):
    assert "\n    if k != n { k } else { -1i32 }\n}" in stmts["st_tail_choice"]  # clippy's needless_return


def test_a_swap_through_two_mut_references_is_mem_swap(tmp_path):
    # exported, so its two pointers are references under ffi.rs's overlap check (rule disjoint-checked)
    c = "void sw(int *a, int *b)\n{\n\tint t = *a;\n\t*a = *b;\n\t*b = t;\n}\n"
    fn = translated_code(tmp_path, "sw.c", c)["sw"]
    assert "pub fn sw(a: &mut i32, b: &mut i32) {\n    core::mem::swap(a, b);\n}" in fn
    rust = "fn f(a: &mut i32, b: *mut i32) {\n    let t: i32 = *a;\n    *a = *b;\n    *b = t;\n}\n"
    assert tidy(rust) == rust  # a raw pointer may be `a` itself: left as the C wrote it


def test_or_into_what_a_reference_points_to_is_a_compound_assignment(stmts):
    assert "pub fn st_flag_set(f: &mut u32) {\n    *f |= 4u32;\n}" in stmts["st_flag_set"]


def test_the_returns_of_an_if_ending_an_arm_of_the_final_if_are_its_values(stmts):
    fn = stmts["st_nested_tail"]
    assert "return" not in fn, fn
    assert "\n        } else {\n            2i32\n        }\n    } else {\n        3i32\n" in fn


def test_no_break_after_an_if_whose_every_arm_jumps(stmts):
    fn = stmts["st_case_jumps"]  # rustc's unreachable_code
    assert "                return -1i32;\n            }\n        }\n        t = 9i32;" in fn, fn
