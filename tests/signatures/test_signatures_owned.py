"""Members owning a buffer from an allocator do not lead back into their struct (signatures_owned), with the
stores that keep a member doubtful: a pointer from elsewhere, its address taken, a cast of it, an
initialiser naming something."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.owned import owned_members

BUF = ("#include <stdlib.h>\n#include <string.h>\n"
       "struct buf { unsigned char *data; unsigned long len, cap; };\n"
       "struct buf *buf_new(unsigned long cap) {\n"
       "  struct buf *b = malloc(sizeof *b);\n"
       "  b->data = (unsigned char *)malloc(cap); b->len = 0; b->cap = cap;\n"
       "  return b; }\n"
       "int buf_grow(struct buf *b) {\n"
       "  unsigned char *more = realloc(b->data, b->cap * 2); if (!more) return 0;\n"
       "  b->data = more; b->cap *= 2; return 1; }\n"
       "void buf_put(struct buf *b, unsigned char x) { b->data[b->len++] = x; }\n"
       "void buf_free(struct buf *b) { free(b->data); b->data = NULL; }\n")


def _analyze(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(c)
    return analyze_dir(tmp_path)


def test_buffer_filled_only_by_allocators_is_owned_and_its_struct_borrowed(tmp_path):
    cb = _analyze(tmp_path, BUF)
    assert owned_members(cb) == {"data"}
    sigs = map_all(cb)
    assert sigs["buf_put"].params[0].conv == "mut_ref"
    # the reference is proven; the index into its buffer is not (nothing bounds b->len): an unsafe fn
    assert sigs["buf_put"].unsafe and "indexes `b->data[b->len++]`" in sigs["buf_put"].unchecked
    # realloc frees and remakes the buffer, which never lay inside *b
    assert sigs["buf_grow"].params[0].conv == "mut_ref" and sigs["buf_free"].params[0].conv == "mut_ref"


@pytest.mark.parametrize("doubt", [
    "void adopt(struct buf *b, unsigned char *d) { b->data = d; }",  # a pointer from elsewhere
    "void inner(struct buf *b) { b->data = (unsigned char *)&b->len; }",  # into the struct itself
    "unsigned char **where(struct buf *b) { return &b->data; }",  # its address escapes
    "struct buf *as_buf(struct buf *b) { return (struct buf *)b->data; }",  # its buffer used as a struct
    "struct buf wrap(unsigned char *d) { struct buf b = { d, 1, 1 }; return b; }",  # positional initialiser
    "struct buf wrap(unsigned char *d) { struct buf b = { .data = d }; return b; }",  # designated
    "unsigned char raw[4];\nstruct buf g = { raw, 4, 4 };",  # a global's initialiser
    # the global `spare`, which may point anywhere: an inner block's fresh local of its name is out of scope
    "unsigned char *spare;\nvoid take(struct buf *b, int k) {\n"
    "  if (k) { unsigned char *spare = malloc(4); free(spare); } b->data = spare; }",
])
def test_a_doubtful_store_keeps_the_member_unowned(tmp_path, doubt):
    cb = _analyze(tmp_path, BUF + doubt + "\n")
    assert owned_members(cb) == set()
    assert map_all(cb)["buf_put"].params[0].conv == "value"


def test_void_and_struct_pointers_are_never_owned(tmp_path):
    c = ("#include <stdlib.h>\nstruct node { void *item; struct node *next; int *vals; };\n"
         "void init(struct node *n) {\n"
         "  n->item = malloc(8); n->next = malloc(sizeof *n); n->vals = malloc(4); }\n"
         "struct ints { int n; };\n"
         "int sum(int k) { int xs[2] = { k, 2 }; struct ints s = { k }; return xs[0] + s.n; }\n")
    assert owned_members(_analyze(tmp_path, c)) == {"vals"}


def test_a_union_member_is_never_owned(tmp_path):
    c = ("#include <stdlib.h>\nunion cell { char *text; long bits; };\n"
         "void set(union cell *c) { c->text = malloc(4); }\n")
    assert owned_members(_analyze(tmp_path, c)) == set()


def test_a_member_only_its_callers_fill_is_not_owned(tmp_path):
    c = ("struct buf { unsigned char *data; unsigned long len; };\n"
         "void put(struct buf *b, unsigned char x) { b->data[b->len++] = x; }\n")
    cb = _analyze(tmp_path, c)
    assert owned_members(cb) == set() and map_all(cb)["put"].params[0].conv == "value"


POOL = ("#include <stdlib.h>\n#include <string.h>\n#include <stdio.h>\n"
        "struct pool { int *base; int *top; char *text; char *rest; int n; };\n"
        "void pool_init(struct pool *p, int n) {\n"
        "  p->base = calloc(n, sizeof *p->base); p->top = p->base; p->n = 0;\n"
        "  p->text = strdup(\"a,b\"); p->rest = strchr(p->text, ','); }\n"
        "void pool_skip(struct pool *p) { p->top = &p->base[1]; p->rest = p->text + 1; }\n"
        "void pool_push(struct pool *p, int v) { *p->top++ = v; p->n++; }\n")


def test_pointers_into_an_owned_buffer_are_owned_too(tmp_path):
    """A copy of an owned member, arithmetic within it and strchr's result point into the same buffer."""
    cb = _analyze(tmp_path, POOL)
    assert owned_members(cb) == {"base", "top", "text", "rest"}
    assert map_all(cb)["pool_push"].params[0].conv == "mut_ref"


@pytest.mark.parametrize("more", [
    # sorted as ints, a cursor's distance made a count, a read through a `const char *`
    "int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }\n"
    "void pool_sort(struct pool *p) { qsort(p->base, (size_t)(p->top - p->base), sizeof(int), cmp); }\n"
    "unsigned long pool_len(struct pool *p) { const char *t = p->text; return strlen(t); }\n",
    # getline's buffer, and a macro that breaks the parse but expands faithfully
    "#define CASE(x) case x: return #x;\n"
    "const char *name(int k) { switch (k) { CASE(1) CASE(2) } return 0; }\n"
    "void pool_read(struct pool *p, FILE *f) {\n"
    "  char *line = NULL; size_t n = 0; if (getline(&line, &n, f) > 0) p->text = line; }\n",
])
def test_uses_that_keep_the_buffers_scalar_keep_members_owned(tmp_path, more):
    assert owned_members(_analyze(tmp_path, POOL + more)) == {"base", "top", "text", "rest"}


@pytest.mark.parametrize(("doubt", "lost"), [
    ("void f(struct pool *p, int *d) { p->base = d; }", {"base", "top"}),  # a copy of a doubtful member
    ("void f(struct pool *p) { p->rest = strtok(NULL, \",\"); }", {"rest"}),  # a string begun elsewhere
    ("void f(struct pool *p, char *d) { p->text = d; d = malloc(4); }", {"text", "rest"}),  # the caller's
    ("void f(struct pool *p, unsigned long k) { p->top = (int *)(k + 0); }", {"top"}),  # an integer
    ("int g[4];\nvoid f(struct pool *p) { p->top = &g[1]; }", {"top"}),  # into a global
    ("void f(void) { struct pool *q = malloc(sizeof *q); q->text = (char *)q; }", {"text", "rest"}),  # itself
    ("void f(struct pool *p) { void *v = malloc(8); p->text = v; }", {"text", "rest"}),  # any object's
    ("void f(struct pool *p) { char *c = p->text + 1; void *v = c; }", {"text", "rest"}),  # made `void *`
    ("struct pool *f(struct pool *p) { return (struct pool *)(p->base + 0); }", {"base", "top"}),  # a struct
    ("void take(void *x);\nvoid f(struct pool *p) { take(p->text); }", {"text", "rest"}),  # to `void *`
    ("int cmp(const void *a, const void *b) { const struct pool *x = a; return x->n - (b != 0); }\n"
     "void f(struct pool *p) { qsort(p->base, 2, sizeof(int), cmp); }", {"base", "top"}),  # compared as one
    ("int *h;\nvoid f(struct pool *p) { h = malloc(4); p->top = h; }\nvoid k(int *x) { h = x; }",
     {"top"}),  # a global, which another function may fill from anywhere
    ("#define ADOPT(p, d) ((p)->text = (d))\nvoid f(struct pool *p, char *d) { ADOPT(p, d); }",
     {"text", "rest"}),  # a store a macro hides
])
def test_a_store_from_outside_the_buffers_keeps_members_unowned(tmp_path, doubt, lost):
    cb = _analyze(tmp_path, POOL + doubt + "\n")
    assert owned_members(cb) == {"base", "top", "text", "rest"} - lost
    if "base" in lost:
        assert map_all(cb)["pool_push"].params[0].conv == "value"


@pytest.mark.slow
def test_cursors_into_owned_buffers_verify_against_the_c(tmp_path):
    """The C test, compiled against the Rust, pushes and pops through `&mut stack` (its cursors owned)."""
    migrated_and_verified(DATA / "signatures" / "derived", tmp_path / "out")
    crate = tmp_path / "out" / "src"
    pushed = function_code((crate / "m_lib.rs").read_text(), "stack_push")
    assert "fn stack_push(s: &mut stack, v: i32)" in pushed
    assert "// SAFETY: s: rule owned-buffer" in (crate / "ffi.rs").read_text()
