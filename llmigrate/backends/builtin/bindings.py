"""Faster paths through libclang's Python bindings, with the same results as the bindings' own.

Profiling the builtin translator showed most of its time inside cindex rather than in the translator: a new
ctypes thunk and a null-cursor comparison per `get_children()` call, and a line lookup per inclusion in
`get_includes()`. These helpers call the C API directly and patch nothing: other users of clang.cindex in
the process (analyze) see the bindings unchanged.
"""

from __future__ import annotations

try:
    import clang.cindex as ci
except ImportError:  # pragma: no cover - cfront reports the missing package
    ci = None


def _collect(child, parent, out: list) -> int:
    out.append(child)
    return 1  # CXChildVisit_Continue


# One thunk for every walk: Cursor.get_children builds a new one per call, and compares each child with the
# null cursor through libclang (which never visits a null cursor).
_VISITOR = ci.callbacks["cursor_visit"](_collect) if ci else None


class _Kinds(dict):
    """CursorKind by value; a value the bindings do not know raises as `CursorKind.from_id` does."""

    def __missing__(self, value: int):
        return ci.CursorKind.from_id(value)


_KINDS = _Kinds((k.value, k) for k in ci.CursorKind.get_all_kinds()) if ci else _Kinds()


class _Cursor(ci.Cursor if ci else object):
    """The bindings' cursor with `kind` one dictionary lookup: their property calls a classmethod that
    checks the table's length each time, and the translator asks a cursor's kind millions of times on the
    corpus. A subclass given to the children `children` lists, not a patch."""

    kind = property(lambda self: _KINDS[self._kind_id])

    @property
    def type(self) -> ci.Type:
        found = self.__dict__.get("_type")  # what the bindings' property keeps
        if found is None:
            found = ci.Cursor.type.fget(self)
            found.__class__ = _Type
        return found


class _TypeKinds(dict):
    def __missing__(self, value: int):
        return ci.TypeKind.from_id(value)


_TYPE_KINDS = _TypeKinds((k.value, k) for k in ci.TypeKind._kinds if k is not None) if ci else _TypeKinds()


class _Type(ci.Type if ci else object):
    """The type of a `_Cursor`: `kind` as the cursor's, and its canonical type asked of libclang once (the
    translator asks a type's canonical type again and again: each a foreign call and a new object)."""

    kind = property(lambda self: _TYPE_KINDS[self._kind_id])

    def __eq__(self, other) -> bool:  # the bindings' own compares exact classes: equal to its plain Type too
        return isinstance(other, ci.Type) and ci.conf.lib.clang_equalTypes(self, other)

    __hash__ = None  # as the bindings' Type: unhashable

    def get_canonical(self) -> ci.Type:
        found = self.__dict__.get("_llm_canonical")
        if found is None:
            found = self._llm_canonical = ci.Type.get_canonical(self)
            found.__class__ = _Type
        return found


def children(c: ci.Cursor) -> list:
    """The children of a cursor, as `list(c.get_children())` gives them, about twice as fast."""
    out: list = []
    ci.conf.lib.clang_visitChildren(c, _VISITOR, out)
    tu = c._tu
    for k in out:
        k.__class__ = _Cursor
        k._tu = tu  # keeps the TU alive, and Type results find it (as get_children does)
    return out


def _include_visit(fobj, _stack, depth, out: list) -> None:
    if depth > 0:
        out.append(ci.File(fobj).name)


_INCLUDE_VISITOR = ci.callbacks["translation_unit_includes"](_include_visit) if ci else None


def included(tu: ci.TranslationUnit) -> list[str]:
    """Names of the files `tu` includes, as `[i.include.name for i in tu.get_includes()]` but once per TU
    and without the bindings' per-inclusion line lookup (libclang then builds every header's line table)."""
    found = tu.__dict__.get("_llm_included")
    if found is None:
        found = []
        ci.conf.lib.clang_getInclusions(tu, _INCLUDE_VISITOR, found)
        tu._llm_included = found
    return found
