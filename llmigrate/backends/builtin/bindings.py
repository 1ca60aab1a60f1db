"""Faster paths through libclang's Python bindings (18.1), with the same results as the bindings' own.

Profiling the builtin translator on the synthetic corpus showed most of its time inside cindex rather than in
the translator: a new ctypes thunk and a null-cursor comparison per `get_children()` call, an id check in
every `.kind`, and an argument scan in every Type-returning call. `install()` replaces those hot spots.
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


def children(c: ci.Cursor) -> list:
    """The children of a cursor, as `list(c.get_children())` gives them, about twice as fast."""
    out: list = []
    ci.conf.lib.clang_visitChildren(c, _VISITOR, out)
    tu = c._tu
    for k in out:
        k._tu = tu  # keeps the TU alive, and Type results find it (as get_children does)
    return out


class _OnObject:
    """A property as a plain instance attribute after its first read (a non-data descriptor: later reads
    are a dict lookup, not a Python call). Only for values fixed per object."""

    def __init__(self, name: str, fget):
        self.name, self.fget, self.__doc__ = name, fget, fget.__doc__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fget(obj)
        return value


# Cursor properties whose value cindex itself caches per object (`if not hasattr(self, "_type")`), so
# reading them once per object changes nothing.
_CACHED = ("type", "spelling", "referenced", "hash", "location", "extent", "semantic_parent", "result_type",
           "displayname")


def _fast_kinds() -> None:
    """Cursor.kind / Type.kind: a list index (the bindings' from_id re-checks the id each time), read once
    per object; and the bindings' cached Cursor properties as plain attributes."""
    for cls, enum in ((ci.Cursor, ci.CursorKind), (ci.Type, ci.TypeKind)):
        table = getattr(enum, "_kinds", None)
        if table is None or not isinstance(cls.__dict__.get("kind"), property):  # other bindings: theirs
            continue

        def kind(self, table=table, slow=cls.kind.fget):
            k = self._kind_id
            found = table[k] if 0 <= k < len(table) else None
            return found if found is not None else slow(self)  # unknown id: the bindings' own error

        cls.kind = _OnObject("kind", kind)
    for name in _CACHED:
        prop = ci.Cursor.__dict__.get(name)
        if isinstance(prop, property) and prop.fset is None:
            setattr(ci.Cursor, name, _OnObject(name, prop.fget))


def _memo_canonical() -> None:
    """Type.get_canonical() memoised on the Type object and, by the type's value, on its translation unit
    (the translator asks the canonical type of the same C type many times, through different objects)."""
    slow = ci.Type.get_canonical

    def get_canonical(self):
        found = self.__dict__.get("_llm_canonical")
        if found is None:
            tu = self.__dict__.get("_tu")
            memo = None if tu is None else tu.__dict__.setdefault("_llm_canonical", {})
            key = bytes(self)  # kind and clang's QualType: the same value is the same type of this unit
            found = memo.get(key) if memo is not None else None
            if found is None:
                found = slow(self)
                if memo is not None:
                    memo[key] = found
            self._llm_canonical = found
        return found

    ci.Type.get_canonical = get_canonical


def _fast_results() -> None:
    """Type- and Cursor-returning calls find their TU on the first argument instead of scanning every
    argument with hasattr (and ask libclang for the null cursor only when the kind says it may be one);
    anything else goes through the bindings' own from_result."""
    slow_type, slow_cursor = ci.Type.from_result, ci.Cursor.from_result
    null_kind = ci.conf.lib.clang_getNullCursor()._kind_id

    def type_result(res, fn, args):
        try:
            res._tu = args[0]._tu
        except (AttributeError, IndexError):
            return slow_type(res, fn, args)
        return res

    def cursor_result(res, fn, args):
        if res._kind_id == null_kind or not args or not hasattr(args[0], "_tu"):
            return slow_cursor(res, fn, args)
        res._tu = args[0]._tu
        return res

    for name in dir(ci.conf.lib):
        f = getattr(ci.conf.lib, name, None)
        check = getattr(f, "errcheck", None)
        if check is slow_type:
            f.errcheck = type_result
        elif check is slow_cursor:
            f.errcheck = cursor_result


_DONE: list[bool] = []


def install() -> None:
    """Install the fast paths once (loads libclang; call it where a missing library is reported)."""
    if _DONE or ci is None:
        return
    _DONE.append(True)
    _fast_kinds()
    _memo_canonical()
    _fast_results()


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
