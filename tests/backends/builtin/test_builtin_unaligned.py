"""Accesses through pointers C does not promise to be aligned (a byte buffer cast to a wider type) become
`read_unaligned`/`write_unaligned`; the behaviour (gcc vs Rust) is the `unaligned` case of the memory batch.
Here: the Rust keeps every access C knows to be aligned in its plain form."""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translate_file, translated_code
from helpers.paths import data_text

C = data_text("backends/builtin/behaviour/memory/unaligned.c")


@pytest.fixture(scope="module")
def code(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return translated_code(tmp_path_factory.mktemp("unaligned"), "unaligned.c", C)


def test_a_byte_pointer_read_as_a_wider_type_is_read_unaligned(code):
    assert "(p as *const u32).read_unaligned()" in code["una_le32"]
    assert "*mut u16).read_unaligned()" in code["una_read"]


def test_writes_and_updates_through_a_local_holding_a_cast_byte_pointer_are_unaligned(code):
    text = code["una_write"]
    assert "w.write_unaligned(w.read_unaligned().wrapping_add(1))" in text
    assert "w.offset(1isize).write_unaligned(w.offset(1isize).read_unaligned()" in text


def test_members_of_a_struct_placed_in_a_byte_buffer_go_through_their_address(code):
    text = code["una_struct"]
    assert "core::ptr::addr_of_mut!((*h).len).read_unaligned()" in text
    assert "h.read_unaligned()" in text


def test_void_pointer_stepped_by_bytes_then_converted_is_read_unaligned(code):
    assert "q.read_unaligned()" in code["una_void"]


def test_accesses_c_knows_to_be_aligned_stay_plain(code):
    assert "_unaligned(" not in code["una_aligned"] and "_unaligned(" not in code["una_fill"]
    # the byte reads of the buffer itself need no alignment either: only the four u32/u64 accesses
    assert code["una_write"].count("_unaligned(") == 6


def test_a_bit_field_behind_an_unaligned_pointer_fails_the_function_with_its_reason(tmp_path):
    c = ("struct flags { unsigned a : 3; unsigned b : 5; };\n"
         "unsigned get_b(unsigned char *buf) { return ((struct flags *)(buf + 1))->b; }\n")
    tr, _, _ = translate_file(tmp_path, "bits.c", c)["get_b"]
    assert not tr.ok
    assert any("bits.c:2" in r and "not known to be aligned" in r for r in tr.reasons), tr.reasons
