"""Union members (signatures/unions.py): a store or an address reads no member; a read is checked, rule
plain-union-read, only when every member is plain data at least as wide as the member read, itself valid for
any bytes. gcc vs the Rust of the same C: tests/data/backends/builtin/behaviour/data/plain_unions.c."""

from __future__ import annotations

from helpers.builtin_translate import translated_code
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.net import names_in, unsound

_C = data_text("backends/builtin/behaviour/data/plain_unions.c")
_SAFE = ("obj_int", "obj_truthy", "obj_set", "pu_bits", "pu_sign", "pu_bytes", "pu_obj")
_UNSAFE = {"pu_narrow": "`n.i`", "pu_flag": "`f.b`", "pu_ptr": "`o.sv`"}  # narrower member, _Bool, pointer


def test_plain_union_reads_make_safe_fns_and_the_others_stay_unsafe(tmp_path):
    (tmp_path / "m.c").write_text(_C)
    sigs = {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}
    for name in _SAFE:
        assert not sigs[name].unsafe and sigs[name].unchecked is None, (name, sigs[name].unchecked)
    for name, member in _UNSAFE.items():
        assert sigs[name].unsafe and f"reads or writes the union member {member}" in sigs[name].unchecked


def test_each_union_read_of_a_safe_fn_names_its_rule(tmp_path):
    code = translated_code(tmp_path, "m.c", _C)
    for name in ("obj_int", "obj_truthy", "pu_bits", "pu_sign", "pu_bytes", "pu_obj"):
        text = code[name]
        assert f"pub fn {name}(" in text
        lines = text.splitlines()
        blocks = [i for i, ln in enumerate(lines) if "unsafe {" in ln and "zeroed" not in ln]
        assert blocks and all("SAFETY: rule plain-union-read" in lines[i - 1] for i in blocks), text
    assert "unsafe" not in code["obj_set"]  # stores read no member
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_a_member_name_in_several_unions_is_judged_by_the_union_its_base_has(tmp_path):
    """`i` is plain in `union pun` and not in `union narrow`: the declared type of the base tells which; a
    base whose type the declarations do not show needs every union declaring the name to be plain."""
    c = ("union pun { float f; int i; };\nunion narrow { char c; int i; };\n"
         "struct box { union pun p; };\n"
         "int via_box(struct box *b) { return b->p.i; }\n"
         "union pun get(int x) { union pun p; p.i = x; return p; }\n"
         "int unknown(int x) { return get(x).i; }\n")
    (tmp_path / "m.c").write_text(c)
    sigs = {s.c_name: s for s in map_all(analyze_dir(tmp_path)).values()}
    assert not sigs["via_box"].unsafe
    assert sigs["unknown"].unsafe and "the union member `get(x).i`" in sigs["unknown"].unchecked
