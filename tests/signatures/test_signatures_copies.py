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


def _mapped(tmp_path, c: str):
    """The codebase of C `c`, its signatures and each function's pointer parameters' convs."""
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    sigs = map_all(cb)
    return cb, sigs, {f: [p.conv for p in s.params if "*" in p.abi_type] for f, s in sigs.items()}


def test_whole_object_copies_make_references_and_safe_fns(tmp_path):
    c = data_text("backends/builtin/behaviour/memory/whole_copies.c") + (
        "void wc_copy(struct wc_pt *dst, const struct wc_pt *src) { memcpy(dst, src, sizeof(*dst)); }\n"
        "void wc_move(struct wc_pt *dst, const struct wc_pt *src) {"
        " memmove(dst, src, sizeof(struct wc_pt)); }\n"
        "void wc_static(struct wc_pt *p) { static struct wc_pt t; memcpy(p, &t, sizeof t); }\n"
        # a local named as the typedef: `sizeof(wc_box)` is an int's size there, not the struct's
        "void wc_shadow(wc_box *b) { wc_box t = {1, 2};"
        " { int wc_box = 0; memcpy(b, &t, sizeof(wc_box)); } }\n")
    cb, sigs, convs = _mapped(tmp_path, c)
    assert convs["wc_load"] == ["ref"] and convs["wc_store"] == convs["wc_swap"] == ["mut_ref"]
    assert convs["wc_reset"] == ["opt_mut"]  # assert(p) tests it for NULL first
    assert convs["wc_copy"] == convs["wc_move"] == ["mut_ref", "ref"]
    assert convs["wc_box_set"] == ["mut_ref"]  # `sizeof(wc_box)`: the typedef's size
    assert raw_reasons(cb.functions["wc_shadow"], cb) == {"b": "passed to a function outside SRC"}
    for name in ("wc_load", "wc_store", "wc_swap", "wc_reset", "wc_copy", "wc_move", "wc_box_set"):
        assert not sigs[name].unsafe, (name, sigs[name].unchecked)
    for name in ("wc_half", "wc_value"):
        assert raw_reasons(cb.functions[name], cb) == {"dst": "passed to a function outside SRC",
                                                      "src": "passed to a function outside SRC"}, name
    # one whole object read (copies.one_object), but into bytes that may lie in it
    assert raw_reasons(cb.functions["wc_bytes"], cb) == {"dst": "passed to a function outside SRC",
                                                        "src": "may alias another parameter"}
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


def test_one_object_beside_any_pointer_is_a_dereference(tmp_path):
    """memcpy/memset as statements and memcmp of exactly one object of a parameter, whatever the other
    operand (copies.one_object): the parameter is a reference, the call stays the C library's (unsafe fn);
    more than one object, a kept result, memmove and a write through a const pointee keep it raw.
    gcc vs Rust: behaviour memory/one_object."""
    c = data_text("backends/builtin/behaviour/memory/one_object.c") + (
        "void oo_const(const oo_pair *p, int k) { oo_pair q = {k, k}; oo_pair *h = &q;"
        " memcpy(p, h, sizeof *p); }\n"
        # any bytes written into a bool (valid only as 0 or 1), or read from one: only the read is proven
        "struct oo_flag { int n; _Bool on; };\n"
        "void oo_flag_set(struct oo_flag *f, const unsigned char *h) { memcpy(f, h, sizeof *f); }\n"
        "void oo_flag_fill(struct oo_flag *f) { memset(f, 0xff, sizeof *f); }\n"
        "int oo_flag_cmp(const struct oo_flag *f, const unsigned char *h) {"
        " return memcmp(f, h, sizeof *f); }\n")
    cb, sigs, convs = _mapped(tmp_path, c)
    assert convs["oo_clone"] == convs["oo_same"] == ["opt_ref"]  # read after a NULL test may return
    assert convs["oo_out"] == ["opt_mut"] and convs["oo_fill"] == ["mut_ref"]
    for name in ("oo_clone", "oo_out", "oo_same", "oo_fill"):
        assert sigs[name].unsafe, name  # the call stays the library's (and `*h` derefs a raw pointer)
    outside = "passed to a function outside SRC"
    assert raw_reasons(cb.functions["oo_long"], cb) == raw_reasons(cb.functions["oo_kept"], cb) == \
        {"p": outside, "src": outside}
    assert raw_reasons(cb.functions["oo_move"], cb) == raw_reasons(cb.functions["oo_const"], cb) == \
        {"p": outside}
    assert raw_reasons(cb.functions["oo_flag_set"], cb)["f"] == outside
    assert raw_reasons(cb.functions["oo_flag_fill"], cb) == {"f": outside}
    assert convs["oo_flag_cmp"][0] == "ref"
    code = translated_code(tmp_path, "m.c", c)
    # the written Option's pointer comes from its unique reference, not a shared reborrow (moved at its
    # last use: clippy's needless_option_as_deref)
    assert "out.map_or(core::ptr::null_mut(), core::ptr::from_mut)" in code["oo_out"]
    assert "let mut out" not in code["oo_out"]
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []


def test_a_global_named_like_an_inner_block_s_local_is_no_local_object(tmp_path):
    """`&g` after the block is the int global's address, not the inner `struct pt g`'s: the copy of a whole
    struct pt there is no whole-object copy between locals (the C overruns g); the inner `q`, one variable,
    stays a local object. (`p` is a reference all the same: copies.one_object reads one struct from it.)"""
    from llmigrate.signatures.copies import declared, operands
    from llmigrate.signatures.proof import parsed_body, walk

    (tmp_path / "m.c").write_text(
        "#include <string.h>\nstruct pt { int x, y; };\nint g;\n"
        "int f(const struct pt *p, int k) { if (k) { struct pt g = {1, 2}, q; memcpy(&q, p, sizeof q);\n"
        "  k = g.y + q.x; } memcpy(&g, p, sizeof(struct pt)); return k; }\n")
    fn = next(f for f in analyze_dir(tmp_path).functions.values() if f.name == "f")
    body = parsed_body(fn)[0]
    types = declared(fn, body)
    assert "g" not in types and types["q"] == "struct pt"
    calls = [n for n in walk(body) if n.type == "call_expression"]
    assert [operands(c, types) is not None for c in calls] == [True, False]
