"""Find what shared.rs must declare, across every translation unit of SRC, in a deterministic order.

Units come one at a time (items_stream.py): what a unit adds is turned into summaries before the next is
parsed, so no cursor, and so no unit, outlives its turn unless the end needs it (a header's static function,
a global whose initializer names another item). Whether a name is defined in SRC is known for the units
met so far; for the others it is answered from a hint (`Known`), and the end checks every such answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import clang.cindex as ci

from llmigrate.backends.builtin.bindings import included
from llmigrate.backends.builtin.items_externs import ExternFn, ExternVar, extern_function, extern_var
from llmigrate.backends.builtin.items_walk import top_level_in, uses
from llmigrate.signatures.mapper import module_name, rust_ident

CK, K = ci.CursorKind, ci.TypeKind
_TYPED = {CK.VAR_DECL, CK.PARM_DECL, CK.CSTYLE_CAST_EXPR}
# GCC's `__builtin_X` for these standard library functions means exactly X (GCC manual, "Other Builtins"):
# called through X's own C library symbol.
LIBC_BUILTINS = frozenset(
    "strlen strnlen strcmp strncmp strcasecmp strncasecmp strcpy strncpy strcat strncat strchr strrchr "
    "strstr strpbrk strspn strcspn strdup memcmp memchr malloc calloc realloc free abort exit isalnum "
    "isalpha isdigit isxdigit isspace isupper islower isprint ispunct iscntrl isgraph toupper tolower "
    "fabs fabsf sqrt sqrtf floor ceil".split())
_SUGAR = (K.ELABORATED, K.TYPEDEF)


class Known:
    """Names defined in SRC (`met`, name -> is_static for functions), learnt unit by unit. A name not met
    yet is answered from `hint` (what an earlier look says SRC defines), and the answer remembered, so that
    `settle` can tell whether every answer given matched what all the units define."""

    def __init__(self, hint: frozenset[str]):
        self.hint = hint
        self.met: dict[str, bool] = {}
        self.unsure: dict[str, bool] = {}

    def __contains__(self, name: object) -> bool:
        if name in self.met:
            return True
        answer = name in self.hint
        self.unsure.setdefault(str(name), answer)
        return answer

    def __setitem__(self, name: str, static: bool) -> None:
        self.met[name] = static

    def settle(self) -> bool:
        """Whether every hinted answer was right; from now on answers come from `met` alone."""
        self.hint = frozenset()
        return all(answer == (name in self.met) for name, answer in self.unsure.items())


@dataclass
class Collected:
    root: Path
    defined_functions: Known
    defined_vars: Known  # non-static variables
    # met in the current unit, in order; items_stream turns them into summaries at its end
    records: list[ci.Cursor] = field(default_factory=list)  # struct/union declarations to emit, in order
    typedefs: list[ci.Cursor] = field(default_factory=list)
    enums: list[ci.Cursor] = field(default_factory=list)
    fresh: dict[str, ci.Cursor] = field(default_factory=dict)  # global key -> definition
    globals: dict = field(default_factory=dict)  # key (name or "file:name") -> items_vars.GlobalFacts
    global_names: dict[str, str] = field(default_factory=dict)  # key -> Rust name
    extern_vars: dict[str, ExternVar] = field(default_factory=dict)  # used, declared, never defined in SRC
    extern_functions: dict[str, ExternFn] = field(default_factory=dict)  # from a declaration clang saw
    includes: dict[str, frozenset] = field(default_factory=dict)  # C file -> resolved paths it includes
    values_taken: set[str] = field(default_factory=set)
    failed_records: set[str] = field(default_factory=set)  # Rust names of records emitted opaque
    clashing_typedefs: set[str] = field(default_factory=set)  # typedef names taken by another struct's tag
    overaligned: dict[str, int] = field(default_factory=dict)  # global key -> declared alignment
    record_sites: dict[str, str] = field(default_factory=dict)  # Rust record name -> "file:line" emitted
    _seen_types: set[str] = field(default_factory=set)
    _types_done: set[tuple] = field(default_factory=set)
    _rel: dict[str, str | None] = field(default_factory=dict)

    def _relative(self, path: str) -> str | None:
        # Cached: resolving paths dominates otherwise (every top-level cursor of every unit asks).
        if path not in self._rel:
            p = Path(path).resolve()
            self._rel[path] = p.relative_to(self.root).as_posix() if p.is_relative_to(self.root) else None
        return self._rel[path]

    def rel(self, path: str) -> str:
        return self._relative(path) or path

    def in_src(self, path: str) -> bool:
        return self._relative(path) is not None

    def global_key(self, var: ci.Cursor) -> str:
        """Globals are keyed by name, file-statics by "file:name" (each file has its own)."""
        if var.linkage == ci.LinkageKind.INTERNAL:
            return f"{self.rel(var.location.file.name)}:{var.spelling}"
        return var.spelling


def _src_children(tu: ci.TranslationUnit, col: Collected) -> list[ci.Cursor]:
    files = [tu.spelling] + [name for name in included(tu) if col.in_src(name)]
    return top_level_in(tu, list(dict.fromkeys(files)))


def add_unit(tu: ci.TranslationUnit, col: Collected, analyzed: set[str] | None = None) -> None:
    """Collect one unit, after those of the files before it (sorted by name).

    `analyzed`: the files of the analysis; a non-static function defined elsewhere (a `.c` file another one
    #includes, left out of the analysis) is not translated, so it is declared like a library function and
    the kept C of its includer defines it."""
    col._types_done.clear()  # keyed by the unit: another unit may later live at the same address
    tops = _src_children(tu, col)
    for c in tops:
        static = c.linkage == ci.LinkageKind.INTERNAL
        if c.kind == CK.FUNCTION_DECL and c.is_definition() and (
                static or analyzed is None or col.rel(c.location.file.name) in analyzed):
            col.defined_functions[c.spelling] = static
    for c in tops:
        if c.kind == CK.VAR_DECL and _defines(c) and c.linkage == ci.LinkageKind.EXTERNAL:
            col.defined_vars[c.spelling] = False
    for c in tops:
        _top_level(c, col)


def _top_level(c: ci.Cursor, col: Collected) -> None:
    if c.kind in (CK.STRUCT_DECL, CK.UNION_DECL) and c.is_definition():
        _need_type(c.type, col)
    elif c.kind == CK.ENUM_DECL and c.is_definition() and _new(col, f"enum@{_loc(c)}"):
        col.enums.append(c)
    elif c.kind == CK.TYPEDEF_DECL:
        _need_type(c.type, col)
    elif c.kind == CK.VAR_DECL and _defines(c):
        c = c.get_definition() or c  # a tentative `int x;` yields to the definition with an initializer
        key = col.global_key(c)
        if key not in col.globals and key not in col.fresh:
            col.fresh[key] = c
            _need_type(c.type, col)
            _scan_uses(c, col)
    elif c.kind == CK.FUNCTION_DECL and c.is_definition():
        _need_type(c.type, col)
        _scan_uses(c, col)


def _defines(var: ci.Cursor) -> bool:
    """A file-scope definition, tentative ones (`static int n;`, no initializer) included."""
    return var.is_definition() or var.storage_class != ci.StorageClass.EXTERN


def _loc(c: ci.Cursor) -> str:
    return f"{c.location.file.name if c.location.file else ''}:{c.location.line}:{c.location.column}"


def _new(col: Collected, key: str) -> bool:
    if key in col._seen_types:
        return False
    col._seen_types.add(key)
    return True


def _scan_uses(c: ci.Cursor, col: Collected) -> None:
    """External functions and variables referenced, and types of locals, in a body or an initializer."""
    typed, refs = uses(c, _TYPED)
    for d in typed:
        _need_type(d.type, col)
    for ref in refs:
        if ref.kind == CK.FUNCTION_DECL and ref.spelling.startswith("__builtin_") \
                and ref.spelling.removeprefix("__builtin_") in LIBC_BUILTINS:
            add_extern_function(ref.spelling.removeprefix("__builtin_"), ref, col)
        elif ref.kind == CK.FUNCTION_DECL and ref.spelling not in col.defined_functions \
                and not ref.spelling.startswith("__builtin_"):
            if ref.spelling not in col.extern_functions:
                add_extern_function(ref.spelling, ref, col)
                _need_type(ref.type, col)
        elif ref.kind == CK.VAR_DECL and ref.semantic_parent.kind == CK.TRANSLATION_UNIT \
                and ref.linkage == ci.LinkageKind.EXTERNAL and ref.spelling not in col.defined_vars \
                and ref.spelling not in col.extern_vars:
            col.extern_vars[ref.spelling] = extern_var(ref, col.rel)
            _need_type(ref.type, col)
        elif ref.kind == CK.VAR_DECL and ref.semantic_parent.kind == CK.TRANSLATION_UNIT \
                and ref.linkage == ci.LinkageKind.INTERNAL:
            _header_static(ref.get_definition() or ref, col)


def add_extern_function(name: str, fn: ci.Cursor, col: Collected) -> None:
    """Declare `fn` under `name` unless a declaration of that name was met first."""
    if name not in col.extern_functions:
        col.extern_functions[name] = extern_function(fn, name, col.rel)


def _header_static(var: ci.Cursor, col: Collected) -> None:
    """A file-static global of a header outside SRC (a `static const` table of an include dir's header) that
    SRC uses: the crate gets its own copy, like the globals of SRC's headers (each includer has one)."""
    if var.location.file is None or col.in_src(var.location.file.name) or not _defines(var):
        return
    key = col.global_key(var)
    if key not in col.globals and key not in col.fresh:
        col.fresh[key] = var
        _need_type(var.type, col)
        _scan_uses(var, col)


def _need_type(t: ci.Type, col: Collected) -> None:
    """Record every struct/union/enum/typedef reachable from `t` (fields, pointees, elements, prototypes)."""
    key = (id(getattr(t, "_tu", None)), t.kind.value, t.spelling)  # in one unit a spelling names one type
    if key in col._types_done:
        return
    col._types_done.add(key)
    while True:
        if t.kind == K.ELABORATED:
            t = t.get_named_type()
        elif t.kind == K.TYPEDEF:
            decl = t.get_declaration()
            if _new(col, f"typedef@{_loc(decl)}"):
                col.typedefs.append(decl)
                _need_type(decl.underlying_typedef_type, col)
            return
        elif t.kind in (K.POINTER, K.CONSTANTARRAY, K.INCOMPLETEARRAY, K.VARIABLEARRAY):
            t = t.get_pointee() if t.kind == K.POINTER else t.element_type
        else:
            break
    if t.kind in (K.FUNCTIONPROTO, K.FUNCTIONNOPROTO):
        _need_type(t.get_result(), col)
        for a in t.argument_types() if t.kind == K.FUNCTIONPROTO else []:
            _need_type(a, col)
    elif t.kind == K.RECORD:
        decl = t.get_declaration()
        defn = decl.get_definition() or decl
        if _new(col, f"record@{_loc(defn)}"):
            for f in (defn.type.get_fields() if decl.get_definition() else []):
                _need_type(f.type, col)
            col.records.append(defn)
    elif t.kind == K.ENUM:
        decl = t.get_declaration()
        if _new(col, f"enum@{_loc(decl)}"):
            col.enums.append(decl)


def name_globals(col: Collected) -> None:
    """Globals keep their C name, unless several files have one of that name (file-statics): then every one
    of them is `<module>__<name>`, so that a body naming the bare C name fails to compile instead of reaching
    another file's variable."""
    count: dict[str, int] = {}
    for var in col.globals.values():
        count[var.spelling] = count.get(var.spelling, 0) + 1
    for key, var in col.globals.items():
        name = var.spelling
        if count[name] > 1:
            name = f"{module_name(col.rel(var.file))}__{name}"
        col.global_names[key] = rust_ident(name)
        col.values_taken.add(name)
    for name in col.extern_vars:
        col.global_names[name] = rust_ident(name)
        col.values_taken.add(name)
