"""Whole-object copies through the C library: `memcpy(dst, src, sizeof *dst)`, `memcpy(&x, p, sizeof x)`,
`memset(p, 0, sizeof(T))`, `memset(buf, 0, sizeof buf)`, as statements, where each pointer operand is a
parameter, the address of a local or a local array of constant size (decayed: the whole array), each a
distinct object, and the size is exactly one object of the type they all point to. That is what a Rust
assignment of the pointee does (`*dst = *src`, `*p = zeroed`, `buf = [0; N]`): such a pass is a dereference
of the parameter (proof.py), the call a checked operation (soundness.py), and the builtin writes the
assignment (backends/builtin/copies.py). `T` is compared as written, qualifiers aside: a typedef and what it
names differ, which only leaves the pointer raw. `sizeof(T)` of a typedef name parses as the size of a
parenthesised identifier (tree-sitter does not know the name is a type): it is read as the type when the
codebase defines that typedef and the body declares no object of that name (C then reads it as the type)."""

from __future__ import annotations

from collections.abc import Callable, Collection

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures import counted, memberfills, scalarbytes, slicecopies
from llmigrate.signatures.kinds import record, resolve, split
from llmigrate.signatures.memo import per_codebase
from llmigrate.signatures.proof import node_text, occurrences, op, unparen, walk
from llmigrate.signatures.scopes import one_variable

COPIES = {"memcpy": 2, "memmove": 2, "memset": 1}  # the C library function -> its pointer operands
CHECKED = (*COPIES, slicecopies.COMPARES)  # the calls `checked` may find checked


def declared(fn: CFunction, body: Node) -> dict[str, str]:
    """Name -> the type of what it names: a pointer parameter's pointee (`T` of `T *p`, with depth marks
    `*` for deeper ones), a plain local's own type (locals declared twice, or of a name some occurrence of
    which is another variable's, are left out)."""
    found: dict[str, str] = {}
    for p in fn.params:
        base, depth, _ = split(p.type)
        if p.name and depth == 1 and "[" not in p.type and "(" not in p.type:
            found[p.name] = "*" + base
    seen: set[str] = set()
    for d in walk(body):
        t = d.child_by_field_name("type") if d.type == "declaration" else None
        if t is None:
            continue
        words = [w for w in node_text(t).split() if w not in ("const", "volatile")]
        for k in d.named_children:
            name = k.child_by_field_name("declarator") if k.type == "init_declarator" else k
            size = name.child_by_field_name("size") if name is not None and \
                name.type == "array_declarator" else None
            if size is not None:  # a local array of one dimension: `T [N]`, N as written
                name, words = name.child_by_field_name("declarator"), [*words, f"[{node_text(size)}]"]
            if name is None or name.type != "identifier":
                continue
            key = node_text(name)
            if key in seen or key in found or not one_variable(body, key, False):
                found.pop(key, None)  # also hiding a global somewhere: which object a use means is not read
            else:
                found[key] = " ".join(words)
            seen.add(key)
    return found


def operands(call: Node, types: dict[str, str], typedefs: Collection[str] = ()) -> list[Node] | None:
    """The pointer operands (a parameter's name or `&local`) of a whole-object copy `call`, or None;
    `typedefs`: the typedef names a `sizeof(name)` may mean (typedef_names)."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    if fn is None or fn.type != "identifier" or node_text(fn) not in COPIES or args is None or \
            call.parent is None or call.parent.type != "expression_statement":
        return None
    args_ = [a for a in args.named_children if a.type != "comment"]
    pointers = COPIES[node_text(fn)]
    if len(args_) != 3 or pointers == 1 and node_text(args_[1]).strip() != "0":
        return None
    objects = {_object(a, types) for a in args_[:pointers]}
    if len(objects) != 1 or None in objects or _size(args_[2], types, typedefs) != objects.pop():
        return None
    return args_[:pointers]


def _object(a: Node, types: dict[str, str]) -> str | None:
    """The type of the object a pointer operand points to: `p` (a pointer parameter) or `&x` (a local)."""
    a = unparen(a)
    if a.type == "identifier" and types.get(node_text(a), "").startswith("*"):
        return types[node_text(a)][1:]
    if a.type == "identifier" and types.get(node_text(a), "").endswith("]"):
        return types[node_text(a)]  # a local array, decayed: the whole array
    if a.type == "pointer_expression" and op(a) == "&":
        x = unparen(a.child_by_field_name("argument"))
        t = types.get(node_text(x), "*") if x.type == "identifier" else "*"
        return None if t.startswith("*") else t
    return None


def _size(s: Node, types: dict[str, str], typedefs: Collection[str] = ()) -> str | None:
    """The type whose size `sizeof(T)`, `sizeof *p`, `sizeof x` is (`sizeof(name)` of a typedef name the
    body declares nothing as, in `typedefs`: that type)."""
    s = unparen(s)
    if s.type != "sizeof_expression":
        return None
    t = s.child_by_field_name("type")
    if t is not None and not types.get(node_text(t).strip(), "*").startswith("*"):
        return types[node_text(t).strip()]  # `sizeof(x)` of a local parses as a type name
    if t is not None:
        return " ".join(w for w in node_text(t).split() if w not in ("const", "volatile"))
    v = unparen(s.child_by_field_name("value"))
    if v is not None and v.type == "pointer_expression" and op(v) == "*":
        inner = unparen(v.child_by_field_name("argument"))
        return _object(inner, types) if inner.type == "identifier" else None
    if v is not None and v.type == "identifier" and not types.get(node_text(v), "*").startswith("*"):
        return types[node_text(v)]
    if v is not None and v.type == "identifier" and node_text(v) in typedefs and _undeclared(v):
        return node_text(v)
    return None


def _undeclared(name: Node) -> bool:
    """No declaration of the function holding `name` declares its identifier (a local of a typedef's name
    would shadow the type inside sizeof)."""
    root = name
    while root.parent is not None:
        root = root.parent
    return occurrences(root, node_text(name)) is not None


@per_codebase
def typedef_names(codebase: Codebase) -> set[str]:
    """The names the codebase defines as typedefs and as no global or enumerator (another file's object
    of the name would be what its `sizeof(name)` measures)."""
    values = set(codebase.globals) | {e for t in codebase.types.values() for e, _ in t.enumerators}
    return {name for name, t in codebase.types.items() if t.kind == "typedef" and name not in values}


@per_codebase
def _defined_copies(codebase: Codebase) -> set[str]:
    """The copy functions SRC defines itself (then a call of one is no C library copy); once per codebase:
    asked per pointer parameter, a walk over every function made the proofs quadratic in the codebase."""
    return {f.name for f in codebase.functions.values() if f.name in COPIES}


def uses(fn: CFunction, body: Node, codebase: Codebase) -> dict[int, str]:
    """Node id of each parameter name passed to a whole-object copy -> "write" (the destination) or
    "read" (the source); none when SRC defines a function of that name (then it is no C library call)."""
    if _defined_copies(codebase):
        return {}
    types, typedefs = declared(fn, body), typedef_names(codebase)
    consts = {p.name for p in fn.params if split(p.type)[2]}  # a const pointee is never written (C warns)
    found: dict[int, str] = {}
    for call in (n for n in walk(body) if n.type == "call_expression"):  # the nodes that can be copies
        ops = operands(call, types, typedefs)
        roles = {unparen(a).id: ("write" if i == 0 else "read", unparen(a)) for i, a in enumerate(ops or [])
                 if unparen(a).type == "identifier"}
        if ops is None:  # the other operand any bytes: written ones must
            roles = {k: (what, a) for k, (what, a) in one_object(call, types, typedefs).items()  # take them
                     if what == "read" or takes_any_bits(types[node_text(a)][1:], codebase)}
        found.update({k: what for k, (what, a) in roles.items()
                      if what == "read" or node_text(a) not in consts})
    return found


# the C library function -> what it does to each pointer operand, when it is given exactly one object:
# memmove is left out (its operands may overlap, which a reference beside another pointer may not)
ONE_OBJECT = {"memcpy": ("write", "read"), "memset": ("write",), "memcmp": ("read", "read")}


def takes_any_bits(c_type: str, codebase: Codebase, depth: int = 0) -> bool:
    """Every bit pattern is a valid Rust value of the C type `c_type`: integers, floats, raw and function
    pointers, arrays and structs or unions of those; not `bool` (only 0 and 1), nor what is unknown. What a
    library call writes from another object's bytes lands there unchecked."""
    from llmigrate.signatures.mapper import c_type_to_rust

    if "[" in c_type:  # an array member: its elements'
        return depth < 8 and takes_any_bits(c_type.split("[")[0], codebase, depth + 1)
    base, ptrs, _ = split(c_type)
    if ptrs or "(" in c_type:
        return True
    name = resolve(base, codebase)
    t = record(name, codebase)
    if t is not None:
        return depth < 8 and all(takes_any_bits(f.type, codebase, depth + 1) for f in t.fields)
    rust = c_type_to_rust(name, codebase)
    return rust.lstrip("iuf").isdigit() or rust in ("isize", "usize") or rust.startswith("*")


def one_object(call: Node, types: dict[str, str],
               typedefs: Collection[str] = ()) -> dict[int, tuple[str, Node]]:
    """Node id of each pointer parameter named as an operand of `call`, a memcpy/memset as a statement or a
    memcmp, whose count is exactly one object of its pointee (`sizeof *p`, `sizeof(T)`): ("write" or
    "read", as a dereference of it does, the name's node); the other operand may be any pointer (the call
    stays the C library's, unchecked). Rule deref-on-every-call then proves it as it proves `*p = *q`."""
    fn, args = call.child_by_field_name("function"), call.child_by_field_name("arguments")
    does = ONE_OBJECT.get(node_text(fn)) if fn is not None and fn.type == "identifier" else None
    listed = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if does is None or len(listed) != 3 or node_text(fn) != "memcmp" and (
            call.parent is None or call.parent.type != "expression_statement"):
        return {}  # memcpy's and memset's result is their pointer: used, it would outlive the reference
    found: dict[int, tuple[str, Node]] = {}
    for a, what in zip(listed, does, strict=False):
        a = unparen(a)
        pointee = types.get(node_text(a), "") if a.type == "identifier" else ""
        if pointee.startswith("*") and not pointee.startswith("**") and \
                _size(listed[2], types, typedefs) == pointee[1:]:
            found[a.id] = (what, a)
    return found


def checked(call: Node, fn: CFunction, kind: Callable[[str], str | None], codebase: Codebase | None = None) \
        -> bool:
    """`call` is a whole-object copy between proven references (a writable one as destination) and
    locals' addresses (`kind` gives a name's "param:<conv>" or local kind): a Rust assignment; or, given
    the `codebase`, a memset of a slice the builtin makes a bounds-checked `fill` (signatures_counted), a
    memcpy/memmove between slices it makes a bounds-checked `copy_from_slice` (slicecopies.py), of a
    scalar's bytes to or from a byte slice (scalarbytes.py), or from a byte slice into a member's bytes
    (memberfills.py)."""
    if codebase is not None and (counted.fills(call, kind, fn, codebase) or
                                 slicecopies.copies(call, kind, fn, codebase) or
                                 scalarbytes.copies(call, kind, fn, codebase) or
                                 memberfills.checked(call, fn, kind, codebase)):
        return True
    root = call
    while root.parent is not None:
        root = root.parent
    ops = operands(call, declared(fn, root), typedef_names(codebase) if codebase is not None else ())
    for i, a in enumerate(ops or []):
        a = unparen(a)
        if a.type == "identifier":
            ok = kind(node_text(a)) in (("param:mut_ref", "param:opt_mut", "array") if i == 0 else
                                        ("param:ref", "param:opt_ref", "param:mut_ref", "param:opt_mut",
                                         "array"))
        else:
            x = unparen(a.child_by_field_name("argument"))
            ok = x.type == "identifier" and kind(node_text(x)) in ("value", "array")
        if not ok:
            return False
    return ops is not None and len({_base(a) for a in ops}) == len(ops)  # memcpy's objects may not overlap


def _base(a: Node) -> str:
    """The name a copy's operand (`p`, `&x`) points into."""
    a = unparen(a)
    return node_text(a if a.type == "identifier" else unparen(a.child_by_field_name("argument")))
