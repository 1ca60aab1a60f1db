"""A callee's static locals count as globals (signatures/statics.py, issue 15): one holding a pointer (what
an earlier call stored may lead into a caller's reference) or one whose address escapes (its bytes may be a
caller's pointee) keeps the caller's parameters raw; a static of scalars that stays put changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.checked import checkable
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.overlaps import global_partners
from llmigrate.signatures.reach import globals_reached
from llmigrate.signatures.statics import persistent

REC = "struct rec { char *name; int n; };\n"
GLOBAL = "may alias a global the function or a callee uses"


def _param(tmp_path: Path, c: str, name: str) -> tuple[str, str | None]:
    """(conv, raw reason) of `name`'s first parameter."""
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    param = map_all(cb)[name].params[0]
    return param.conv, raw_reasons(cb.functions[name], cb).get(param.name)


@pytest.mark.parametrize("extra, body", [
    ("static void g(char *p) { static char *k; if (p) k = p; else *k = 0; }\n", "g(0); r->n = 2;"),
    ("static void g(char *p) { static char *k; if (p) k = p; else *k = 0; }\n"  # through another callee
     "static void mid(void) { g(0); }\n", "mid(); r->n = 2;"),
    ("struct box { int *at; };\n"  # a static struct holding a pointer
     "static void g(int *p) { static struct box b; if (p) b.at = p; else *b.at = 0; }\n", "g(0); r->n = 2;"),
    ("static char *g(void) { static char buf[8]; buf[0] = 1; return buf; }\n",  # an array's bytes leave
     "g(); r->n = 2;"),
    ("union cell { char bytes[4]; int n; };\n"  # a union whose array member decays
     "static char *g(void) { static union cell c; c.n = 1; return c.bytes; }\n", "g(); r->n = 2;"),
    ("typedef struct rec *rec_p;\n"  # a typedef of a pointer
     "static void g(struct rec *p) { static rec_p k; if (p) k = p; else k->n = 0; }\n", "g(0); r->n = 2;"),
])
def test_a_callee_static_that_may_reach_the_struct_keeps_it_raw(tmp_path, extra, body):
    assert _param(tmp_path, REC + extra + f"void f(struct rec *r) {{ {body} }}\n", "f") == ("value", GLOBAL)


def test_a_static_whose_address_escapes_is_written_by_no_read_only_function(tmp_path):
    """counter_read was read-only (c is a local of bump), so p a shared view whatever it overlaps; but p may
    be bump's &c, which bump writes while p is held."""
    c = ("int *bump(int inc) { static int c; c += inc; return &c; }\n"
         "int counter_read(const int *p) { bump(1); return *p; }\n")
    assert _param(tmp_path, c, "counter_read") == ("value", GLOBAL)


def test_a_static_of_scalars_that_stays_put_keeps_the_reference(tmp_path):
    c = REC + ("static int tick(void) { static int count; return ++count; }\n"
               "void f(struct rec *r) { r->n = tick(); }\n")
    assert _param(tmp_path, c, "f") == ("mut_ref", None)


def test_a_static_array_is_memory_an_int_pointer_may_share(tmp_path):
    """Its bytes leave the function as it decays; a struct of other kinds, by C's types, is not there."""
    c = REC + ("static int *table(void) { static int t[4]; t[0]++; return t; }\n"
               "void f(int *q) { table(); *q = 1; }\nvoid g(struct rec *r) { table(); r->name = 0; }\n")
    assert _param(tmp_path, c, "f") == ("value", GLOBAL)
    assert _param(tmp_path, c, "g") == ("mut_ref", None)


def test_a_scalar_static_leaves_read_only_callers_read_only(tmp_path):
    c = ("static int tick(void) { static int count; return count; }\n"
         "int peek(const int *p) { return *p + tick(); }\n")
    assert _param(tmp_path, c, "peek") == ("ref", None)


def test_a_function_reaching_a_static_local_has_no_overlap_check(tmp_path):
    """The kept C the check falls back to would hold its own copy of the static."""
    (tmp_path / "m.c").write_text("static void g(char *p) { static char *k; if (p) k = p; }\n"
                                  "void f(int *a, int *b) { g(0); *a = *b; }\n")
    cb = analyze_dir(tmp_path)
    names = globals_reached("f", cb, {})
    assert names == {"g#static:k"} and not checkable(cb.functions["f"], cb, names)


@pytest.mark.slow
def test_statics_verify_against_the_c(tmp_path):
    """gcc's C test passes against the Rust: rec_clear raw (poke writes into it through its static),
    rec_tick a reference (a scalar static), counter_read raw (bump's static escapes)."""
    migrated_and_verified(DATA / "signatures" / "statics", tmp_path / "out")
    module = (tmp_path / "out" / "src" / "m_lib.rs").read_text()
    expected = {"rec_clear": "r: *mut rec", "rec_tick": "r: &mut rec", "counter_read": "p: *const i32"}
    assert {name: f"fn {name}({t}" in function_code(module, name) for name, t in expected.items()} == \
        dict.fromkeys(expected, True)



def test_a_static_const_table_is_no_writable_memory(tmp_path):
    """Its bytes are never written (C's writing a const object is undefined), so a mutable pointer, which
    its entry asks to point at writable memory, never points there, as with a const global."""
    c = ("static const int *days(void) { static const int t[3] = {31, 28, 31}; return t; }\n"
         "void set(int *q) { *q = days()[0]; }\n")
    assert _param(tmp_path, c, "set") == ("mut_ref", None)
    tables = persistent(analyze_dir(tmp_path)).values()
    assert [(g.type, g.is_const) for g in tables] == [("const int [3]", True)]


def test_a_changing_scalar_static_stops_the_overlap_check_only(tmp_path):
    """A counter no pointer reaches aliases nothing, but the kept C the check falls back to would count on
    its own copy; a static const table is no obstacle."""
    (tmp_path / "m.c").write_text(
        "static int tick(void) { static int count; return ++count; }\n"
        "static int day(int i) { static const int t[2] = {31, 28}; return t[i & 1]; }\n"
        "void f(int *a, int *b) { tick(); *a = *b; }\nvoid g(int *a, int *b) { *a = *b + day(0); }\n")
    cb = analyze_dir(tmp_path)
    names = globals_reached("f", cb, {})
    assert names == {"tick#apart:count"} and not checkable(cb.functions["f"], cb, names)
    assert not global_partners(0, cb.functions["f"], cb, names)
    assert checkable(cb.functions["g"], cb, globals_reached("g", cb, {}))
