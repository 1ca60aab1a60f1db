"""Rule unfollowed-members past locals holding a call's result, cycles of calls and macros (follows.py,
makers.py): a maker's new object and a passer's named result keep a struct whose char member may lead back
into it a reference; what may hold any pointer keeps it raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.follows import followed
from llmigrate.signatures.makers import makers
from llmigrate.signatures.mapper import map_all, raw_reasons

LIST = ("#include <stdlib.h>\n"
        "struct item { int v; };\n"
        "struct list { char *name; struct item *items; int n; };\n"
        "static struct item *item_new(int v) {\n"
        "  struct item *it = malloc(sizeof *it); if (!it) return NULL; it->v = v; return it; }\n"
        "static struct item *first(struct list *l) { return l->items; }\n")
LEADBACK = "its pointee's pointers may lead back into it"


def _conv(tmp_path: Path, c: str, name: str = "f") -> str:
    """The conv of `name`'s first parameter `l`, which stays raw (if it does) for leading back into itself."""
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    conv = map_all(cb)[name].params[0].conv
    if conv == "value":
        assert raw_reasons(cb.functions[name], cb)["l"] == LEADBACK
    return conv


@pytest.mark.parametrize("body", [
    "l->n = 0; struct item *it = item_new(3); if (it) { l->n = it->v; free(it); }",  # a maker's new item
    "struct item *it = first(l); it->v = 1; l->n = 2;",  # a passer's result: items, followed
    "first(l)->v = 1; l->n = 2;",  # dereferenced as it comes back
    "struct item *it = l->n ? first(l) : item_new(1); l->n = it->v;",
])
def test_a_local_holding_a_new_or_named_pointer_keeps_the_struct_a_reference(tmp_path, body):
    assert _conv(tmp_path, LIST + f"void f(struct list *l) {{ {body} }}\n") == "mut_ref"


@pytest.mark.parametrize("extra, body", [
    ("static char *label(struct list *l) { return l->name; }\n",
     "char *s = label(l); s[0] = 'x'; l->n = 1;"),  # a passer returning name, written through
    ("static char *keep(char *p) { static char *k; if (p) k = p; return k; }\n",
     "char *s = keep(0); s[0] = 'x'; l->n = 1;"),  # a static local may hold name from an earlier call
    ("static struct item *cached(void) { static struct item *c; if (!c) c = malloc(sizeof *c); return c; }\n",
     "struct item *it = cached(); it->v = 0; l->n = 1;"),  # an earlier call's object
    ("static char *grow(char *p) { return realloc(p, 8); }\n",
     "char *s = grow(l->name); s[0] = 'x'; l->n = 1;"),  # realloc may hand back name's buffer
    ("char *unknown(void);\nstatic char *same(char *p) { return p; }\n",
     "char *s = same(unknown()); s[0] = 'x'; l->n = 1;"),  # a passer of a pointer from unknown code
    ("typedef char *str;\nstatic char *same(char *p) { return p; }\n",
     "char *s = same((str)(long)l->n); s[0] = 'x'; l->n = 1;"),  # a pointer made of an integer
    ("typedef struct item *item_p;\nstatic void put(struct item *it) { it->v = 1; }\n",
     "put((item_p)(long)l->n); l->n = 1;"),  # a pointer made of an integer, through a typedef's cast
    ("__attribute__((weak)) struct item *made(void) { return malloc(sizeof(struct item)); }\n",
     "struct item *it = made(); it->v = 1; l->n = 1;"),  # a weak maker, replaceable at link time
])
def test_a_local_that_may_hold_a_loaded_pointer_keeps_the_struct_raw(tmp_path, extra, body):
    assert _conv(tmp_path, LIST + extra + f"void f(struct list *l) {{ {body} }}\n") == "value"


def test_a_passer_handing_back_memory_of_its_parameter_keeps_it_raw(tmp_path):
    """An array member decays to a pointer into the struct itself: the passer's parameter stays raw, so
    the caller's does too (a write through the result would write through a reference's memory)."""
    c = ("struct item { int v; };\nstruct list { char *name; struct item items[4]; int n; };\n"
         "static struct item *first(struct list *l) { return l->items; }\n"
         "void f(struct list *l) { struct item *it = first(l); it->v = 1; l->n = 2; }\n")
    (tmp_path / "m.c").write_text(c)
    sigs = map_all(analyze_dir(tmp_path))
    assert sigs["first"].params[0].conv == sigs["f"].params[0].conv == "value"


def test_makers_return_only_new_objects(tmp_path):
    (tmp_path / "m.c").write_text(LIST + (
        "static struct item *wrap(int v) { struct item *it; if (!(it = item_new(v))) return 0; return it; }\n"
        "static struct item *moved(int v) { struct item *it = item_new(v); it = it + 0; return it; }\n"
        "static struct item *grown(struct item *p) { return realloc(p, 2 * sizeof *p); }\n"
        "static struct item *fresh_grown(void) { return realloc(malloc(1), 8); }\n"
        "static struct item *param(struct item *p) { p = malloc(4); return p; }\n"
        "static struct item *loop(int k) { return k ? loop(k - 1) : 0; }\n"
        "static struct item *blocks(int k) {\n"  # each block's own `p`, each new
        "  if (k) { struct item *p = malloc(4); return p; } { struct item *p = item_new(k); return p; } }\n"
        "static struct item *mixed(struct list *l, int k) {\n"  # the second `p` holds a loaded pointer
        "  if (k) { struct item *p = malloc(4); return p; } { struct item *p = l->items; return p; } }\n"))
    assert makers(analyze_dir(tmp_path)) == {"item_new", "wrap", "fresh_grown", "blocks"}


def test_a_cycle_of_calls_follows_what_its_functions_follow(tmp_path):
    c = LIST + ("static int sum(struct item *it, int k) { return k ? it[k - 1].v + sum(it, k - 1) : 0; }\n"
                "static int odd(struct list *l, int k);\n"
                "static int even(struct list *l, int k) { return k ? odd(l, k - 1) : (l->name[0] = 1); }\n"
                "static int odd(struct list *l, int k) { return k ? even(l, k - 1) : 1; }\n"
                "void f(struct list *l) { l->n = sum(l->items, l->n); }\n")
    assert _conv(tmp_path, c) == "mut_ref"
    cb = analyze_dir(tmp_path)
    assert "name" not in followed("sum", cb, {})
    assert "name" in followed("odd", cb, {}) == followed("even", cb, {})  # and so odd's l stays raw
    assert map_all(cb)["even"].params[0].conv == "value"


def test_a_macro_read_expanded(tmp_path):
    c = LIST + ("#define FIRST(l) ((l)->items[0].v)\n#define NAME0(l) ((l)->name[0])\n"
                "void f(struct list *l) { l->n = FIRST(l); }\n"
                "void g(struct list *l) { NAME0(l) = 'x'; l->n = 1; }\n")
    assert _conv(tmp_path, c) == "mut_ref"
    assert _conv(tmp_path, c, "g") == "value"


@pytest.mark.slow
def test_makers_passers_and_cycles_verify_against_the_c(tmp_path):
    """gcc's C test passes against the Rust, l a reference where a maker, a passer or a cycle leaves name
    unfollowed, raw where a passer hands name back (the C test then points name into the struct)."""
    migrated_and_verified(DATA / "signatures" / "makers", tmp_path / "out")
    module = (tmp_path / "out" / "src" / "m_lib.rs").read_text()
    expected = {"list_bump": "&mut list", "list_total": "&mut list", "list_probe": "Option<&mut list>",
                "list_mark": "*mut list"}
    assert {name: f"fn {name}(l: {t}" in function_code(module, name) for name, t in expected.items()} == \
        dict.fromkeys(expected, True)
