"""Array members indexed in place through a pointer parameter (signatures/members.py): `p->a[i]` of a sized
member `T a[N]` (N > 1) is an element of the pointee, proven by the rules that prove `p` for its other uses;
the Rust indexes the reference, bounds-checked, in a safe fn. The same C runs under gcc and as Rust in the
behaviour case members/member_arrays."""

from __future__ import annotations

import pytest
from helpers.builtin_translate import translated_code
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

C = data_text("backends/builtin/behaviour/members/member_arrays.c")
_RAW = "array member or address of a member"


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("members")
    (src / "member_arrays.c").write_text(C)
    cb = analyze_dir(src)
    return cb, map_all(cb)


def _convs(sig) -> list[str]:
    return [p.conv for p in sig.params if "*" in p.abi_type]


def test_sized_array_members_indexed_in_place_prove_the_pointer(mapped):
    cb, sigs = mapped
    assert _convs(sigs["ma_mix"]) == ["ref"]  # constant indexes
    assert _convs(sigs["ma_sum"]) == ["opt_ref"]  # a loop index (the loop may not run: NULL allowed)
    assert _convs(sigs["ma_at"]) == ["ref"]  # an index from a parameter, through a nested struct
    assert _convs(sigs["ma_shift"]) == ["mut_ref"] and _convs(sigs["ma_put"]) == ["mut_ref"]  # written
    for name in ("ma_mix", "ma_sum", "ma_at", "ma_shift", "ma_put"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
        assert raw_reasons(cb.functions[name], cb) == {}, name


def test_the_struct_hack_an_escaping_element_or_a_decayed_member_stays_raw(mapped):
    cb, sigs = mapped
    for name in ("ma_hacked", "ma_flexed", "ma_where", "ma_keep", "ma_clear", "ma_cell"):
        assert _convs(sigs[name]) == ["value"], name
        assert list(raw_reasons(cb.functions[name], cb).values()) == [_RAW], name


def test_the_rust_indexes_the_reference_without_unsafe(tmp_path):
    code = translated_code(tmp_path, "member_arrays.c", C)
    assert "(x ^ key.k[0usize]).wrapping_mul(31u64).wrapping_add(key.k[1usize])" in code["ma_mix"]
    assert "o.r#in.a[i as usize].wrapping_add(o.n)" in code["ma_at"]
    assert "w.s[0usize] = w.s[1usize];" in code["ma_shift"] and "w.s[2usize].t = t;" in code["ma_shift"]
    for name in ("ma_mix", "ma_sum", "ma_at", "ma_shift", "ma_put"):
        assert "unsafe" not in code[name], code[name]
    assert "unsafe" in code["ma_hacked"] and "unsafe" in code["ma_where"]


LENDS = data_text("backends/builtin/behaviour/members/member_lends.c")


def test_a_member_address_lent_to_a_proven_reference_parameter_proves_the_pointer(tmp_path):
    (tmp_path / "member_lends.c").write_text(LENDS)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    assert _convs(sigs["ml_write"]) == ["mut_ref"] and _convs(sigs["ml_read"]) == ["ref"]
    assert _convs(sigs["ml_more"]) == ["mut_ref"]  # other arguments read other members
    for name in ("ml_write", "ml_read", "ml_more"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
    # `s` is another argument too, its member's address is stored, the callee's parameters stay raw, another
    # argument reads the member lent
    for name in ("ml_twice", "ml_keep", "ml_pair", "ml_same"):
        assert list(raw_reasons(cb.functions[name], cb).values()) == [_RAW], name


def test_the_rust_lends_the_member_without_unsafe(tmp_path):
    code = translated_code(tmp_path, "member_lends.c", LENDS)
    write = code["ml_write"]
    assert "crate::member_lends::ml_put(&mut s.w, b);" in write
    assert "crate::member_lends::ml_add(&mut s.counts[(b as i32 & 3i32) as usize], b as u32);" in write
    assert "crate::member_lends::ml_peek(&s.w)" in write and "unsafe" not in write
    assert "crate::member_lends::ml_peek(&s.w)" in code["ml_read"] and "unsafe" not in code["ml_read"]
    assert "ml_put2(&mut s.w, b, s.first.wrapping_add(s.total as i32));" in code["ml_more"]
    assert "unsafe" not in code["ml_more"] and "unsafe" in code["ml_same"]


def test_the_safety_comment_says_how_the_array_members_are_indexed(mapped):
    _, sigs = mapped
    note = {name: sigs[name].params[0].note for name in ("ma_mix", "ma_sum", "ma_at")}
    assert note["ma_mix"] == "; its array members are indexed in place: `k` at constant indexes below its " \
        "size"
    assert "`s` at indexes whose range stays below its size (no check needed)" in note["ma_sum"]
    assert "`in.a` bounds-checked (a panic where the C would go past it)" in note["ma_at"]
    entry = ffi_entry(sigs["ma_mix"])
    assert "// SAFETY: key: rule " in entry and entry.count(note["ma_mix"] + "\n") == 1


def test_a_declared_size_checked_for_overlap_is_a_plain_product(tmp_path):
    """An array parameter's declared size as the extent the C ABI entry compares: no casts (clippy)."""
    (tmp_path / "m.c").write_text(
        "struct lsf { unsigned char dst[6]; unsigned char crc[2]; };\n"
        "void lich(unsigned char out[6], const struct lsf *in) {\n"
        "    for (int i = 0; i < 6; i++) out[i] = in->dst[i] ^ in->crc[i & 1];\n}\n")
    sig = map_all(analyze_dir(tmp_path))["lich"]
    assert [p.proof for p in sig.params] == ["disjoint-checked", "disjoint-checked"]
    assert "out as usize, 6 * core::mem::size_of::<u8>()" in ffi_entry(sig)


UNTAGGED = """#include <string.h>
struct outer { int n; struct { int a[4]; int *b; } in; };
int clear_in(struct outer *o) { memset(o->in.a, 0, sizeof o->in.a); return o->n; }
int first_b(struct outer *o) { return o->in.b[0]; }
"""


def test_members_of_an_untagged_member_record_are_read_from_its_source(tmp_path):
    # analysis keeps no members for `struct {...}`: `o->in.a` must still count as a decaying array (memset
    # writes through it, so `o` is no shared view) and `o->in.b[0]` as no array of the struct's own
    (tmp_path / "u.c").write_text(UNTAGGED)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    assert _convs(sigs["clear_in"]) == ["value"]
    assert _convs(sigs["first_b"]) == ["ref"] and sigs["first_b"].unsafe  # `b` is a pointer: read raw


NAMES = data_text("backends/builtin/behaviour/members/member_names.c")


def _analyzed(tmp_path, name: str, text: str):
    """The codebase of one C file `name` holding `text`, and its signatures."""
    (tmp_path / name).write_text(text)
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_a_member_no_array_in_the_pointee_is_a_plain_place_whatever_other_structs_name(tmp_path):
    # `root` is an array of `mn_pool` and a pointer of `mn_tree`: by name alone, `t->root` decayed
    cb, sigs = _analyzed(tmp_path, "member_names.c", NAMES)
    assert _convs(sigs["mn_init"]) == ["mut_ref"] and _convs(sigs["mn_clear"]) == ["mut_ref"]
    assert _convs(sigs["mn_empty"]) == ["ref"]
    for name in ("mn_init", "mn_clear", "mn_empty"):
        assert raw_reasons(cb.functions[name], cb) == {}, name
    assert list(raw_reasons(cb.functions["mn_pool_sum"], cb).values()) == [_RAW]  # the pool's array decays
    (tmp_path / "rust").mkdir()
    code = translated_code(tmp_path / "rust", "member_names.c", NAMES)
    assert "t.root = core::ptr::null_mut::<mn_node>();" in code["mn_init"] and "unsafe" not in code["mn_init"]
    assert "unsafe" in code["mn_pool_sum"]


CLASH = """struct arr { int root[4]; };
struct self { struct self *root; int key; };
void poke(struct self *t) { t->root->key = 5; t->key = 1; }
struct outer { struct { struct outer *root; int k; } in; int z; };
void poke_in(struct outer *o) { o->in.root->z = 2; o->z = 1; }
"""


def test_a_pointer_member_named_like_another_structs_array_is_followed_memory(tmp_path):
    # `t->root->key` follows a pointer `t` may hold to itself: the function is not self-contained
    # (contained.py), whatever array another struct names `root`, so `t` stays raw
    cb, sigs = _analyzed(tmp_path, "clash.c", CLASH)
    assert _convs(sigs["poke"]) == ["value"] and _convs(sigs["poke_in"]) == ["value"]
    assert raw_reasons(cb.functions["poke"], cb) == {"t": "its pointee's pointers may lead back into it"}


SIZES = data_text("backends/builtin/behaviour/members/member_sizes.c")


def test_an_array_member_sized_by_sizes_that_divide_out_is_indexed_in_place(tmp_path):
    cb, sigs = _analyzed(tmp_path, "member_sizes.c", SIZES)
    assert _convs(sigs["ms_mark"]) == ["mut_ref"] and _convs(sigs["ms_count"]) == ["ref"]
    for name in ("ms_mark", "ms_count"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
