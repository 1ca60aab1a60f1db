"""How the builtin spells what C writes compactly: assert()'s parts as plain statements each in its own
smallest `unsafe`, constant tables and string literals indexed without `unsafe`, an if/else tail whose arms
return as their values. (That the Rust behaves as the C does: behaviour case core_stmts/st_split_effects.)"""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code, unsafe_blocks
from helpers.paths import data_text

from llmigrate.rust_syntax import blank

C = data_text("backends/builtin/behaviour/core_stmts/st_split_effects.c")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("emission"), "split.c", C)


def test_assert_becomes_an_if_with_only_the_failure_call_unsafe(code):
    text = code["sp_checked"]
    assert "if n < 0i32 {" in text  # the opposite comparison, not `!(n >= 0)`
    assert "let _ =" not in text  # `(void) sizeof (...)`: nothing
    assert "sp_bump(100" not in text  # sizeof's operand is never evaluated
    for b in unsafe_blocks(text):
        assert not any(w in blank(b) for w in ("if ", "while ", "loop ", "let ")), b


def test_comma_and_discarded_statement_expressions_are_statements(code):
    lines = [ln.strip() for ln in code["sp_checked"].splitlines()]
    # each call is its own statement (sp_bump writes an int global, an atomic: a safe fn, called outside
    # `unsafe`)
    for by in (2, 3):
        assert f"crate::split::sp_bump({by}i32);" in lines
    assert "i = i.wrapping_add(1);" in lines  # a block declaring nothing loses its braces
    assert "if i != 1i32 {" in lines  # `if (i == 1) ; else ...`: the negated test, no empty arm


def test_const_tables_and_string_literals_are_indexed_without_unsafe(code):
    text = code["sp_lookup"]
    assert "unsafe" not in text
    assert "crate::shared::sp_table[" in text and "sp_lookup__local[" in text
    assert 'b"0123456789\\x00"[' in text


def test_an_if_else_tail_whose_arms_return_gives_their_values(code):
    text = code["sp_min"]
    assert "return" not in text and "0.0f32" not in text
    assert "if y < x {\n        y\n    } else {\n        x\n    }\n}" in text


def test_aggregates_never_changed_are_plain_lets_and_a_decayed_array_is_mutable(code):
    text = code["sp_sum"]
    assert "let p: sp_pair =" in text and "let q: sp_pair = p;" in text
    assert "let mut arr: [i32; 3]" in text  # `.as_mut_ptr()` borrows it mutably


def test_a_post_increment_no_other_part_can_see_steps_after_its_statement(code):
    lines = [ln.strip() for ln in code["sp_copy"].splitlines()]
    i = lines.index("unsafe { *dst = *src };")
    assert lines[i + 1:i + 3] == ["dst = dst.wrapping_offset(1);", "src = src.wrapping_offset(1);"]
    steps = code["sp_steps"]
    assert "buf[i as usize]" in steps  # `s += buf[i++]`: i read, then stepped
    assert "let old" in steps  # `s += k++`: k's address is taken; `&& i++` runs conditionally


def test_a_goto_state_machine_whose_paths_all_return_has_no_dead_break_nor_value_after_it(code):
    text = code["sp_goto"]
    assert "break 'goto" not in text and text.rstrip().endswith("return r;\n    }\n}")


def test_an_option_tested_then_unwrapped_is_an_if_let(code):
    assert "if let Some(out) = out {\n        *out = v;\n    }" in code["sp_store"]  # its last use: moved
    assert "if let Some(p) = p {" in code["sp_pair_set"] and "p.b = p.a" in code["sp_pair_set"]
    assert "if let Some(r#in) = r#in {" in code["sp_read"]
    assert not any("unwrap()" in code[f] for f in ("sp_store", "sp_pair_set", "sp_read"))


def test_no_unreachable_value_after_a_final_return_or_a_state_machine_that_always_returns(code):
    assert code["sp_kind"].rstrip().endswith("return ch as u32;\n    }\n    0u32\n}")
    find = code["sp_find"]
    assert "break 'goto" not in find and find.rstrip().endswith("return -1i32;\n    }\n}")


def test_a_pointer_stepped_by_a_size_t_count_adds_it_without_a_cast(code):
    text = code["sp_walk"]
    assert "p = p.wrapping_add(k);" in text and "p = p.wrapping_sub(one);" in text and "as isize" not in text


def test_a_swap_of_two_variables_and_literal_range_tests_read_as_rust_writes_them(code):
    text = code["sp_ranges"]
    assert "core::mem::swap(&mut lo, &mut hi);" in text
    assert "(0xd800_u32..=0xdfff_u32).contains(&w)" in text and "!(0x80_u32..=0x7ff_u32).contains(&w)" in text
    assert "(10u32..20u32).contains(&w)" in text and "!(0x30_u32..=0x39_u32).contains(&w)" in text
