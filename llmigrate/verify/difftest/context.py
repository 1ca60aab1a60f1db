"""What a function's surroundings mean for testing it: state it keeps, functions it can be handed, the
sizes its types' macros stand for."""

from __future__ import annotations

import ast
import operator
import re

from llmigrate.core import CFunction, Codebase
from llmigrate.rust_syntax import C_COMMENT
from llmigrate.signatures.mapper import c_type_to_rust

MAX_CANDIDATES = 255  # the choice travels in one byte of the input record (0 is NULL)
_STATIC_LOCAL = re.compile(r"\bstatic\b(?!\s+const\b)")


def _fn_type(fn: CFunction, codebase: Codebase) -> str:
    params = ", ".join(p.type for p in fn.params) or "void"
    return c_type_to_rust(f"{fn.return_type} (*)({params})", codebase)


def fnptr_candidates(t: str, codebase: Codebase) -> list[str]:
    """Exported functions of SRC a function-pointer parameter of type `t` can be given (same C ABI type)."""
    want = c_type_to_rust(t, codebase)
    found = sorted(fid for fid, fn in codebase.functions.items()
                   if not fn.is_static and not fn.is_variadic and _fn_type(fn, codebase) == want)
    return found[:MAX_CANDIDATES]


def stateful(fn: CFunction, codebase: Codebase) -> bool:
    """Whether the function or anything it calls uses a global or a static local that is not const."""
    return any(_STATIC_LOCAL.search(f.source[f.source.find("{") + 1:]) or _mutable(f, codebase)
               for f in _reached(fn, codebase))


def _reached(fn: CFunction, codebase: Codebase) -> list[CFunction]:
    """`fn` and every function of SRC it calls, transitively."""
    seen: dict[str, CFunction] = {}
    todo: list[CFunction | None] = [fn]
    while todo:
        f = todo.pop()
        if f is not None and f.id not in seen:
            seen[f.id] = f
            todo += [codebase.functions.get(c) for c in f.callees]
    return list(seen.values())


def _mutable(f: CFunction, codebase: Codebase) -> set[str]:
    """The globals `f` itself uses that are not const (or unknown)."""
    return {name for name in f.globals_used if not (g := codebase.globals.get(name)) or not g.is_const}


_SETUP_WORD = re.compile(r"(?:^|_|(?<=[a-z])(?=[A-Z]))(init|initiali[sz]e|setup)(?=$|_|[A-Z])", re.I)


def setups(fn: CFunction, codebase: Codebase, also: tuple[CFunction, ...] = ()) -> list[str]:
    """The library's initialisers `fn` (or the constructors in `also`) depend on: parameterless exported
    functions of its file named as set-up (`foo_init`, `setupFoo`) that write state it reads and that it does
    not call itself. A library that asserts it was initialised fails every input without them; each side
    runs its own before the function (in the fresh process a stateful function's input gets)."""
    reached = {f.id: f for g in (fn, *also) for f in _reached(g, codebase)}
    found = []
    for init in sorted(codebase.functions.values(), key=lambda f: f.start_line):
        if init.file != fn.file or init.is_static or init.id in reached or not _SETUP_WORD.search(init.name):
            continue
        if any(p.type.strip() != "void" for p in init.params) or init.is_variadic:
            continue
        theirs = {f.id: f for f in _reached(init, codebase)}
        if fn.id not in theirs and _globals(theirs.values(), codebase) & _globals(reached.values(), codebase):
            found.append(init.name)
    return found


def _globals(functions, codebase: Codebase) -> set[str]:
    return set().union(*(_mutable(f, codebase) for f in functions))


_SIZEOF = re.compile(r"\bsizeof\s*\(\s*([A-Za-z_][\w ]*?)\s*\)")
_sizes = {"u8": 1, "i8": 1, "bool": 1, "u16": 2, "i16": 2, "u32": 4, "i32": 4, "f32": 4, "u64": 8, "i64": 8,
          "f64": 8, "usize": 8, "isize": 8}  # sizeof of the scalar types (x86-64, as the harness runs)
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
        ast.LShift: operator.lshift, ast.RShift: operator.rshift}


def array_dim(text: str, codebase: Codebase) -> int | None:
    """The element count of `[text]`: a number, or object-like macros and + - * / << >> over numbers."""
    expr = text.strip()
    for _ in range(8):  # macros naming macros
        expr = _SIZEOF.sub(lambda s: _sizeof(s.group(1), codebase), expr)
        names = set(re.findall(r"[A-Za-z_]\w*", expr))
        if not names:
            break
        for name in names:
            m = codebase.macros.get(name)
            if m is None or m.function_like:
                return None
            # A macro's text as analysis keeps it may end in a comment (`#define N 184 // symbols`).
            expr = re.sub(rf"\b{name}\b", f"({C_COMMENT.sub(' ', m.body)})", expr)
    expr = re.sub(r"(\d+)[uUlL]+\b", r"\1", expr).replace("/", "//")
    try:
        return _eval(ast.parse(expr, mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError):
        return None


def unknown_dims(fn: CFunction, codebase: Codebase) -> bool:
    """Whether a parameter of `fn` is an array whose dimension names what analysis does not know (a macro of
    a header outside SRC, `u8 table[CRC_TABLE_SIZE]`)."""
    dims = [d for p in fn.params for d in re.findall(r"\[([^\]]*)\]", p.type) if d.strip()]
    return any(array_dim(d, codebase) is None for d in dims)


def _sizeof(c_type: str, codebase: Codebase) -> str:
    """`sizeof(uint32_t)` -> `4`; any other type stays as written (and the dimension unknown)."""
    size = _sizes.get(c_type_to_rust(c_type.strip(), codebase))
    return str(size) if size else f"sizeof({c_type})"


def _eval(node: ast.AST) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left), _eval(node.right))
    raise ValueError("not a constant integer expression")
