"""A pointer parameter pointed at a local where the caller passed NULL (signatures/defaults.py, rule
null-default): `if (!p) p = &local;` at the top of the body, the local's only other mention its declaration;
an `Option` reference the builtin rebinds to `Some(&mut local)`. Another default (a global, a parameter, an
element), a local also used by name, the parameter stored, returned, reassigned, stepped, or a default in a
branch or loop keeps it raw. (That the Rust behaves as the C does: behaviour case memory/null_defaults.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.builtin_translate import translated_code

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.reintegrate.crate import ffi_entry
from llmigrate.signatures.mapper import map_all, raw_reasons
from llmigrate.signatures.net import names_in, unsound

_HEAD = "#include <stddef.h>\nstruct cf { int a; int b; };\ntypedef struct cf cf_t;\nint g;\nint *kept;\n"
POSITIVE = {
    "out": ("int out(int k, int *err) { int dummy; if (!err) err = &dummy; *err = k < 0; return k; }",
            "Option<&mut i32>"),
    "conf": ("int conf(const struct cf *c) { struct cf d = { 1, 2 }; if (c == NULL) { c = &d; } "
             "return c->a + c->b; }", "Option<&cf>"),
    "flip": ("void flip(int *p) { int d = 0; if (NULL == p) p = &d; *p = -*p; }", "Option<&mut i32>"),
    "pair": ("int pair(cf_t *c, long *n) { cf_t d = { 0, 0 }; long m = 5; if (!c) c = &d; if (!n) n = &m; "
             "c->a += 1; *n += c->a; return c->b; }", "Option<&mut cf_t>"),
    "viaq": ("int viaq(struct cf *c) { struct cf *q = c; struct cf d = { 1, 2 }; if (!q) q = &d; q->b += 1; "
             "return q->a; }", "Option<&mut cf>"),  # through the local standing for it (aliases.py)
}
NEGATIVE = {
    "both": "int both(int *p) { int d = 1; if (!p) p = &d; *p = 2; return d; }",
    "glob": "int glob(int *p) { if (!p) p = &g; return *p; }",
    "other": "int other(int *p, int *q) { if (!p) p = q; return *p; }",
    "stored": "void stored(int *p) { int d; if (!p) p = &d; *p = 0; kept = p; }",
    "again": "int again(int *p, int *q) { int d = 0; if (!p) p = &d; *p = 1; p = q; return *p; }",
    "orelse": "int orelse(int *p) { int d = 0; if (!p) p = &d; else *p = 1; return *p; }",
    "nested": "int nested(int *p, int k) { int d = 0; if (k) { if (!p) p = &d; } return *p; }",
    "elem": "int elem(int *p) { int d[2] = { 0 }; if (!p) p = &d[1]; return *p; }",
    "spelled": "int spelled(struct cf *c) { cf_t d = { 1, 2 }; if (!c) c = &d; return c->a; }",  # as written
    "widen": "int widen(int *p) { long d = 0; if (!p) p = (int *)&d; return *p; }",
    "constd": "int constd(int *p) { const int d = 3; if (!p) p = (int *)&d; return *p; }",
    "jumps": "int jumps(int *p, int k) { int d = 0; if (!p) p = &d; again: *p += 1; if (--k > 0) goto again; "
             "return *p; }",
    "stepped": "int stepped(int *p) { int d = 0; if (!p) p = &d; p++; return 0; }",
    "counted": "void counted(int *a, int n) { int d; if (!a) a = &d; for (int i = 0; i < n; i++) a[i] = 0; }",
    # a C string the builtin does not rebind: the rule admits `Option` references only
    "text": "size_t strlen(const char *);\nsize_t text(const char *s) { char d = 0; if (!s) s = &d; "
            "return strlen(s); }",
}
REASONS = {"stepped": "pointer arithmetic", "counted": "indexed outside a counted loop"}


def _mapped(tmp_path: Path, cases: dict[str, str]):
    (tmp_path / "m.c").write_text(_HEAD + "\n".join(cases.values()) + "\n")
    cb = analyze_dir(tmp_path)
    return cb, map_all(cb)


def test_a_null_default_to_a_local_proves_an_option_reference(tmp_path):
    _, sigs = _mapped(tmp_path, {k: c for k, (c, _) in POSITIVE.items()})
    for name, (_, rust) in POSITIVE.items():
        p = sigs[name].params[-1] if name == "out" else sigs[name].params[0]
        assert p.rust_type == rust and not sigs[name].unsafe, sigs[name].decl()
    assert sigs["pair"].params[1].rust_type == "Option<&mut i64>"  # two defaults, each its own local
    assert sigs["out"].params[1].proof == "null-default"  # the rule its SAFETY notes name
    assert "rule null-default: the C only dereferences it" in ffi_entry(sigs["out"])


@pytest.mark.parametrize("name", NEGATIVE)
def test_other_defaults_or_uses_keep_it_raw(tmp_path, name):
    cb, sigs = _mapped(tmp_path, {name: NEGATIVE[name]})
    assert sigs[name].params[0].rust_type.startswith("*"), sigs[name].decl()
    why = raw_reasons(cb.functions[name], cb)[sigs[name].params[0].name]
    assert why == REASONS.get(name, "assigned or copied")


def test_the_builtin_rebinds_the_parameter_to_the_local(tmp_path):
    code = translated_code(tmp_path, "m.c", _HEAD + "\n".join(c for c, _ in POSITIVE.values()) + "\n")
    assert "let mut err = err;" in code["out"] and "err = Some(&mut dummy);" in code["out"]
    assert "let mut c = c;" in code["conf"] and "c = Some(&d);" in code["conf"]
    assert "c = Some(&mut d);" in code["pair"] and "n = Some(&mut m);" in code["pair"]
    assert "let mut q = c;" in code["viaq"] and "q = Some(&mut d);" in code["viaq"]
    assert all("unsafe" not in code[f] for f in POSITIVE)
    texts = list(code.values())
    assert [u for t in texts for u in unsound(t, names_in(texts))] == []
