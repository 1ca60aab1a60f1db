"""The fast paths through libclang's bindings (backends/builtin/bindings.py) match the bindings' own and
patch nothing."""

from __future__ import annotations

import clang.cindex as ci
import pytest

from llmigrate.analyze.preproc import clang_args
from llmigrate.backends.builtin import bindings, cfront
from llmigrate.config import Config

SOURCE = """#include <stddef.h>
#include "local.h"
struct pair { int a; unsigned long b; };
typedef struct pair pair_t;
static size_t total(const pair_t *p, size_t n) {
    size_t s = 0;
    for (size_t i = 0; i < n; i++) s += (size_t)p[i].a + p[i].b + LOCAL;
    return s;
}
int main(void) { pair_t v[2] = {{1, 2}, {3, 4}}; return (int)total(v, 2); }
"""


@pytest.fixture(scope="module")
def tu(tmp_path_factory):
    root = tmp_path_factory.mktemp("bindings")
    (root / "local.h").write_text("#define LOCAL 7u\n")
    (root / "m.c").write_text(SOURCE)
    index = cfront._index()
    args = clang_args(Config(), root)
    return index.parse(str(root / "m.c"), args=args,
                       options=ci.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD)


def _all(c: ci.Cursor):
    yield c
    for k in ci.Cursor.get_children(c):
        yield from _all(k)


def test_children_are_the_bindings_children(tu):
    main = [c for c in bindings.children(tu.cursor)
            if c.location.file and c.location.file.name.endswith("m.c")]
    assert any(c.spelling == "total" for c in main)
    for c in (n for top in main for n in _all(top)):
        fast = bindings.children(c)
        slow = list(c.get_children())
        assert [bytes(k) for k in fast] == [bytes(k) for k in slow]
        assert all(k.translation_unit is tu for k in fast)


def test_the_bindings_are_left_unpatched(tu):
    # the fixture went through the translator's set-up (cfront._index) and bindings.children
    for cls in (ci.Cursor, ci.Type):
        assert isinstance(cls.__dict__["kind"], property)
    assert all(isinstance(ci.Cursor.__dict__[name], property) for name in ("type", "referenced", "spelling"))
    assert ci.Type.get_canonical.__module__ == "clang.cindex"
    checks = [getattr(getattr(ci.conf.lib, name), "errcheck", None) for name in dir(ci.conf.lib)]
    assert all(getattr(check, "__module__", "clang.cindex") == "clang.cindex" for check in checks)


def test_included_lists_what_get_includes_lists(tu):
    names = bindings.included(tu)
    assert names == [i.include.name for i in tu.get_includes()]
    assert any(n.endswith("local.h") for n in names) and any(n.endswith("stddef.h") for n in names)


def test_walk_is_the_pre_order_of_the_bindings(tu):
    """cfront.walk (a stack, not a recursive generator) meets the cursors in the bindings' own order."""
    total = next(c for c in bindings.children(tu.cursor) if c.spelling == "total" and c.is_definition())
    assert [bytes(c) for c in cfront.walk(total)] == [bytes(c) for c in _all(total)]
    cfront.forget()


def test_children_give_the_bindings_kinds(tu):
    """bindings.children's cursors answer `kind` from a table, as the bindings' property does, and an
    unknown kind raises the bindings' ValueError."""
    total = next(c for c in bindings.children(tu.cursor) if c.spelling == "total" and c.is_definition())
    for c in _all(total):
        for k in bindings.children(c):
            assert k.kind is ci.Cursor.kind.fget(k) and isinstance(k, ci.Cursor)
    with pytest.raises(ValueError):
        bindings._KINDS[10**6]


def test_children_types_give_the_bindings_kinds_and_canonical_types(tu):
    """A child's type answers `kind` from a table and asks libclang for its canonical type once: the same
    answers as the bindings' own Type."""
    total = next(c for c in bindings.children(tu.cursor) if c.spelling == "total" and c.is_definition())
    seen = 0
    for c in _all(total):
        for k in bindings.children(c):
            t, plain = k.type, ci.Cursor.type.fget(k)
            assert t.kind is ci.Type.kind.fget(plain) and t.spelling == plain.spelling
            canon = t.get_canonical()
            assert canon is t.get_canonical() and canon == ci.Type.get_canonical(plain) == canon
            assert t == plain and plain == t and not t != plain and (t == canon) == (plain == canon)
            assert canon.kind is ci.Type.kind.fget(ci.Type.get_canonical(plain))
            seen += t.kind == ci.TypeKind.TYPEDEF
    assert seen  # `pair_t`, `size_t`: a canonical type other than the type itself
