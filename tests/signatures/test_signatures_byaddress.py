"""Static functions SRC calls only through their addresses: their C ABI adapter is their only caller, so it
can check their pointers for overlap as an exported entry does (rule disjoint-checked), running the C
original csrc/ compiles when they overlap; a parameter the body never names conflicts with nothing. The
negative cases stay raw: a function also called by name (with one object twice), and a pointer that a
member of the other may lead to."""

from __future__ import annotations

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons

BYADDRESS = DATA / "signatures" / "byaddress"
ALIAS = "may alias another parameter"


def test_a_static_function_called_only_by_address_is_checked_at_its_adapter():
    cb = analyze_dir(BYADDRESS)
    s = map_all(cb)
    for name in ("set_am", "set_pm"):
        # `num` may lie in `*c`; `now` is never named: no conflict, and it stays raw for being unused
        assert [(p.rust_type, p.proof, p.disjoint_from) for p in s[name].params] == [
            ("&mut clock", "disjoint-checked", ["num"]), ("*mut clock", "", []),
            ("&mut i32", "disjoint-checked", ["c"])]
        assert raw_reasons(cb.functions[name], cb) == {"now": "unused"}
    entry = ffi_entry(s["set_am"])
    assert "#[no_mangle]" not in entry and "__abi_set_am(" in entry
    assert entry.index("llmigrate_overlap(c as usize, core::mem::size_of::<clock>(), num as usize") < \
        entry.index("llmigrate_c_original(c, now, num)") < entry.index("// SAFETY: c: rule disjoint-checked")
    assert f'#[link_name = "__llmigrate_c_{s["set_am"].module}__set_am"]' in entry


def test_a_function_also_called_by_name_or_reached_through_a_member_stays_raw():
    cb = analyze_dir(BYADDRESS)
    s = map_all(cb)
    # `tick(c, &c->hour)` in SRC: a call the adapter never sees, passing one object twice
    assert raw_reasons(cb.functions["tick"], cb) == {"c": ALIAS, "step": ALIAS}
    # `out` may be `&n->next->v`, and `n->next` may be `n`: no byte ranges bound that
    assert raw_reasons(cb.functions["peek"], cb) == {"n": "its pointee's pointers may lead back into it",
                                                     "out": ALIAS}
    assert all(p.proof == "" for name in ("tick", "peek") for p in s[name].params)


def test_a_partner_named_only_in_a_macro_still_conflicts(tmp_path):
    (tmp_path / "m.c").write_text(
        "struct c { int h; };\n#define CLEAR(p) ((p)->h = 0)\n#define NOW_CLEAR() CLEAR(now)\n"
        "static void f(struct c *c, struct c *now, int *n) { c->h = *n; NOW_CLEAR(); }\n"
        "void (*fp)(struct c *, struct c *, int *) = f;\n")
    # `now` is written by the macro's expansion: a partner the entry compares, not one dropped as unnamed
    c = map_all(analyze_dir(tmp_path))["f"].params[0]
    assert c.proof == "disjoint-checked" and c.disjoint_from == ["now", "n"]


def test_a_macro_that_may_call_its_argument_hides_a_call_by_name(tmp_path):
    # `RUN(g, c, &c->h)` expands into `g(c, &c->h)`, which no body's text shows, passing one object twice
    (tmp_path / "m.c").write_text(
        "struct c { int h; };\n#define RUN(f, a, b) f(a, b)\n"
        "static void g(struct c *c, int *n) { c->h = *n; *n = 0; }\n"
        "int twice(struct c *c) { RUN(g, c, &c->h); return c->h; }\n")
    cb = analyze_dir(tmp_path)
    assert cb.functions["g"].address_taken
    assert raw_reasons(cb.functions["g"], cb) == {"c": ALIAS, "n": ALIAS}


@pytest.mark.slow
def test_c_passing_overlapping_pointers_through_the_address_runs_the_c_original(tmp_path):
    out = tmp_path / "out"
    report = migrated_and_verified(BYADDRESS, out)  # the C test checks every value gcc's build gives
    module = next(p for p in (out / "src").glob("*.rs") if "fn set_am" in p.read_text()).read_text()
    # unsafe for `now`, raw (unused); the references are the adapter's, checked
    assert "fn set_am(c: &mut clock, now: *mut clock, num: &mut i32)" in function_code(module, "set_am")
    assert "pub unsafe fn tick(c: *mut clock, step: *mut i32)" in module
    kept = "".join(p.read_text() for p in (out / "csrc").glob("*.c"))
    assert "__set_am(struct clock *c, struct clock *now, int *num)" in kept  # the original, for overlaps
    by_name = {f["name"]: f for f in report["functions"]}
    assert {p["rule"] for p in by_name["set_am"]["safety"]["boundary"]["proofs"]} == {"disjoint-checked"}
    assert by_name["set_am"]["equivalence"] == "equivalent"
