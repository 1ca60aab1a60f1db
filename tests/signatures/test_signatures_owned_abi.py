"""What rule owned-buffer takes for granted, stated where C outside SRC calls in (a C caller could point an
owned member into a struct itself), and owned members in conflicts between parameters: a struct never lies
in an owned buffer, a scalar pointer may (signatures_owned, overlaps.conflicts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import function_code, migrated_and_verified

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.owned import owned_members, owned_paths

BUF = ("#include <stdlib.h>\n"
       "struct buf { unsigned char *data; unsigned long len, cap; };\n"
       "struct pt { int x, y; };\n"
       "struct buf *buf_new(unsigned long cap) {\n"
       "  struct buf *b = malloc(sizeof *b);\n"
       "  b->data = (unsigned char *)malloc(cap); b->len = 0; b->cap = cap;\n"
       "  return b; }\n"
       "void buf_put(struct buf *b, unsigned char x) { b->data[b->len++] = x; }\n"
       "unsigned long buf_len(const struct buf *b) { return b->len; }\n"
       "void pt_only(struct pt *p) { p->x = 1; }\n"
       "void pt_set(struct pt *p, struct buf *b) { p->x = b->data[0]; b->len = 1; }\n"
       # a pointer that may point into b->data's buffer: a caller may pass `b->data` for it
       "void put_from(struct buf *b, unsigned char *p) { b->data[0] = *p; *p = 2; }\n"
       "void ints_into(int *out, struct buf *b) { *out = b->data[0]; b->len = 3; }\n"
       "void buf_copy(struct buf *dst, const struct buf *src) { dst->len = src->len; dst->data[0] = 1; }\n")
STATED = "nor into a buffer holding one (it holds only a buffer of its own, as every store in SRC puts there)"


def _sigs(tmp_path: Path, c: str = BUF):
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    assert owned_members(cb) == {"data"}
    return map_all(cb)


def _precondition(entry: str) -> str:
    """The `# Safety` line report.json reads as the boundary's precondition (one doc line)."""
    return next(line for line in entry.splitlines() if line.startswith("/// As for the C function"))


def test_an_entry_whose_reference_relies_on_an_owned_member_states_it(tmp_path):
    sig = _sigs(tmp_path)["buf_put"]
    assert sig.params[0].conv == "mut_ref" and sig.params[0].proof == "owned-buffer"
    pre = _precondition(ffi_entry(sig))
    assert pre.endswith(f"; `b->data` must not point into `*b` or any other struct, {STATED}.")


def test_a_raw_pointer_the_body_lends_to_a_relying_callee_states_it(tmp_path):
    """`b` stays raw (it may be `c`), but the body lends it to buf_put, whose reference rests on `b->data`:
    made at the call site from the entry's raw pointer. By type, so `c` (never lent) is named too."""
    c = BUF + "void lend(struct buf *b, struct buf *c) { if (b == c) return; buf_put(b, 1); c->len = 0; }\n" \
        "void relay(struct buf *b, struct buf *c) { lend(b, c); }\n"  # passed on raw, lent one call deeper
    sigs = _sigs(tmp_path, c)
    for sig in (sigs["lend"], sigs["relay"]):
        assert [p.conv for p in sig.params] == ["value", "value"]
        assert sig.assumes.startswith("`b->data`, `c->data` must not point into `*b`, `*c` or any other")
        assert sig.assumes in _precondition(ffi_entry(sig))


def test_a_slice_of_structs_names_each_elements_member(tmp_path):
    c = ("#include <stdlib.h>\nstruct ins { int op; int *operand; };\n"
         "void ins_init(struct ins *x) { x->operand = malloc(sizeof(int)); x->op = 0; }\n"
         "void show(struct ins *xs, int n) { for (int i = 0; i < n; i++) xs[i].op = xs[i].operand[0]; }\n")
    (tmp_path / "m.c").write_text(c)
    sig = map_all(analyze_dir(tmp_path))["show"]
    assert (sig.params[0].conv, sig.params[0].proof) == ("slice_mut", "owned-buffer")
    assert sig.assumes.startswith("`xs[_].operand` must not point into `xs[..]` or any other struct, nor")


@pytest.mark.parametrize("name", ["pt_only", "buf_len", "buf_new"])
def test_entries_not_relying_on_owned_members_do_not_state_it(tmp_path, name):
    """A struct without pointers, a view in a read-only function, no pointer parameter."""
    sig = _sigs(tmp_path)[name]
    assert sig.assumes == "" and "must not point into" not in ffi_entry(sig)


def test_a_struct_never_lies_in_another_parameters_owned_buffer(tmp_path):
    """`p` may not overlap `b`'s own bytes (distinct struct types) nor, being a struct, its owned buffer."""
    sig = _sigs(tmp_path)["pt_set"]
    assert [(p.conv, p.proof) for p in sig.params] == [("mut_ref", "owned-buffer")] * 2
    assert sig.assumes == f"`b->data` must not point into `*p`, `*b` or any other struct, {STATED}"
    assert sig.assumes in _precondition(ffi_entry(sig))


def test_an_overlap_check_resting_on_owned_members_names_them(tmp_path):
    """Two lines may be one (the entry checks their bytes); neither's buffer holds a struct (owned)."""
    sig = _sigs(tmp_path)["buf_copy"]
    assert [(p.conv, p.proof) for p in sig.params] == [("mut_ref", "disjoint-checked"),
                                                       ("ref", "disjoint-checked")]
    entry = ffi_entry(sig)
    assert "; and, by rule owned-buffer, `dst->data` holds only a buffer of its own" in entry
    assert "`dst->data`, `src->data` must not point into `*dst`, `*src` or any other struct, nor" in entry


@pytest.mark.parametrize(("name", "raw", "b"), [("put_from", "p", ("ref", "disjoint-checked")),
                                               ("ints_into", "out", ("mut_ref", "owned-buffer"))])
def test_a_scalar_pointer_beside_an_owned_buffer_stays_raw(tmp_path, name, raw, b):
    """A caller may pass a pointer into `b->data`'s buffer for it: that is no struct's, but it is b's. The
    struct is a reference (checked against the pointer's own bytes where it may share them by type)."""
    sig = _sigs(tmp_path)[name]
    got = {p.name: (p.conv, p.proof) for p in sig.params}
    assert got[raw] == ("value", "") and got["b"] == b
    assert sig.assumes.startswith("`b->data` must not point into `*b` or any other struct")


def test_owned_paths_name_members_through_records_held_and_pointed_at(tmp_path):
    c = ("#include <stdlib.h>\nstruct in { char *data; int n; };\n"
         "struct node { struct in in; struct node *next; struct in *child; char *tag; int *vals; };\n"
         "void fill(struct node *x) { x->in.data = malloc(4); x->tag = malloc(4); x->vals = malloc(4); }\n")
    (tmp_path / "m.c").write_text(c)
    cb = analyze_dir(tmp_path)
    paths = owned_paths("struct node *", cb, frozenset({"data", "tag"}))
    assert paths == ["->in.data", "->child->data", "->tag"]


@pytest.mark.slow
def test_owned_assumption_in_ffi_and_report_and_c_callers_agree(tmp_path):
    """The C test, compiled against the Rust, passes `&st` beside a line (both references now) and a
    pointer into the line's own buffer beside the line (kept raw); report.json states the assumption where
    a proof relies on it."""
    report = migrated_and_verified(DATA / "signatures" / "owned_pair", tmp_path / "out")
    crate = tmp_path / "out" / "src"
    assert "fn line_stats(st: &mut stats, l: &line)" in function_code(_modules(crate), "line_stats")
    fns = {f["name"]: f["safety"]["boundary"] for f in report["functions"]}
    assert fns["line_stats"]["precondition"].endswith(
        f"; `l->text` must not point into `*st`, `*l` or any other struct, {STATED}.")
    assert "`dst->text`, `src->text` must not point into" in fns["line_take"]["precondition"]
    assert "`l->text` must not point into `*l` or any" in fns["line_put"]["precondition"]
    assert "fn line_put(l: &line, p: *mut i8)" in function_code(_modules(crate), "line_put")
    assert all("must not point into" not in (fns[n] or {}).get("precondition", "")
               for n in ("line_new", "line_free"))
    assert json.dumps(fns["line_stats"]["proofs"]).count("owned-buffer") == 2


def _modules(crate: Path) -> str:
    """The Rust of the crate's C-file modules."""
    return "".join(p.read_text() for p in crate.glob("*.rs") if p.name not in ("ffi.rs", "shared.rs"))
