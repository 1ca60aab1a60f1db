"""Pointer parameters named in macros: the proofs read the body with SRC's macros expanded
(signatures.expand) when that expansion is known, and the pointer stays raw when it is not or when it
shows a use no rule takes."""

from __future__ import annotations

from helpers.paths import DATA

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.expand import expanded_source
from llmigrate.signatures.mapper import map_all, raw_reasons

MACROS = DATA / "signatures" / "macros"


def test_macros_expanded_prove_what_the_body_does():
    cb = analyze_dir(MACROS)
    s = map_all(cb)
    # NULL-tested, then read, through three macros; the body parses only once DECL_ACC is expanded
    assert [p.rust_type for p in s["get"].params] == ["Option<&r#box>"]
    assert [p.rust_type for p in s["zero"].params] == ["&mut r#box"]
    text = expanded_source(cb.functions["get"], cb)
    assert "if (!(b)) return -1" in text and "((b)->v)" in text and '(void) "" ' in text


def test_macros_that_hide_a_use_or_are_not_known_keep_the_pointer_raw():
    cb = analyze_dir(MACROS)
    # the expansion shows the pointer stored in a global: the rule that fails is named
    assert raw_reasons(cb.functions["keep"], cb) == {"b": "assigned or copied"}
    # `##` makes tokens the proofs cannot follow
    assert raw_reasons(cb.functions["member"], cb) == {"b": "a macro mentions it"}
    # two definitions, one in the `#ifdef ALT` branch the compiler skips: the other is the one it used
    assert "((b)->v * 2)" in expanded_source(cb.functions["twice"], cb)
    assert raw_reasons(cb.functions["twice"], cb) == {}


def test_a_macro_defined_in_two_files_expands_as_the_function_s_own_file_defines_it(tmp_path):
    (tmp_path / "a.c").write_text("struct s { int v; };\n#define SET(p) (p)->v = 1\n"
                                  "void a(struct s *p) { SET(p); }\n")
    (tmp_path / "b.c").write_text("struct s { int v; };\nstruct s *kept;\n#define SET(p) kept = (p)\n"
                                  "void b(struct s *p) { SET(p); }\n")
    cb = analyze_dir(tmp_path)
    assert [p.rust_type for p in map_all(cb)["a"].params] == ["&mut s"]
    assert raw_reasons(cb.functions["b"], cb) == {"p": "assigned or copied"}


def test_a_macro_defined_twice_is_read_in_each_definition_when_it_cannot_be_expanded(tmp_path):
    # Codebase.macros holds a.c's TOUCH, which does not name `p`; b.c's stores it in a global, and its `##`
    # keeps it from being expanded: the pointer must stay raw, not become a `&mut` C keeps a copy of
    (tmp_path / "a.c").write_text("#define TOUCH(x) (x)\nint a(int v) { return TOUCH(v); }\n")
    (tmp_path / "b.c").write_text("struct s { int v; };\nstruct s *kept;\n"
                                  "#define TOUCH(x) (kept = (p), x##0)\n"
                                  "int b(struct s *p) { p->v = 0; return TOUCH(1); }\n")
    cb = analyze_dir(tmp_path)
    assert raw_reasons(cb.functions["b"], cb) == {"p": "a macro mentions it"}
