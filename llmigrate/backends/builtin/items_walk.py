"""Fast cursor traversals for the shared-items scan, straight on libclang's visitor.

The Python bindings build a list and a Cursor object per child at every level; scanning every body of a
3000-function corpus that way took seconds. Here one `clang_visitChildren` call walks a whole subtree, and the
callback keeps only cursors of the kinds asked for (kind and file are compared as integers in C terms).
"""

from __future__ import annotations

import ctypes
import functools

import clang.cindex as ci

_VISIT = ctypes.CFUNCTYPE(ctypes.c_int, ci.Cursor, ci.Cursor, ctypes.py_object)
_CONTINUE, _RECURSE = 1, 2
_LINKED = (2, 4)  # CXLinkage_Internal, CXLinkage_External: file-scope variables (locals have none)


@functools.cache
def _lib() -> ctypes.CDLL:
    ci.conf.lib  # noqa: B018 - loads libclang (and reports a failure) first
    lib = ctypes.CDLL(ci.conf.get_filename())  # own handle: these argtypes do not leak into cindex
    lib.clang_visitChildren.argtypes = [ci.Cursor, _VISIT, ctypes.py_object]
    lib.clang_visitChildren.restype = ctypes.c_uint
    lib.clang_getCursorKind.argtypes, lib.clang_getCursorKind.restype = [ci.Cursor], ctypes.c_int
    lib.clang_getCursorReferenced.argtypes, lib.clang_getCursorReferenced.restype = [ci.Cursor], ci.Cursor
    lib.clang_getCursorLinkage.argtypes, lib.clang_getCursorLinkage.restype = [ci.Cursor], ctypes.c_int
    lib.clang_hashCursor.argtypes, lib.clang_hashCursor.restype = [ci.Cursor], ctypes.c_uint
    lib.clang_getCursorLocation.argtypes, lib.clang_getCursorLocation.restype = [ci.Cursor], ci.SourceLocation
    lib.clang_getInstantiationLocation.argtypes = [ci.SourceLocation, ctypes.POINTER(ctypes.c_void_p),
                                                   ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    lib.clang_getInstantiationLocation.restype = None
    lib.clang_getFile.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.clang_getFile.restype = ctypes.c_void_p
    return lib


def _copy(c: ci.Cursor, tu: ci.TranslationUnit) -> ci.Cursor:
    out = ci.Cursor.from_buffer_copy(c)
    out._tu = tu  # cindex methods (referenced, tokens) find the unit through it
    return out


def top_level_in(tu: ci.TranslationUnit, paths: list[str]) -> list[ci.Cursor]:
    """Top-level declarations of `tu` located (by expansion location) in one of `paths`, memoised per unit
    and list of paths (the function lookup and the shared items ask for the same ones)."""
    memo = tu.__dict__.setdefault("_llm_top_level", {})
    if tuple(paths) in memo:
        return memo[tuple(paths)]
    lib = _lib()
    handles = {h for h in (lib.clang_getFile(tu.obj, p.encode()) for p in paths) if h}
    out: list[ci.Cursor] = []
    f = ctypes.c_void_p()

    def visit(c, _parent, _data):
        lib.clang_getInstantiationLocation(lib.clang_getCursorLocation(c), ctypes.byref(f), None, None, None)
        if f.value in handles:
            out.append(_copy(c, tu))
        return _CONTINUE

    lib.clang_visitChildren(tu.cursor, _VISIT(visit), None)
    memo[tuple(paths)] = out
    return out


def uses(cursor: ci.Cursor, typed: set[ci.CursorKind]) -> tuple[list[ci.Cursor], list[ci.Cursor]]:
    """Below `cursor`: the cursors of the `typed` kinds, and the distinct functions and file-scope (external
    or internal linkage) variables that DECL_REF_EXPRs name (their declarations), each in preorder."""
    lib = _lib()
    wanted = {k.value for k in typed}
    decl_ref, fn, var = ci.CursorKind.DECL_REF_EXPR.value, ci.CursorKind.FUNCTION_DECL.value, \
        ci.CursorKind.VAR_DECL.value
    found: list[ci.Cursor] = []
    refs: list[ci.Cursor] = []
    seen: set[int] = set()
    tu = cursor._tu

    def visit(c, _parent, _data):
        kind = c._kind_id  # CXCursor's kind field, what clang_getCursorKind returns, without a foreign call
        if kind == decl_ref:
            r = lib.clang_getCursorReferenced(c)
            rk = r._kind_id
            if rk == fn or rk == var and lib.clang_getCursorLinkage(r) in _LINKED:
                h = lib.clang_hashCursor(r)
                if h not in seen:
                    seen.add(h)
                    refs.append(_copy(r, tu))
        elif kind in wanted:
            found.append(_copy(c, tu))
        return _RECURSE

    lib.clang_visitChildren(cursor, _VISIT(visit), None)
    return found, refs
