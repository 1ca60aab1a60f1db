"""Whether a function's Rust must be an `unsafe fn` for what its body does (issue 15: a safe fn never wraps an
unchecked unsafe operation; safe code could otherwise call it with a struct whose member pointer dangles).

Besides raw pointers in its signature, a function is `unsafe fn` when its C body (read with tree-sitter, as
the borrow proofs read it) makes the Rust hold an operation that needs `unsafe` and that no proof covers:
- `*e` or `e->f` of anything but a proven reference parameter; `e[i]` of anything but a proven slice or
  `&CStr` parameter (signatures_cstr), a local array of constant size (or an array member of a local struct),
  C const data or a string literal (also spelled by a macro: the builtin indexes its bytes, checked);
- a mutable global but a scalar one (an atomic: atomics.py), a `static` local, a C library global (`errno`,
  `stdout`);
- a union member read (not a store or an address) but a plain union's (unions.py, rule plain-union-read);
  a call through a function pointer; a compound assignment whose target has side effects;
- a call of a C library function taking or returning a pointer, variadic or of unknown type (one taking and
  returning scalars only, SCALAR_EXTERNS or a prototype of SRC or of a header outside it, is fine: sqrt,
  abs, rand, exit; so is one signatures_cstr checks: printf of a literal format to stdout, strlen(&CStr));
- a reference or slice made for a callee's proven parameter from a pointer no rule proves;
- a macro whose expansion does any of that (SRC's, or a header's outside SRC: analyze.outside), and a call
  of a function of SRC whose Rust is an unsafe fn: no rule proves it sound, so unsafe spreads over the calls.
Every doubt (a body that does not parse, an unknown callee) keeps the function unsafe.
"""

from __future__ import annotations

import re
import threading

import networkx as nx
from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import copies, cstr, elements, interproc, members, unions, voidbytes, voids
from llmigrate.signatures.atomics import atomic_global, atomic_local, immutable_global
from llmigrate.signatures.defaults import typed as proofs_view
from llmigrate.signatures.expand import expanded_parsed, stringized
from llmigrate.signatures.hdrinline import callee_named
from llmigrate.signatures.kinds import array_typed, is_stream, nested_names
from llmigrate.signatures.libc import EXTERN_GLOBALS, SCALAR_EXTERNS
from llmigrate.signatures.libresults import KIND as LIBRARY_STRINGS
from llmigrate.signatures.libresults import counted
from llmigrate.signatures.proof import (
    _parser,
    is_field,
    node_text,
    op,
    parsed_body,
    per_codebase,
    unparen,
    walk,
)

_REFS = ("ref", "mut_ref", "opt_ref", "opt_mut", *cstr.CSTR)  # a `&CStr`'s reads are its bytes, checked
_STRINGS = tuple(f"param:{c}" for c in cstr.CSTR)  # indexed through `to_bytes_with_nul`: bounds-checked
_INDEXED = ("array", "const", "param:slice", "param:slice_mut", LIBRARY_STRINGS, *_STRINGS)
_SIZEOF = {"sizeof_expression", "alignof_expression"}
# [codebase (held so its id cannot be reused), fid -> why it is unsafe or None, fid -> raw interface]
_MEMO: list = [None, {}, {}]
_LOCK = threading.RLock()


def unchecked(fn: CFunction, codebase: Codebase) -> str | None:
    """Why `fn`'s Rust must be an `unsafe fn` for its body ("file:line: what"), or None when every unsafe
    operation it will hold is checked (its own raw pointer parameters aside: those the signature shows)."""
    with _LOCK:
        if _MEMO[0] is not codebase:
            _MEMO[:] = [codebase, {}, {}]
        if fn.id not in _MEMO[1]:
            _settle(fn.id, codebase)
        return _MEMO[1].get(fn.id)


def _settle(fid: str, codebase: Codebase) -> None:
    """Decide every component of the call graph `fid` reaches, callees first (no recursion: call chains
    may be long)."""
    memo, graph = _MEMO[1], _condensed(codebase)
    for comp in interproc.unsettled(graph, graph.graph["mapping"][fid], memo):
        members = sorted(graph.nodes[comp]["members"])
        own = {m: _own(codebase.functions[m], codebase) for m in members}
        bad = {m for m in members if own[m] or _raw(m, codebase)}
        for m in members:
            fn = codebase.functions[m]
            callee = next((c for c in fn.callees if c in codebase.functions and
                           (c in bad or memo.get(c) or (c not in members and _raw(c, codebase)))), None)
            memo[m] = own[m] or (_where(fn) + f"calls `{codebase.functions[callee].name}`, whose Rust is an "
                                 "unsafe fn" if callee is not None else None)
        if any(memo[m] for m in members):  # a cycle with one unsafe member: each calls it, through the others
            for m in members:
                memo[m] = memo[m] or _where(codebase.functions[m]) + "calls functions of its call cycle, " \
                    "whose Rust is an unsafe fn"


def _condensed(codebase: Codebase) -> nx.DiGraph:
    """The call graph's components (memoised per codebase)."""
    if "graph" not in _MEMO[2]:
        _MEMO[2]["graph"] = nx.condensation(interproc.call_graph(codebase))
    return _MEMO[2]["graph"]


def _raw(fid: str, codebase: Codebase) -> bool:
    """`fid`'s Rust takes a raw pointer (or it is variadic: its C stays, called by its C ABI)."""
    key = ("raw", fid)
    if key not in _MEMO[2]:
        from llmigrate.signatures.mapper import interface

        fn = codebase.functions[fid]
        _MEMO[2][key] = fn.is_variadic or interface(fn, codebase, {}).unsafe
    return _MEMO[2][key]


def _where(fn: CFunction) -> str:
    return f"{fn.file}:{fn.start_line}: "


def _own(fn: CFunction, codebase: Codebase) -> str | None:
    """Why `fn`'s own body needs unchecked unsafe code, or None."""
    if fn.indirect_calls:
        return _where(fn) + "calls through a function pointer"
    fn = proofs_view(fn, codebase)  # as the proofs read it: `void *` views, local aliases, NULL defaults
    body, lines = parsed_body(fn)
    if body is None:  # as written (`PREAMBLE(len)` without its `;`): with SRC's macros expanded
        body, lines = expanded_parsed(fn, codebase)
    if body is None:
        return _where(fn) + "has a body tree-sitter cannot parse, so what it does is unknown"
    proven = interproc.proven(fn, codebase)
    params = {p.name: "raw" if i not in proven else f"at:{proven[i].at}" if proven[i].at else proven[i].conv
              for i, p in enumerate(fn.params) if p.name}  # `at:k`: its element `p[k]` only (element-at)
    own = local_kinds(body, codebase) | dict.fromkeys(counted(body, set(params)), LIBRARY_STRINGS)
    scan = _Scan(fn, codebase, params, own, body)
    why = scan.body(body)
    return f"{fn.file}:{fn.start_line + lines + why[0].start_point[0]}: {why[1]}" if why else None


def local_kinds(body: Node, codebase: Codebase) -> dict[str, str]:
    """Name -> "array" (of constant size, not static), "const" (a static const scalar or array), "atomic" (a
    static scalar), "static" (any other static local) or "value", for every name the body declares."""
    from llmigrate.signatures.mapper import array_dim

    found: dict[str, str] = {}
    for d in walk(body):
        if d.type != "declaration":
            continue
        static = any(c.type == "storage_class_specifier" and node_text(c) == "static" for c in d.children)
        const = any(c.type == "type_qualifier" and node_text(c) == "const" for c in d.children)
        for n in walk(d):
            if n.type != "identifier" or n.parent is None or n.parent.type not in (
                    "init_declarator", "array_declarator", "pointer_declarator", "declaration") or \
                    not is_field(n, n.parent, "declarator") and n.parent.type != "declaration":
                continue
            p, name = n.parent, node_text(n)
            size = p.child_by_field_name("size") if p.type == "array_declarator" else None
            array = p.type == "array_declarator" and (size is None or
                                                       array_dim(node_text(size), codebase) is not None)
            pointer = any(a.type == "pointer_declarator" for a in _ancestors(n, d))
            kind = "array" if array else "value"
            if static:  # a scalar one is an atomic (atomics.py)
                kind = "const" if const and not pointer else atomic_local(d, n, codebase) or "static"
            found[name] = kind if name not in found else "value"  # declared twice: the stricter reading
    return found


def _ancestors(n: Node, top: Node):
    while n.parent is not None and n.id != top.id:
        n = n.parent
        yield n


@per_codebase
def _array_members(codebase: Codebase) -> set[str]:
    """Member names that are arrays in every struct declaring them (`s.arr[i]` indexes the struct itself)."""
    typed = [(f.name, array_typed(f.type, codebase)) for t in codebase.types.values() for f in t.fields]
    return {n for n, a in typed if a} - {n for n, a in typed if not a} - \
        nested_names(codebase)[1]


@per_codebase
def _globals_by_name(codebase: Codebase) -> dict[str, str]:
    """Global name -> its key, for names a macro's body uses (any file's)."""
    return {g.name: k for k, g in codebase.globals.items()}


class _Scan:
    """Walks a body (or a macro's) for the first operation that makes its Rust unsafe."""

    def __init__(self, fn: CFunction, codebase: Codebase, params: dict[str, str], locals_: dict[str, str],
                 body: Node | None = None):
        self.fn, self.codebase, self.params, self.locals = fn, codebase, params, locals_
        self.globals = {codebase.globals[k].name: k for k in fn.globals_used if k in codebase.globals}
        # a local named like a global the compiler says the body uses hides it only in its block (`if (k) {
        # struct s g; .. } g.a++;`): every use of the name is read as the global's, the stricter reading
        self.locals = {k: v for k, v in locals_.items() if k not in self.globals}
        self.macros_seen: set[str] = set()
        self.types = cstr.Types(codebase, {p.name: p.type for p in fn.params if p.name}, body, fn.file)

    def body(self, body: Node) -> tuple[Node, str] | None:
        from llmigrate.signatures.cursorslice import checked_reads
        skip, reads = -1, checked_reads(self.fn, body, self.codebase)
        for n in walk(body):
            if n.start_byte < skip:
                continue
            if n.type in _SIZEOF or n.id in reads:  # not evaluated; a byte cursor's read, bounds-checked
                skip = n.end_byte
                continue
            why = self._node(n)
            if why:
                return n, why
        return None

    def _node(self, n: Node) -> str | None:
        t = n.type
        if t == "pointer_expression" and op(n) == "*" or t == "field_expression" and op(n) == "->":
            if not self._proven_ref(n.child_by_field_name("argument")):
                return f"dereferences `{_short(n)}`, a pointer no rule proves valid"
        if t == "field_expression" and node_text(n.child_by_field_name("field")) in \
                unions.names(self.codebase) and not unions.unread(n, self.codebase) and \
                not unions.plain_read(n, self.codebase, self.types.names):
            return f"reads or writes the union member `{_short(n)}`"
        if t == "subscript_expression" and not self._indexable(n.child_by_field_name("argument")) and \
                not self._element_at(n):
            return f"indexes `{_short(n)}` through a pointer no rule proves valid"
        if t == "identifier":
            return self._name(n)
        if t == "call_expression":
            return self._call(n)
        if t in ("assignment_expression", "update_expression") and (t == "update_expression" or op(n) != "="):
            target = n.child_by_field_name("left" if t == "assignment_expression" else "argument")
            if target is not None and any(k.type in ("update_expression", "assignment_expression",
                                                     "call_expression") for k in walk(target)):
                return f"updates `{_short(target)}`, whose place has side effects, through a pointer"
        return None

    def _kind(self, name: str) -> str | None:
        """"param:<conv>" | a local kind | None for a name the function does not declare."""
        if name in self.locals:
            return self.locals[name]
        return f"param:{self.params[name]}" if name in self.params else None

    def _proven_ref(self, n: Node | None) -> bool:
        n = unparen(n)
        if n is not None and n.type == "update_expression":  # `*p++` of a slice (rule stepped-count) or of
            # a walked `&CStr` (rule c-string-cursor): an index advancing, bounds-checked
            n, kinds = unparen(n.child_by_field_name("argument")), ("param:slice", "param:slice_mut",
                                                                     "param:cstr")
        else:
            kinds = tuple(f"param:{c}" for c in _REFS)
        return n is not None and n.type == "identifier" and self._kind(node_text(n)) in kinds

    def _element_at(self, n: Node) -> bool:
        """`p[k]` is the one element a reference parameter stands for (rule element-at)."""
        b, i = unparen(n.child_by_field_name("argument")), unparen(n.child_by_field_name("index"))
        return i and b.type == i.type == "identifier" and self._kind(node_text(i)) == "param:raw" and \
            self._kind(node_text(b)) == f"param:at:{node_text(i)}"

    def _indexable(self, n: Node | None) -> bool:
        """`n[i]` is safe, bounds-checked indexing: a local array (or its array members), a proven slice, C
        const data, a sized array member of a proven reference's pointee (signatures_members)."""
        n = unparen(n)
        if n is None:
            return False
        if n.type in ("string_literal", "concatenated_string"):  # a byte string literal, indexed checked
            return True
        if n.type == "identifier":
            kind = self._kind(name := node_text(n))
            return kind in _INDEXED or \
                kind is None and (cstr.literal_macro(name, self.codebase) or name in self.globals and
                                  immutable_global(self.globals[name], self.codebase))
        if n.type == "field_expression" and op(n) == ".":
            field = node_text(n.child_by_field_name("field"))
            base = unparen(n.child_by_field_name("argument"))
            while base is not None and base.type == "field_expression" and op(base) == ".":
                base = unparen(base.child_by_field_name("argument"))
            if field in _array_members(self.codebase) and base is not None and \
                    base.type == "identifier" and self._kind(node_text(base)) in ("value", "array"):
                return True
        return n.type == "field_expression" and members.proven(n, self.fn, self.params, self.codebase)

    def _name(self, n: Node) -> str | None:
        p = n.parent
        if p is not None and p.type == "call_expression" and is_field(n, p, "function"):
            return None  # the call's own check
        if p is not None and p.type in ("init_declarator", "array_declarator", "pointer_declarator",
                                        "function_declarator") and is_field(n, p, "declarator"):
            return None
        name = node_text(n)
        kind = self._kind(name)
        if kind == "static":
            return f"uses the static local `{name}` (a `static mut`)"
        if kind is not None:
            return None
        key = self.globals.get(name)  # a scalar one is an atomic (atomics.py): safe to touch
        if key and not any(safe(key, self.codebase) for safe in (immutable_global, atomic_global)):
            return f"uses the mutable global `{name}` (a `static mut`)"
        if name in EXTERN_GLOBALS and not cstr.stream_argument(n):  # a stream: the call's own check
            return f"uses the C library's `{name}`"
        return self._macro(name)

    def _macro(self, name: str) -> str | None:
        """Why the expansion of the macro `name` makes the Rust unsafe, or None (or not a macro)."""
        m = self.codebase.macros.get(name) or self.codebase.outside_macros.get(name)
        if m is None or name in self.macros_seen:
            return None
        self.macros_seen.add(name)
        tree = _parser().parse(f"void __llmigrate_macro(void) {{\n{stringized(m)}\n;}}".encode())
        if tree.root_node.has_error:
            if re.search(r"->|\[|\b[A-Za-z_]\w*\s*\(", m.body) or re.search(r"(?<![\w)\]\s])\s*\*", m.body):
                return f"uses the macro `{name}`, whose expansion may dereference or call anything"
            return None
        inner = _Scan(self.fn, self.codebase, {}, dict.fromkeys(m.params or (), "value"))
        inner.globals = _globals_by_name(self.codebase)
        inner.macros_seen, inner.types = self.macros_seen, self.types
        why = inner.body(tree.root_node)
        return f"uses the macro `{name}`, which {why[1]}" if why else None

    def _call(self, n: Node) -> str | None:
        f = unparen(n.child_by_field_name("function"))
        if f is None or f.type != "identifier":
            return f"calls `{_short(f) if f is not None else '?'}` through a function pointer"
        name = node_text(f)
        if self._kind(name) is not None:
            return f"calls `{name}` through a function pointer"
        from llmigrate.signatures.mapper import SCALARS
        if name in self.codebase.types or name in SCALARS:  # `(u32)(x)` is a cast, not a call
            return None
        callee = callee_named(name, self.fn, self.codebase)  # SRC's, or a proven header helper
        if callee is not None:
            return self._arguments(n, callee)
        m = self.codebase.macros.get(name) or self.codebase.outside_macros.get(name)
        if m is not None and m.function_like:
            return self._macro(name)  # the call's arguments are scanned as the body's own expressions
        if name in SCALAR_EXTERNS or self._scalar_prototype(name):
            return None
        if cstr.is_checked(name) and cstr.checked_call(n, name, self._kind, self.types, self._handle):
            return None  # reads only literals, `&CStr` parameters and scalars (signatures_cstr)
        if name in copies.CHECKED and copies.checked(n, self.fn, self._kind, self.codebase):
            return None  # an assignment, a slice's `fill`, `copy_from_slice`, comparison
        if name in voidbytes.CALLS and voidbytes.checked(n, self._kind, self._counts()):
            return None  # memset/memcmp of byte-count slices: `fill`, a comparison of their bytes
        return f"calls `{name}`, a function outside SRC taking or returning a pointer (or of unknown type)"

    def _counts(self) -> dict[str, str]:  # parameter -> its count, for those rule byte-count proved
        ups = interproc.proven(self.fn, self.codebase)
        return {p.name: u.len_param for i, p in enumerate(self.fn.params)
                if (u := ups.get(i)) is not None and u.via == voidbytes.RULE and p.name not in self.locals}

    def _handle(self, n: Node) -> bool:
        """`n` is a stream parameter proven valid (rule opaque-handle: `Option<&mut FILE>`)."""
        name = node_text(n) if (n := unparen(n)) is not None and n.type == "identifier" else ""
        return self._kind(name) in ("param:opt_mut", "param:mut_ref") and is_stream(
            self.types.c_type(n) or "", self.codebase)  # the parameter's type where no local hides it

    def _scalar_prototype(self, name: str) -> bool:
        from llmigrate.signatures.mapper import SCALARS, c_type_to_rust

        proto = self.codebase.prototypes.get(name)
        if proto is None or proto.is_variadic:
            return False
        return all(c_type_to_rust(t, self.codebase) in SCALARS.values()  # not a struct holding pointers
                   for t in [proto.return_type, *(p.type for p in proto.params)])

    def _arguments(self, call: Node, callee: CFunction) -> str | None:
        """Why an argument for one of `callee`'s reference or slice parameters is made from an unproven
        pointer (the Rust makes the reference in an unchecked `unsafe` block), or None."""
        ups = interproc.proven(callee, self.codebase)
        args_node = call.child_by_field_name("arguments")
        args = [a for a in args_node.named_children if a.type != "comment"] if args_node is not None else []
        for i, up in ups.items():
            if i >= len(args):
                continue
            a, mutable = unparen(args[i]), up.conv in ("mut_ref", "opt_mut", "slice_mut")
            if up.conv in cstr.CSTR:  # a literal, a `&CStr` of its own (unwrapped) or NULL for an Option
                if cstr.string_arg(a, self._kind, True) or up.conv == "opt_cstr" and cstr.null_constant(a):
                    continue
                return f"passes `{_short(a)}` to `{callee.name}` as a C string made from a raw pointer"
            if up.conv in ("slice", "slice_mut"):
                if self._lent(args[i], mutable, whole=True):
                    continue
                return f"passes `{_short(a)}` to `{callee.name}` as a slice made from a raw pointer"
            if i in voids.views(callee, self.codebase):  # the caller's pointer is cast to the view's type
                return f"passes `{_short(a)}` to `{callee.name}` as a reference made from a cast pointer"
            if up.conv in ("opt_ref", "opt_mut") and re.sub(r"[\s()]", "", node_text(a)) in ("NULL", "0"):
                continue
            to = callee.params[i].type
            if members.local_address(a, args, i, self._kind) or \
                    members.lends(a, args, i, self._kind, mutable, (self.fn, to, self.codebase)):
                continue  # `&x` lent as `&mut x`, or as `&x` for a `const T *` (signatures_members)
            own = self._kind(node_text(a)) if a is not None and a.type == "identifier" else None
            if own in ("param:mut_ref", "param:opt_mut") or \
                    not mutable and own in ("param:ref", "param:opt_ref") or self._lent(args[i], mutable):
                continue
            return f"passes `{_short(a)}` to `{callee.name}` as a reference made from a raw pointer"
        return None

    def _lent(self, arg: Node, mutable: bool, whole: bool = False) -> bool:
        """`arg` lends an element of a proven slice (`&p[e]`, `p + e`), or (`whole`) passes it on."""
        kinds = ("slice_mut",) if mutable else ("slice", "slice_mut")
        names = {k for k, v in self.params.items() if v in kinds and k not in self.locals}
        return elements.from_slice(arg, names, whole)


def _short(n: Node | None) -> str:
    text = " ".join(node_text(n).split()) if n is not None else "?"
    return text if len(text) <= 60 else text[:57] + "..."
