"""A name a check reads as a variable is the variable C's block scopes make it there (signatures/scopes.py): a
local of an inner block hides a parameter, a global or an outer local only in that block, so a printf or
ctype check never takes one variable's type for another's (issue 15). Negative cases stay unsafe fns; the
positive ones read the inner local where it is in scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import DATA
from helpers.runs import safe_and_equivalent

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.signatures.cformat import Types
from llmigrate.signatures.mapper import map_all
from llmigrate.signatures.proof import parse_c
from llmigrate.signatures.scopes import bindings, one_variable
from llmigrate.signatures.treewalk import identifiers, node_text, walk

_HEAD = "#include <stdio.h>\n#include <string.h>\n#include <ctype.h>\n"


def _f(tmp_path: Path, c: str):
    (tmp_path / "m.c").write_text(_HEAD + c)
    return next(s for s in map_all(analyze_dir(tmp_path)).values() if s.c_name == "f")


@pytest.mark.parametrize("c", [
    # %d of the long parameter, an inner int local of its name out of scope (after it, before it)
    'void f(long x, int k) { if (k) { int x = 1; (void)x; } printf("%d\\n", x); }',
    'void f(long x, int k) { printf("%d\\n", x); if (k) { int x = 1; (void)x; } }',
    # %d of the long global, an inner int local of its name out of scope
    'long g;\nvoid f(int k) { if (k) { int g = 1; (void)g; } printf("%d\\n", g); }',
    # %d of a member of the parameter, an inner local of its name of another struct
    'struct P { long a; };\nstruct Q { int a; };\n'
    'void f(struct P p, int k) { if (k) { struct Q q = {1}; struct Q p = q; (void)p; } '
    'printf("%d\\n", p.a); }',
    # %d of an element of the outer long array, an inner int array of its name
    'void f(int k) { long t[2] = {1, 2}; if (k) { int t[2] = {3, 4}; (void)t; } printf("%d\\n", t[0]); }',
    # %s of the parameter C string, an inner raw `char *` of its name passed inside its block
    'void f(const char *s, int k) { printf("%s\\n", s); '
    'if (k) { char *s = (char *)0 + k; printf("%s\\n", s); } }',
    # a ctype test of the int parameter, a char local of its name in a block of its own
    'int f(int c, int k) { if (k) { char c = 1; (void)c; } return isdigit(c) != 0; }',
])
def test_a_shadowed_name_is_not_read_as_the_other_variable(tmp_path, c):
    sig = _f(tmp_path, c)
    assert sig.unsafe, (c, sig.decl())


@pytest.mark.parametrize("c", [
    'void f(int x, int k) { if (k) { int x = 3; printf("%d\\n", x); } printf("%d\\n", x); }',
    # declared twice, each use in its own block's scope
    'void f(int k) { { long x = 1; (void)x; } { int x = k; printf("%d\\n", x); } }',
    'void f(long x) { { int x = 2; printf("%d\\n", x); } printf("%ld\\n", x); }',
])
def test_each_use_reads_the_variable_in_scope(tmp_path, c):
    sig = _f(tmp_path, c)
    assert not sig.unsafe and sig.unchecked is None, (c, sig.decl(), sig.unchecked)


def _body(c: str):
    fn = next(n for n in walk(parse_c(c.encode())) if n.type == "function_definition")
    return fn.child_by_field_name("body")


def test_bindings_follow_blocks_for_loops_and_prototypes():
    body = _body("int f(int x) { int y = x; for (int x = 0; x < 2; x++) y += x; "
                 "{ int g(int x); int x = x + y; y = g(x); } return x + y; }")
    where = bindings(body)
    xs = identifiers(body)["x"]
    decl = [where[n.id].start_point[1] if where[n.id] is not None else None for n in xs]
    # `int y = x` reads the parameter; the loop's three read its own; the prototype's is its own; `int x =
    # x + y` reads the new x (C11 6.2.1p7); `g(x)` the block's; `return x` the parameter again
    loop, proto, block = xs[1].start_point[1], xs[5].start_point[1], xs[6].start_point[1]
    assert decl == [None, loop, loop, loop, loop, proto, block, block, block, None]
    assert not one_variable(body, "x", True) and one_variable(body, "y", False)


def test_types_reads_each_use_by_its_scope(tmp_path):
    (tmp_path / "m.c").write_text("int f(void) { return 0; }\n")
    body = _body("void f(long x) { { int x = 1; g(x); } g(x); }")
    types = Types(analyze_dir(tmp_path), {"x": "long"}, body)
    uses = [n for n in identifiers(body)["x"] if n.parent.type == "argument_list"]
    assert [types.of(n) for n in uses] == ["int", "long"]
    assert "x" not in types.names  # by name, it is two variables
    assert node_text(uses[0]) == "x"


def test_a_header_constant_is_no_variable_in_scope(tmp_path):
    (tmp_path / "m.c").write_text("int f(void) { return 0; }\n")
    body = _body("void f(double c) { { int MODE = 1; g(MODE); } g(MODE); { int c = 2; g(c); } g(c); }")
    types = Types(analyze_dir(tmp_path), {"c": "double"}, body)
    args = [n for n in walk(body) if n.type == "identifier" and n.parent.type == "argument_list"]
    assert [types.is_variable(n) for n in args] == [True, False, True, True]
    assert [types.of(n) for n in args] == ["int", None, "int", "double"]


@pytest.mark.slow
def test_scoped_reads_make_safe_functions_that_behave_as_the_c(tmp_path):
    _, module = safe_and_equivalent(DATA / "signatures" / "shadowed", tmp_path / "out", "scoped",
                                    ("inner_print", "both", "outer_char"))
    assert "crate::shared::printf(" in module and "crate::shared::isalpha(" in module
