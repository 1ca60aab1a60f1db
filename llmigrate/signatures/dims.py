"""Array dimensions in declarator text: integer constant expressions (C11 6.6) over literals and object-like
macros, such as `[MAXN + 1]` or `[2 * LEN]`, evaluated as C evaluates them for non-negative operands."""

from __future__ import annotations

import ast
import re

from llmigrate.core import CFunction, Codebase

_LITERAL = re.compile(r"\b(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)[uUlL]*\b")
_IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
_SIZEOF = re.compile(r"\bsizeof\s*\(\s*([^()]*?)\s*\)")  # of a type or a name (no nested parentheses)
_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)  # a macro's body as analyze keeps it: `184  // symbols`
_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.LShift: lambda a, b: a << b, ast.RShift: lambda a, b: a >> b,
        ast.BitOr: lambda a, b: a | b, ast.BitAnd: lambda a, b: a & b, ast.BitXor: lambda a, b: a ^ b}


def _expand(text: str, codebase: Codebase | None, sizes: dict[str, str], depth: int = 0,
            outside: bool = False) -> str | None:
    """Object-like macros replaced by their bodies (parenthesised, as the preprocessor's result parses), each
    `sizeof(T)` by its symbol in `sizes` (one per operand text: `_sz0`); with `outside`, also the macros of a
    header outside SRC with the one definition every unit's compiler used (`Codebase.outside_macros`: a
    kernel shim's `#define CRC8_TABLE_SIZE 256`)."""
    if depth > 8:
        return None

    def sub(m: re.Match) -> str:
        if m.group(0) in sizes.values():
            return m.group(0)
        mac = codebase.macros.get(m.group(0)) if codebase is not None else None
        if mac is None and outside and codebase is not None:
            mac = codebase.outside_macros.get(m.group(0))
        if mac is None or mac.function_like:
            raise KeyError(m.group(0))
        inner = _expand(_COMMENT.sub(" ", mac.body).strip(), codebase, sizes, depth + 1, outside)
        if inner is None:
            raise KeyError(m.group(0))
        return f"({inner})"

    text = _SIZEOF.sub(lambda m: sizes.setdefault(" ".join(m.group(1).split()), f"_sz{len(sizes)}"), text)
    try:
        return _IDENT.sub(sub, text)
    except KeyError:
        return None


def _eval(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _eval(node.operand)
        return None if v is None else -v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left), _eval(node.right)
        if a is None or b is None or a < 0 or b < 0:  # C's / and % truncate; keep to the non-negative case
            return None
        if isinstance(node.op, (ast.Div, ast.FloorDiv, ast.Mod)):
            return None if b == 0 else (a // b if not isinstance(node.op, ast.Mod) else a % b)
        op = _OPS.get(type(node.op))
        return None if op is None or (isinstance(node.op, ast.LShift) and b > 64) else op(a, b)
    return None


def constant_dim(text: str, codebase: Codebase | None, outside: bool = False) -> int | None:
    """The value of an array dimension written as a constant expression, or None when it is not one
    (`outside`: it may name a macro of a header outside SRC, `_expand`)."""
    sizes: dict[str, str] = {}
    expanded = _expand(_COMMENT.sub(" ", text).strip(), codebase, sizes, outside=outside)
    if expanded is None:
        return None
    py = _LITERAL.sub(lambda m: str(int(m.group(1), 8 if m.group(1)[:1] == "0" and len(m.group(1)) > 1
                                        and m.group(1)[1] not in "xX" else 0)), expanded)
    py = py.replace("/", "//")
    if not re.fullmatch(r"([\d\s()+\-*/%<>|&^]|_sz\d+)*", py) or not py.strip():
        return None
    try:
        tree = ast.parse(py, mode="eval").body
        value = _eval(tree) if not sizes else _constant(_poly(tree))
    except (SyntaxError, ValueError, RecursionError):
        return None
    return value if value is not None and value > 0 else None


def value(text: str, codebase: Codebase | None) -> int | None:
    """A constant the C spells as `text` (an array size, a loop bound): SRC's macros first (mapper.array_dim),
    then those of a header outside SRC with one definition, the one the compiler used."""
    from llmigrate.signatures.mapper import array_dim

    return array_dim(text, codebase) or constant_dim(text, codebase, outside=True)


Poly = dict[tuple[str, ...], int]  # monomial (its `sizeof` symbols, sorted, repeated) -> coefficient


def _poly(node: ast.AST) -> Poly | None:
    """A dimension over `sizeof` operands as a polynomial in them with non-negative coefficients (`(S * N) /
    S` is N), divided only where each term's monomial and coefficient are multiples of the divisor's one
    term: what C computes for every positive size, as long as the products fit in a size_t (the sizes of
    objects that exist); else None. A shift, a mask or a remainder takes constants only."""
    if isinstance(node, ast.Name):
        return {(node.id,): 1}
    if not isinstance(node, ast.BinOp):
        value = _eval(node)
        return None if value is None or value < 0 else {(): value}
    a, b = _poly(node.left), _poly(node.right)
    if a is None or b is None:
        return None
    if isinstance(node.op, (ast.Add, ast.Sub)):
        sign = 1 if isinstance(node.op, ast.Add) else -1
        out = dict(a)
        for m, c in b.items():
            out[m] = out.get(m, 0) + sign * c
        return None if any(c < 0 for c in out.values()) else {m: c for m, c in out.items() if c}
    if isinstance(node.op, ast.Mult):
        out = {}
        for (ma, ca), (mb, cb) in ((x, y) for x in a.items() for y in b.items()):
            m = tuple(sorted(ma + mb))
            out[m] = out.get(m, 0) + ca * cb
        return out
    if isinstance(node.op, ast.FloorDiv) and len(b) == 1:
        return _divided(a, *next(iter(b.items())))
    ca, cb = _constant(a), _constant(b)
    if ca is None or cb is None:
        return None
    value = _eval(ast.BinOp(ast.Constant(ca), node.op, ast.Constant(cb)))
    return None if value is None else {(): value}


def _divided(a: Poly, by: tuple[str, ...], c: int) -> Poly | None:
    """`a` divided by the term `c * by` when it divides each of `a`'s terms exactly."""
    out = {}
    for m, k in a.items():
        rest = list(m)
        for s in by:
            if s not in rest:
                return None
            rest.remove(s)
        if c <= 0 or k % c:
            return None
        out[tuple(rest)] = k // c
    return out


def _constant(p: Poly | None) -> int | None:
    return None if p is None or any(p.keys() - {()}) else p.get((), 0)


def table_range(fn: CFunction, name: str, codebase: Codebase) -> tuple[int, int] | None:
    """The least and greatest element of the global `name` as `fn` sees it, when it is a constant table: an
    array of one dimension of const integers (writing one is undefined in C), defined in SRC with a
    brace list of integer literals each within the element type (the elements it leaves out are 0);
    else None. `inp[intrl_seq[i]]` then indexes below the table's greatest value."""
    from llmigrate.signatures.flowtypes import rust_int
    from llmigrate.signatures.mapper import array_dim, c_type_to_rust

    g = codebase.globals.get(f"{fn.file}:{name}") or codebase.globals.get(name)
    if g is None or g.is_extern or g.is_static and g.file != fn.file or \
            any(p.name == name for p in fn.params) or g.init is None or g.type.count("[") != 1:
        return None
    base, dim = g.type.split("[", 1)
    words = base.replace("*", " * ").split()
    typ = rust_int(c_type_to_rust(" ".join(w for w in words if w != "const"), codebase))
    size = array_dim(dim.rsplit("]", 1)[0], codebase) if dim.strip() != "]" else None
    values = _literals(g.init)
    if "const" not in words or "*" in words or typ is None or values is None or not values or \
            size is not None and len(values) > size or any(not typ.min <= v <= typ.max for v in values):
        return None
    if size is not None and len(values) < size:
        values.append(0)
    return min(values), max(values)


def _literals(init: str) -> list[int] | None:
    """The values of a brace list of integer literals (`{ 0, 137, 0x5a, }`), else None."""
    text = _COMMENT.sub(" ", init).strip()
    if not (text.startswith("{") and text.endswith("}")):
        return None
    items = [t.strip() for t in text[1:-1].split(",")]
    if items and not items[-1]:
        items.pop()  # a trailing comma
    values = []
    for item in items:
        m = re.fullmatch(r"(-?)\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)[uUlL]*", item)
        if m is None:
            return None
        digits = m.group(2)
        v = int(digits, 8 if digits[:1] == "0" and len(digits) > 1 and digits[1] not in "xX" else 0)
        values.append(-v if m.group(1) else v)
    return values
