"""Rule member-fill (signatures/memberfills.py, backends/builtin/memberfills.py): statement memcpy calls into
an integer-array member of a struct parameter, decayed or through a byte pointer at an offset, leave it a
`&mut` reference; from a byte slice the Rust copies into the member's bytes bounds-checked and writes the
elements back. gcc vs the Rust on a toy streaming hash (signatures/memberfill); the shapes that stay raw."""

from __future__ import annotations

import pytest
from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.memberfills import PAST

MIX = DATA / "signatures" / "memberfill"
_ACC = ("#include <stdint.h>\n#include <string.h>\n"
        "struct acc { uint32_t used; uint32_t mem[4]; float f[4]; };\n")


def test_copies_into_a_members_bytes_leave_a_mutable_reference():
    sigs = map_all(analyze_dir(MIX))
    for name, conv in (("mix_update", "mut_ref"), ("mix_load", "opt_mut")):
        s, src = sigs[name].params[:2]
        assert (s.conv, s.beneath, src.conv, src.len_param) == (conv, "member-fill", "slice", "n"), name
        assert not sigs[name].unsafe, sigs[name].unchecked


@pytest.mark.parametrize(("name", "c"), [
    ("own_bytes", "void own_bytes(struct acc *a, size_t n) { memcpy((uint8_t *)a->mem + 1, "
                  "(uint8_t *)a->mem, n); }"),  # the source is the struct's own
    ("stepped", "void stepped(struct acc *a, const uint8_t *s, size_t n) { memcpy((uint8_t *)a->mem + "
                "a->used++, s, n); }"),  # an offset with an effect
    ("elements", "void elements(struct acc *a, const uint8_t *s, size_t n) { memcpy(a->mem + 1, s, n); }"),
    ("leaked", "uint32_t *leaked(struct acc *a, const uint8_t *s, size_t n) { memcpy(a->mem, s, n); "
               "return a->mem; }"),
    ("moved", "void moved(struct acc *a, const uint8_t *s, size_t n) { memmove(a->mem, s, n); }"),
    ("floats", "void floats(struct acc *a, const uint8_t *s, size_t n) { memcpy(a->f, s, n); }"),
    ("result", "void result(struct acc *a, const uint8_t *s, size_t n) { uint8_t *d = memcpy(a->mem, s, n); "
               "d[0] = 1; }"),  # the call's value used: not a statement
])
def test_other_copies_into_a_member_stay_raw(tmp_path, name, c):
    (tmp_path / "m.c").write_text(_ACC + c + "\n")
    cb = analyze_dir(tmp_path)
    assert map_all(cb)[name].params[0].conv == "value", name
    assert raw_reasons(cb.functions[name], cb)["a"] == "array member or address of a member"


def test_a_source_no_rule_proves_keeps_the_c_librarys_unchecked_copy(tmp_path):
    (tmp_path / "m.c").write_text(_ACC + "void wide(struct acc *a, const uint64_t *s, size_t n) "
                                         "{ memcpy(a->mem, s, n); a->used = (uint32_t)n; }\n")
    sig = map_all(analyze_dir(tmp_path))["wide"]
    assert (sig.params[0].conv, sig.params[1].conv) == ("mut_ref", "value") and sig.unsafe


@pytest.mark.slow
def test_the_rust_fills_the_members_bytes_as_gcc_does(tmp_path):
    from helpers.runs import function_code, safe_and_equivalent

    by_name, module = safe_and_equivalent(MIX, tmp_path / "out", "mix", ("mix_update", "mix_load"))
    code = function_code(module, "mix_update")
    assert "unsafe" not in code and "s.mem.iter().flat_map(|w| w.to_ne_bytes()).collect();" in code
    assert f'.expect("{PAST}")' in code and ".copy_from_slice(&src[..llmigrate_n]);" in code
    assert "*w = u32::from_ne_bytes(d.try_into().unwrap());" in code
    proofs = by_name["mix_update"]["safety"]["boundary"]["proofs"]
    assert any("member-fill" in p["why"] for p in proofs if p["pointer"] == "s"), proofs
