"""Whole-object copies through memcpy/memmove/memset (signatures/copies.py): a pointer passed only as one of
their operands, with the size of exactly one object of its type, is a reference, the call a checked
operation the builtin writes as an assignment, and the function safe; a copy of part of the object, through
a byte pointer, or whose value is used keeps the pointer raw. gcc vs Rust: behaviour memory/whole_copies."""

from __future__ import annotations

from helpers.builtin_translate import translated_code
from helpers.paths import data_text

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound


def test_whole_object_copies_make_references_and_safe_fns(tmp_path):
    c = data_text("backends/builtin/behaviour/memory/whole_copies.c") + (
        "void wc_copy(struct wc_pt *dst, const struct wc_pt *src) { memcpy(dst, src, sizeof(*dst)); }\n"
        "void wc_move(struct wc_pt *dst, const struct wc_pt *src) {"
        " memmove(dst, src, sizeof(struct wc_pt)); }\n"
        "void wc_static(struct wc_pt *p) { static struct wc_pt t; memcpy(p, &t, sizeof t); }\n"
        # a local named as the typedef: `sizeof(wc_box)` is an int's size there, not the struct's
        "void wc_shadow(wc_box *b) { wc_box t = {1, 2}; { int wc_box = 0; memcpy(b, &t, sizeof(wc_box)); } }\n")
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    convs = {f: [p.conv for p in s.params if "*" in p.abi_type] for f, s in sigs.items()}
    assert convs["wc_load"] == ["ref"] and convs["wc_store"] == convs["wc_swap"] == ["mut_ref"]
    assert convs["wc_reset"] == ["opt_mut"]  # assert(p) tests it for NULL first
    assert convs["wc_copy"] == convs["wc_move"] == ["mut_ref", "ref"]
    assert convs["wc_box_set"] == ["mut_ref"]  # `sizeof(wc_box)`: the typedef's size
    assert raw_reasons(cb.functions["wc_shadow"], cb) == {"b": "passed to a function outside SRC"}
    for name in ("wc_load", "wc_store", "wc_swap", "wc_reset", "wc_copy", "wc_move", "wc_box_set"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
    for name in ("wc_half", "wc_bytes", "wc_value"):
        assert raw_reasons(cb.functions[name], cb) == {"dst": "passed to a function outside SRC",
                                                      "src": "passed to a function outside SRC"}, name
    assert sigs["wc_static"].unsafe  # a static local is a `static mut`: the copy stays a libc call
    code = translated_code(tmp_path, "m.c", c)
    assert "*dst = *src;" in code["wc_copy"] and "memcpy" not in code["wc_copy"]
    assert "*b = t;" in code["wc_box_set"] and "memcpy" not in code["wc_box_set"]
    assert "if p.is_none() {" in code["wc_reset"]  # assert(p) on an Option: not `!p.is_some()` (clippy)
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_a_copy_function_of_src_is_no_library_copy(tmp_path):
    (tmp_path / "m.c").write_text(
        "#include <stddef.h>\nstruct q { int a; };\n"
        "void *memset(void *p, int c, size_t n) { unsigned char *b = p; while (n--) *b++ = (unsigned char)c;"
        " return p; }\n"
        "void clear(struct q *p) { memset(p, 0, sizeof *p); }\n")
    cb = analyze_dir(tmp_path)
    assert map_all(cb)["clear"].params[0].conv == "value"


def test_whole_local_arrays_are_assigned_and_partial_or_overlapping_ones_are_not(tmp_path):
    c = data_text("backends/builtin/behaviour/memory/array_copies.c") + (
        "int ac_long(int k) { char a[4]; char b[8]; memset(b, 0, sizeof b); memcpy(a, b, sizeof b);"
        " return a[0] + k; }\n"  # past a's extent
        "int ac_same(int k) { int a[4] = {k}; memcpy(a, a, sizeof a); return a[0]; }\n"  # overlapping
        "int ac_static(int k) { static int a[4]; memset(a, 0, sizeof a); return a[0] + k; }\n")
    (tmp_path / "m.c").write_text(c)
    sigs = map_all(analyze_dir(tmp_path))
    for name in ("ac_zero", "ac_copy", "ac_reuse"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
    for name, libc in (("ac_part", "memset"), ("ac_long", "memcpy"), ("ac_same", "memcpy"),
                       ("ac_static", "memset")):
        assert f"calls `{libc}`, a function outside SRC" in (sigs[name].unchecked or ""), name
    code = translated_code(tmp_path, "m.c", c)
    assert "let mut buf: [i32; 8] = [0i32; 8];" in code["ac_zero"] and "memset" not in code["ac_zero"]
    assert "let mut b: [i64; 4] = a;" in code["ac_copy"] and "    a = b;" in code["ac_copy"]
    assert "mem" not in code["ac_copy"]
    assert "d = [0f64; 3];" in code["ac_reuse"].replace("0.0f64", "0f64")
    assert "crate::shared::memset(" in code["ac_part"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
