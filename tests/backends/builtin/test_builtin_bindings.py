"""The fast paths through libclang's bindings (backends/builtin/bindings.py) match the bindings' own."""

from __future__ import annotations

import clang.cindex as ci
import pytest

from llmigrate.backends.builtin import bindings, cfront

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
    index = cfront._index()  # installs the fast paths
    inc = cfront.gcc_include_dir()
    args = ["-std=gnu11", f"-I{root}"] + ([f"-I{inc}"] if inc else [])
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


def test_kinds_types_and_canonical_types_match_libclang(tu):
    lib = ci.conf.lib
    seen = 0
    for c in _all(tu.cursor):
        if not (c.location.file and c.location.file.name.endswith("m.c")):
            continue
        assert c.kind is ci.CursorKind.from_id(lib.clang_getCursorKind(c))
        t = c.type
        assert t.kind is ci.TypeKind.from_id(t._kind_id)
        canon = lib.clang_getCanonicalType(t)
        assert t.get_canonical().spelling == canon.spelling
        assert t.get_canonical().kind is ci.TypeKind.from_id(canon._kind_id)
        seen += 1
    assert seen > 30


def test_null_cursor_results_stay_none(tu):
    ret = next(c for c in _all(tu.cursor) if c.kind == ci.CursorKind.RETURN_STMT)
    assert ret.referenced is None  # a statement refers to nothing: the bindings give None, so must we
    ref = next(c for c in _all(tu.cursor) if c.kind == ci.CursorKind.DECL_REF_EXPR and c.spelling == "total")
    assert ref.referenced.kind == ci.CursorKind.FUNCTION_DECL
    assert ref.referenced.translation_unit is tu


def test_included_lists_what_get_includes_lists(tu):
    names = bindings.included(tu)
    assert names == [i.include.name for i in tu.get_includes()]
    assert any(n.endswith("local.h") for n in names) and any(n.endswith("stddef.h") for n in names)
