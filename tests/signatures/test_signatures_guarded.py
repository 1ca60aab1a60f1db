"""A shared view of a struct whose pointers may lead back into it, in a function that writes only its
parameters' pointees: only the own bytes of a parameter written through can overlap it, which the C ABI
entry checks (rule disjoint-checked) also against a raw parameter touched as one object. Ending the program
(exit, abort) writes none of its memory unless SRC registers a handler. With the negative cases."""

from __future__ import annotations

from helpers.c_snippets import each_mapped, mapped

from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import raw_reasons

CELL = "#include <stdlib.h>\nstruct cell { int v; struct cell *next; };\n"
TAKE = "void take(const struct cell *c, struct cell *out) { if (!c->next) exit(1); *out = *c->next; }\n"
BACK = "its pointee's pointers may lead back into it"


def test_a_view_beside_a_raw_object_is_checked_at_the_boundary(tmp_path):
    cb, s = mapped(tmp_path, CELL + TAKE)
    c, out = s["take"].params
    assert (c.rust_type, c.proof, c.disjoint_from) == ("&cell", "disjoint-checked", ["out"])
    # `*out = *c->next` may read `*out` itself through `next`: it stays raw, its extent one cell
    assert out.rust_type == "*mut cell" and raw_reasons(cb.functions["take"], cb) == {"out": BACK}
    entry = ffi_entry(s["take"])
    assert "llmigrate_overlap(c as usize, core::mem::size_of::<cell>(), out as usize, " \
           "core::mem::size_of::<cell>())" in entry
    assert entry.index("llmigrate_c_original(c, out)") < entry.index("crate::m::take(&*c, out)")


def test_a_view_no_written_parameter_can_overlap_needs_no_check(tmp_path):
    cb, s = mapped(tmp_path, CELL + "struct bin { int n; struct cell *c; };\n"
                   # `*b` is no part of a cell: only what `b->c` leads to is, never written here
                   "int peek(const struct cell *c, struct bin *b) { b->n = c->next->v; return c->v; }\n")
    assert [(p.rust_type, p.proof) for p in s["peek"].params] == [("&cell", "shared-view"),
                                                                  ("&mut bin", "deref-on-every-call")]


def test_writes_through_followed_pointers_or_handlers_keep_it_raw(tmp_path):
    cases = {
        # a write through the followed pointer may land in the view
        "bump": CELL + "void bump(const struct cell *c, struct cell *out) { c->next->v++; *out = *c; }\n",
        # a handler atexit registered may write anything while exit runs
        "take": CELL + TAKE + "static void bye(void) {}\nvoid setup(void) { atexit(bye); }\n",
        # a list node whose next is itself, written through while it is borrowed
        "loop": CELL + "int loop(struct cell *c) { c->next->v = 1; return c->v; }\n",
        # a struct passed by value is a copy, but the pointer it holds may lead into the view
        "copy": CELL + "struct view { int *data; };\n"
                       "int copy(const struct cell *c, struct view v) { v.data[0] = 1; "
                       "return c->next->v; }\n",
    }
    names = sorted(cases)
    for name, (_, cb, _) in zip(names, each_mapped(tmp_path, [cases[n] for n in names]), strict=True):
        assert raw_reasons(cb.functions[name], cb)["c"] == BACK, name


def test_a_partner_without_an_extent_or_a_boundary_keeps_it_raw(tmp_path):
    cb, s = mapped(tmp_path, CELL
                   # `out[n + 1]`: no extent the entry could compare
                   + "void at(const struct cell *c, struct cell *out, int n) { out[n + 1] = *c->next; }\n"
                   # static: no C ABI entry, and its one call passes the same cell twice
                   "static void peek(const struct cell *c, struct cell *out) { *out = *c->next; }\n"
                   "void twice(struct cell *n) { peek(n, n); }\n")
    assert raw_reasons(cb.functions["at"], cb)["c"] == "may alias another parameter"
    assert raw_reasons(cb.functions["peek"], cb)["c"] == "may alias another parameter"
