"""printf-family format strings and the C types of the arguments they consume (issue 15: a printf whose format
is a string literal and whose every conversion matches its argument's C type reads no memory but its `%s`
strings, so calling it is a checked operation).

Works on the tree-sitter parse, as the borrow proofs do: the types come from the declarations the function
shows (its parameters, its locals, the codebase's structs and functions); an argument whose type they do not
tell is unknown, and an unknown argument fails the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from llmigrate.core import Codebase
from llmigrate.signatures.named import enumerator_names
from llmigrate.signatures.proof import node_text, op, walk
from llmigrate.signatures.scopes import bindings, one_variable

# printf family: name -> (index of the format argument, index of the stream argument or None)
PRINTF = {"printf": (0, None), "fprintf": (1, 0), "sprintf": (1, None), "snprintf": (2, None)}
_CONV = re.compile(r"%(?P<flags>[-+ #0']*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?"
                   r"(?P<len>hh|h|ll|l|j|z|t|L)?(?P<conv>.)", re.S)
_INT, _LONG, _DOUBLE, _STRING, _POINTER = "int", "long", "double", "string", "pointer"
_RANK = {_INT: 0, _LONG: 1, _DOUBLE: 2}
_MATH = set("sqrt cbrt pow exp exp2 log log2 log10 sin cos tan asin acos atan atan2 sinh cosh tanh floor "
            "ceil round trunc fabs fmod fmin fmax hypot".split())


@dataclass(frozen=True)
class Conversion:
    """What one argument of a printf call must be: "int" | "long" | "double" | "string" | "pointer";
    `bounded`: a `%.Ns` string, read up to N bytes (no NUL needed)."""

    wants: str
    bounded: bool = False


def literal_text(n: Node | None) -> str | None:
    """The characters of a string literal (concatenations joined, simple escapes decoded), or None."""
    if n is None or n.type not in ("string_literal", "concatenated_string"):
        return None
    parts = [n] if n.type == "string_literal" else [k for k in n.named_children if k.type == "string_literal"]
    out = []
    for p in parts:
        for k in p.named_children:
            if k.type == "string_content":
                out.append(node_text(k))
            elif k.type == "escape_sequence":
                out.append(_ESCAPES.get(node_text(k), "?"))  # a `%` is never escaped: "?" stands for any char
    return "".join(out)


_ESCAPES = {"\\n": "\n", "\\t": "\t", "\\\\": "\\", "\\\"": "\"", "\\'": "'", "\\%": "%"}


def conversions(fmt: str) -> list[Conversion] | None:
    """The argument each conversion of `fmt` consumes, in order (glibc's `%m` none); None for a conversion no
    rule checks (`%n` writes, `%ls`, `%Lf`, an unknown one)."""
    found: list[Conversion] = []
    for m in _CONV.finditer(fmt):
        conv, length = m["conv"], m["len"] or ""
        if conv == "%":
            continue
        found += [Conversion(_INT)] * ((m["width"] == "*") + (m["prec"] == "*"))
        if conv in "diouxXc" and length in ("", "hh", "h"):
            found.append(Conversion(_INT))
        elif conv in "diouxX" and length in ("l", "ll", "j", "z", "t"):
            found.append(Conversion(_LONG))
        elif conv in "fFeEgGaA" and length in ("", "l"):
            found.append(Conversion(_DOUBLE))
        elif conv == "s" and not length:
            found.append(Conversion(_STRING, bounded=m["prec"] is not None))
        elif conv == "p" and not length:
            found.append(Conversion(_POINTER))
        elif conv == "m" and not length:
            continue  # glibc's strerror(errno): reads no argument
        else:
            return None
    return found


def printf_strings(call: Node) -> dict[int, bool] | None:
    """For a printf-family call with a literal format: argument index -> whether its `%s` reads it up to its
    NUL (False for `%.Ns`); None for another call."""
    args = call_args(call)
    fname = call.child_by_field_name("function")
    spec = PRINTF.get(node_text(fname)) if fname is not None and fname.type == "identifier" else None
    fmt = literal_text(args[spec[0]]) if spec is not None and spec[0] < len(args) else None
    convs = conversions(fmt) if fmt is not None else None
    if convs is None:
        return None
    return {spec[0] + 1 + i: not c.bounded for i, c in enumerate(convs) if c.wants == _STRING}


def call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


class Types:
    """The C type classes of expressions in one function: "int" (promoted to int), "long", "double",
    "string" (a literal), "pointer", or None when the declarations in sight do not tell."""

    def __init__(self, codebase: Codebase, params: dict[str, str], body: Node | None, file: str = ""):
        self.codebase, self.file = codebase, file  # file: of SRC, holding the body
        self.body, self.params = body, dict(params)
        # by declarator identifier id: what C's block scopes (scopes.py) resolve each use to
        self._decls = declarations(body) if body is not None else []
        self._locals = {n.id: t for n, t in self._decls}
        # by name, for the scans that look names up: only a name every occurrence of which is one variable
        self.names = {k: v for k, v in params.items() if body is None or one_variable(body, k, True)}
        self.names.update({k: v for k, v in declared(body).items()
                           if k not in params and one_variable(body, k, False)} if body is not None else {})

    def c_type(self, n: Node) -> str | None:
        """The C type text of the variable identifier `n` names where it stands: the innermost local in
        scope, else the parameter; None for a global or a name nothing declares."""
        where = bindings(self.body) if self.body is not None else {}
        if n.id not in where:  # not of this body (an expansion's): only a name of one meaning
            return self.names.get(node_text(n))
        decl = where[n.id]
        return self._locals.get(decl.id) if decl is not None else self.params.get(node_text(n))

    def is_variable(self, n: Node) -> bool:
        """Identifier `n` names a parameter or a local in scope where it stands (of no other body: a name the
        function declares anywhere)."""
        where = bindings(self.body) if self.body is not None else {}
        if n.id not in where:
            return node_text(n) in self.params or any(node_text(d) == node_text(n) for d, _ in self._decls)
        return where[n.id] is not None or node_text(n) in self.params

    def of_type(self, c_type: str) -> str | None:
        from llmigrate.signatures.mapper import c_type_to_rust

        rust = c_type_to_rust(c_type, self.codebase)
        if rust.startswith("*"):
            return _POINTER
        if rust in ("i8", "u8", "i16", "u16", "i32", "u32", "bool"):
            return _INT
        if rust in ("i64", "u64", "isize", "usize"):
            return _LONG
        return _DOUBLE if rust in ("f32", "f64") else None

    def of(self, n: Node | None) -> str | None:  # noqa: C901 - one case per expression kind
        if n is None:
            return None
        t = n.type
        if t == "parenthesized_expression":
            return self.of(n.named_children[0]) if n.named_children else None
        if t == "number_literal":
            return _number(node_text(n))
        if t == "char_literal":
            return _INT
        if t in ("true", "false"):
            return _INT
        if t in ("string_literal", "concatenated_string"):
            return _STRING
        if t == "identifier":
            return self._name(n)
        if t == "cast_expression":
            return self.of_type(node_text(n.child_by_field_name("type")))
        if t == "unary_expression":
            return _INT if op(n) == "!" else _numeric(self.of(n.child_by_field_name("argument")))
        if t == "binary_expression":
            if op(n) in ("==", "!=", "<", ">", "<=", ">=", "&&", "||"):
                return _INT
            left, right = self.of(n.child_by_field_name("left")), self.of(n.child_by_field_name("right"))
            if op(n) in ("<<", ">>"):
                return _numeric(left) if _numeric(right) is not None else None
            return _wider(left, right)
        if t == "conditional_expression":
            return _wider(self.of(n.child_by_field_name("consequence")),
                          self.of(n.child_by_field_name("alternative")))
        if t == "sizeof_expression":
            return _LONG
        if t == "call_expression":
            return self._call(n)
        if t == "subscript_expression":
            return self._element(n.child_by_field_name("argument"))
        if t == "field_expression":
            return self._field(n)
        return None

    def _name(self, n: Node) -> str | None:
        """A variable's class, or a macro's that is a number (`__LINE__`, `#define N 10`)."""
        name, c_type = node_text(n), self.c_type(n)
        if c_type is not None:
            return self.of_type(c_type)
        if self.is_variable(n):
            return None  # a variable of no type in sight
        if name in enumerator_names(self.codebase):
            return _INT  # an enumeration constant is an int (C11 6.4.4.3)
        m = self.codebase.macros.get(name)
        body = "1" if name == "__LINE__" else m.body.strip().strip("()") if m and not m.function_like else ""
        return _number(body) if re.fullmatch(r"-?(?:0[xX][0-9a-fA-F]+|[0-9][0-9.]*)[uUlLfF]*", body) else None

    def _call(self, n: Node) -> str | None:
        f = n.child_by_field_name("function")
        name = node_text(f) if f is not None and f.type == "identifier" else ""
        fns = [g for g in self.codebase.functions.values() if g.name == name]
        if len(fns) == 1:
            return self.of_type(fns[0].return_type)
        if name in _MATH or name.removesuffix("f") in _MATH:
            return _DOUBLE  # a float result is promoted to double through `...`
        return _LONG if name == "strlen" else None

    def element_type(self, base: Node | None) -> str | None:
        """The C type of `base[i]` (`*base`) for `base` a name declared a one-level array or pointer."""
        c_type = self.c_type(base) if base is not None and base.type == "identifier" else None
        if c_type is None or c_type.count("[") + c_type.count("*") != 1:
            return None
        return re.sub(r"\[[^\]]*\]|\*", " ", c_type)

    def _element(self, base: Node | None) -> str | None:
        """The class of `base[i]` for a declared array or pointer `base`."""
        element = self.element_type(base)
        return self.of_type(element) if element is not None else None

    def _field(self, n: Node) -> str | None:
        """The class of `x.f` / `x->f` for a declared struct (or pointer to one) `x`."""
        base, field = n.child_by_field_name("argument"), n.child_by_field_name("field")
        c_type = self.c_type(base) if base is not None and base.type == "identifier" else None
        if c_type is None or field is None:
            return None
        words = [w for w in c_type.replace("*", " ").split() if w != "const"]
        ct = self.codebase.types.get(" ".join(words))
        if ct is not None and ct.kind == "typedef" and ct.target:
            ct = self.codebase.types.get(" ".join(w for w in ct.target.split() if w != "const"))
        found = [f.type for f in ct.fields if f.name == node_text(field)] if ct is not None else []
        return self.of_type(found[0]) if len(found) == 1 and "[" not in found[0] else None


def declared(body: Node) -> dict[str, str]:
    """Name -> C type text of every variable `body` declares (a name declared twice is left out)."""
    found: dict[str, str] = {}
    twice: set[str] = set()
    for n, c_type in declarations(body):
        if node_text(n) in found:
            twice.add(node_text(n))
        found[node_text(n)] = c_type
    return {k: v for k, v in found.items() if k not in twice}


def declarations(body: Node) -> list[tuple[Node, str]]:
    """(declarator identifier, C type text) of every variable `body` declares, in document order."""
    found = []
    for d in walk(body):
        if d.type != "declaration":
            continue
        base = " ".join(node_text(k) for k in d.children if k.type in (
            "type_qualifier", "primitive_type", "sized_type_specifier", "type_identifier",
            "struct_specifier", "union_specifier", "enum_specifier"))
        for decl in d.children_by_field_name("declarator"):
            name, c_type = _declarator(decl, base)
            if name is not None:
                found.append((name, c_type))
    return found


def _declarator(n: Node, c_type: str) -> tuple[Node | None, str]:
    while n is not None:
        if n.type == "identifier":
            return n, c_type
        if n.type == "pointer_declarator":
            c_type += " *"
        elif n.type == "array_declarator":
            size = n.child_by_field_name("size")
            c_type += f" [{node_text(size) if size is not None else ''}]"
        elif n.type not in ("init_declarator", "parenthesized_declarator"):
            return None, c_type
        n = n.child_by_field_name("declarator") if n.type != "parenthesized_declarator" else \
            (n.named_children[0] if n.named_children else None)
    return None, c_type


def _number(text: str) -> str:
    low = text.lower()
    if not low.startswith("0x") and ("." in low or "e" in low):
        return _DOUBLE
    return _LONG if "l" in low.lstrip("0x") else _INT


def _numeric(c: str | None) -> str | None:
    return c if c in _RANK else None


def _wider(a: str | None, b: str | None) -> str | None:
    """The usual arithmetic conversions over two classes (None when either is no number)."""
    if a not in _RANK or b not in _RANK:
        return None
    return a if _RANK[a] >= _RANK[b] else b


def matches(wants: str, has: str | None) -> bool:
    """An argument of class `has` is what a conversion wanting `wants` reads."""
    return has == wants or wants == _POINTER and has in (_POINTER, _STRING)
