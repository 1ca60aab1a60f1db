"""A shared view of a struct whose pointers may lead back into it, in a function that writes, besides its
parameters' pointees, only memory it allocated itself: a fresh local buffer, a member it just set to one, or
through memcpy/strcat and kin given one (signatures_freshwrites). With the negative cases: a member written
before it is set fresh, set fresh on one path only, reset in between, or a store through another parameter
in between; a buffer the struct points into itself; a list node written through its own `next`."""

from __future__ import annotations

import pytest
from helpers.c_snippets import each_mapped, mapped
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.signatures.mapper import raw_reasons

# `text` is stored a caller's pointer (set): it may point anywhere, also into the struct itself
OBJ = ("#include <stdlib.h>\n#include <string.h>\n"
       "struct obj { int kind; char *text; };\n"
       "void set(struct obj *o, char *t) { o->text = t; }\n")
BACK = "its pointee's pointers may lead back into it"


def test_writes_into_memory_the_call_allocated_leave_the_view_a_reference(tmp_path):
    cb, s = mapped(tmp_path, OBJ +
                   "void concat(const struct obj *a, const struct obj *b, struct obj *dst) {\n"
                   "  dst->kind = 1; dst->text = malloc(strlen(a->text) + strlen(b->text) + 1);\n"
                   "  strcpy(dst->text, a->text); strcat(dst->text, b->text); }\n"
                   "void squeeze(const struct obj *a, struct obj *dst) {\n"
                   "  char *s = malloc(strlen(a->text) + 1); int j = 0;\n"
                   "  for (int i = 0; a->text[i]; i++) if (a->text[i] != ' ') s[j++] = a->text[i];\n"
                   "  s[j] = 0; dst->text = s; }\n"
                   "void pair(const struct obj *a, struct obj *dst) {\n"
                   "  dst->text = (char *)malloc(3);\n"
                   "  for (int i = 0; i < 2; i++) dst->text[i] = a->text[i];\n"
                   "  *(dst->text + 2) = 0; }\n"
                   "int parse(const struct obj *a, struct obj *dst) { return dst->kind = atoi(a->text); }\n")
    for name in ("concat", "squeeze", "pair", "parse"):
        views = [(p.rust_type, p.proof) for p in s[name].params if p.name != "dst"]
        # the view may overlap `dst`'s own bytes only: the C ABI entry checks that
        assert all(t in ("&obj", "Option<&obj>") and proof == "disjoint-checked" for t, proof in views), views
        assert set(raw_reasons(cb.functions[name], cb)) == {"dst"}, name  # written through: not a view


def test_writes_into_memory_that_may_be_older_keep_the_view_raw(tmp_path):
    head = "void f(const struct obj *a, struct obj *dst, struct obj *other, int n) {\n"
    cases = {
        "written before it is set": "dst->text[0] = a->text[0]; dst->text = malloc(2); }\n",
        "set on one path only": "if (n) dst->text = malloc(2);\n dst->text[0] = a->text[0]; }\n",
        "reset in between": "dst->text = malloc(2); dst->text = other->text; dst->text[0] = a->text[0]; }\n",
        # `other` may be `dst`: its text then leads anywhere, into `*a` too
        "another parameter's store": "dst->text = malloc(2); other->text = a->text; "
                                     "dst->text[0] = a->text[0]; }\n",
        "a jump": "dst->text = malloc(2);\n again: dst->text[0] = a->text[0]; if (n--) goto again; }\n",
        "another case": "switch (n) { case 0: dst->text = malloc(2);\n"
                        " case 1: dst->text[0] = a->text[0]; } }\n",
        # a switch may enter the block at `case 1`, past the malloc (Duff's device)
        "a case inside": "switch (n) { case 0: dst->text = malloc(2);\n"
                         " { case 1: dst->text[0] = a->text[0]; } } }\n",
        "copied into a buffer not fresh": "memcpy(dst->text, a->text, 2); }\n",
        "a local set from a parameter": "char *s = malloc(2); if (n) s = dst->text; s[0] = a->text[0]; }\n",
        "a local reallocated from a parameter": "char *s = realloc(dst->text, 4); s[0] = a->text[0]; }\n",
        "integers cast back": "dst->text = malloc(2); "
                              "*(char *)((unsigned long)dst->text + (unsigned long)other) = a->text[0]; }\n",
    }
    sources = [OBJ + head + c for c in cases.values()]
    for why, (_, cb, _) in zip(cases, each_mapped(tmp_path, sources), strict=True):
        assert raw_reasons(cb.functions["f"], cb).get("a") == BACK, why


def test_a_struct_pointing_into_itself_or_a_list_looping_keeps_it_raw(tmp_path):
    cases = [
        # `data` may point at `buf`, its own array (a short string kept inline): the write lands in the view
        "struct sb { char *data; char buf[8]; };\n"
        "void init(struct sb *s) { s->data = s->buf; }\n"
        "char poke(const struct sb *s, struct sb *t) { t->data = malloc(1); s->data[0] = 'x'; "
        "return s->buf[0]; }\n",
        # a node whose next is itself, written through while it is borrowed
        "struct cell { int v; struct cell *next; };\n"
        "int loop(const struct cell *c, struct cell *t) { t->next = malloc(sizeof *t); c->next->v = 1; "
        "return c->v; }\n",
    ]
    for c, cb, _ in each_mapped(tmp_path, ["#include <stdlib.h>\n" + c for c in cases]):
        fn = next(f for f in cb.functions.values() if f.name in ("poke", "loop"))
        assert raw_reasons(fn, cb).get(fn.params[0].name) == BACK, c


@pytest.mark.slow
def test_views_beside_fresh_writes_verify_against_the_c(tmp_path):
    """The C test, compiled against the Rust, joins and squeezes strings read through `&obj` views."""
    migrated_and_verified(DATA / "signatures" / "freshwrites", tmp_path / "out")
    crate = tmp_path / "out" / "src"
    assert "a: &obj" in function_code((crate / "m_lib.rs").read_text(), "obj_concat")
    assert "// SAFETY: a: rule disjoint-checked" in (crate / "ffi.rs").read_text()
