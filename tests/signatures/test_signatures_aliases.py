"""A typed pointer parameter whose only use initialises a local of its own type (signatures/aliases.py, rule
local-alias): the local's uses prove it, and the builtin binds the local to its reference or slice; a copy
walked, stored, returned, address-taken, of another type, or used beside the parameter keeps it raw. (That
the Rust behaves as the C does: behaviour case memory/local_aliases.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "struct nd { int v; int w; struct nd *next; };\nstruct nd *kept;\n"
POSITIVE = {
    "get": ("int get(struct nd *n) { struct nd *q = n; return q->v + q->w; }", "&nd"),
    "set": ("void set(struct nd *n, int x) { struct nd *q = n; q->v = x; q->w = x + 1; }", "&mut nd"),
    "maybe": ("int maybe(struct nd *n) { struct nd *q = n; if (!q) return -1; q->w = 0; return q->v; }",
              "Option<&mut nd>"),
    "sum": ("long sum(const int *a, int n) { const int *q = a; long s = 0; for (int i = 0; i < n; i++) "
            "s += q[i]; return s; }", "&[i32]"),
    "fill": ("void fill(int *a, int n, int x) { int *q = a; for (int i = 0; i < n; i++) q[i] = x; }",
             "&mut [i32]"),
}
NEGATIVE = {
    "walk": ("int walk(struct nd *n) { struct nd *q = n; int s = 0; while (q) { s += q->v; q = q->next; } "
             "return s; }", "assigned or copied"),
    "store": ("void store(struct nd *n) { struct nd *q = n; kept = q; }", "assigned or copied"),
    "ret": ("struct nd *ret(struct nd *n) { struct nd *q = n; q->v++; return q; }", "returned"),
    "both": ("int both(struct nd *n) { struct nd *q = n; q->v = 1; return n->v; }", "assigned or copied"),
    "addr": ("int addr(struct nd *n) { struct nd *q = n; struct nd **pp = &q; return (*pp)->v; }",
             "address taken"),
    "widen": ("int widen(struct nd *n) { const struct nd *q = n; return q->v; }", "assigned or copied"),
    "inner": ("int inner(struct nd *n, int k) { if (k) { struct nd *q = n; return q->v; } return 0; }",
              "assigned or copied"),
    # the `gq` read before the local is declared is the global: no renaming may make it the parameter
    "before": ("int *gq;\nint before(int *p) { int r = *gq; int *gq = p; return r + *gq; }",
               "assigned or copied"),
    "walked": ("int walked(const char *s) { const char *q = s; int n = 0; while (*q) { q++; n++; } "
               "return n; }", "assigned or copied"),  # a walked string's offset is keyed by the parameter
}


def _mapped(tmp_path: Path, cases: dict[str, tuple[str, str]]):
    (tmp_path / "m.c").write_text(_HEAD + "\n".join(c for c, _ in cases.values()) + "\n")
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_a_local_standing_for_the_parameter_proves_it(tmp_path):
    _, sigs = _mapped(tmp_path, POSITIVE)
    for name, (_, rust) in POSITIVE.items():
        assert sigs[name].params[0].rust_type == rust and not sigs[name].unsafe, sigs[name].decl()
    assert sigs["set"].params[0].proof == "local-alias"  # the rule its SAFETY notes name
    assert "rule local-alias: the C's only use of it initialises a local" in ffi_entry(sigs["set"])
    assert sigs["get"].params[0].proof == "read-only"  # a rule of its own wins: nothing is written


@pytest.mark.parametrize("name", NEGATIVE)
def test_a_copy_walked_stored_returned_or_beside_the_parameter_keeps_it_raw(tmp_path, name):
    cb, sigs = _mapped(tmp_path, {name: NEGATIVE[name]})
    assert sigs[name].params[0].rust_type.startswith("*"), sigs[name].decl()
    assert raw_reasons(cb.functions[name], cb)[sigs[name].params[0].name] == NEGATIVE[name][1]


def test_the_builtin_binds_the_local_to_the_reference(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + "\n".join(c for c, _ in POSITIVE.values()) + "\n")
    assert "let q = n;\n    q.v = x;" in code["set"]
    assert "let mut q = n;" in code["maybe"] and "q.is_none()" in code["maybe"]
    assert "q[i as usize] = x;" in code["fill"]
    assert all("unsafe" not in code[f] for f in POSITIVE)
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
