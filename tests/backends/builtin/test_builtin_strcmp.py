"""strcmp/strncmp of `&CStr` parameters and literals compared with 0 are comparisons of their bytes: safe fns
with no `unsafe` at all; a result used as a number, or a string no rule proves, stays the library's call
(checked, or in an unsafe fn). (gcc vs Rust: behaviour case data/string_compare.)"""

from __future__ import annotations

from helpers.builtin_translate import translate_file, unsafe_blocks
from helpers.paths import data_text

C = data_text("backends/builtin/behaviour/data/string_compare.c") + (
    "int sc_number(const char *a, const char *b) { return strcmp(a, b); }\n"
    "int sc_raw(const char *a, char *b) { b[0] = 'x'; return strcmp(a, b) == 0; }\n")


def test_comparisons_with_zero_are_byte_comparisons_in_safe_fns(tmp_path):
    done = translate_file(tmp_path, "s.c", C)
    code = {fid: tr.code[fid] for fid, (tr, _, _) in done.items()}
    for fid in ("sc_eq", "sc_order", "sc_is", "sc_pre", "sc_value"):
        assert not done[fid][1].unsafe and "unsafe" not in code[fid], code[fid]
    assert "(a.to_bytes() == b.to_bytes()) as i32" in code["sc_eq"]
    assert "if a.to_bytes() > b.to_bytes() {" in code["sc_order"]  # `0 < strcmp(a, b)`
    assert 'if a.to_bytes() == b"yes".as_slice() {' in code["sc_is"]  # `!strcmp(a, "yes")`
    assert 'if b"no".as_slice() != a.to_bytes() {' in code["sc_is"]  # `strcmp("no", a)` as a truth value
    assert 'a.to_bytes().iter().take(n).cmp(b"app\\xe9".as_slice().iter().take(n))' in code["sc_pre"]
    assert unsafe_blocks(code["sc_number"]) == ["unsafe { crate::shared::strcmp(a.as_ptr(), b.as_ptr()) }"]
    assert done["sc_raw"][1].unsafe and "crate::shared::strcmp(" in code["sc_raw"]  # b is written: raw
