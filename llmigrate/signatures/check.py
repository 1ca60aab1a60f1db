"""A last check on mapped types: declarator shapes the text mapper does not model must not reach the crate as
malformed Rust, which would break every function's build, not just the one that uses the type."""

from __future__ import annotations

import re

_TOKEN = re.compile(r'Option<unsafe extern "C" fn\(|->|\*mut|\*const|[A-Za-z_][\w:]*|\d+|\S')
_CLOSE = {")": "(", "]": "[", ">": "<"}


def well_formed(rust: str) -> bool:
    """True when `rust` reads as a type the mapper makes (names, unit, raw pointers, arrays, fn pointers)."""
    if rust == "()":
        return True
    stack: list[str] = []
    prev_ident = False
    toks = _TOKEN.findall(rust)
    for i, tok in enumerate(toks):
        if tok == "]" and (i < 2 or not toks[i - 1].isdigit() or toks[i - 2] != ";"):
            return False  # an array type is `[T; N]` with a literal length
        ident = tok[0].isalpha() or tok[0] == "_"
        if ident and prev_ident:  # `long double`, `int _Complex`: two names in a row
            return False
        prev_ident = ident
        if tok.startswith("Option<"):
            stack += ["<", "("]
        elif tok in ("[", "<"):
            stack.append(tok)
        elif tok in _CLOSE:
            if not stack or stack.pop() != _CLOSE[tok]:
                return False
        elif tok == "(":  # only a fn pointer's parameter list opens a parenthesis
            return False
    return not stack


def safe_type(c_type: str, rust: str, void: str) -> str:
    """`rust`, or for a pointer whose declarator the mapper garbled (`int (*)[]`, `int [rows][cols]`, a
    pointer to a function returning a function pointer) an opaque `*mut void`: any object or function
    pointer has its ABI, and a body that needs the real type then fails to compile alone and is kept in C."""
    if well_formed(rust) or not ("*" in c_type or "[" in c_type):  # an array parameter is a pointer
        return rust
    return f"*mut {void}"


# C types with no Rust type of the same C ABI (x86-64 SysV): x87 extended and quad floats, complex numbers,
# half floats, SIMD vectors. A pointer to one is just a pointer; one passed or returned by value is not.
_NO_RUST = {"_Complex": "_Complex", "complex": "_Complex", "__complex__": "_Complex",
            "_Imaginary": "_Imaginary", "__float128": "__float128", "_Float128": "_Float128",
            "_Float64x": "_Float64x", "__float80": "__float80", "__ibm128": "__ibm128",
            "_Float16": "_Float16", "__fp16": "__fp16", "__bf16": "__bf16", "_Decimal32": "_Decimal32",
            "_Decimal64": "_Decimal64", "_Decimal128": "_Decimal128"}
_VECTOR = re.compile(r"^__m(64|128|256|512)[a-z]*$|^__v\d+[a-z]+\d*$")
_WORD = re.compile(r"[A-Za-z_]\w*")


def unexpressible(c_type: str, codebase, by_value: bool = True, depth: int = 0) -> str | None:
    """What in `c_type` Rust cannot express with the same C ABI ("long double", "struct s (member v: long
    double)"), following typedefs. The members of a struct count only when it is passed by value (not
    through a pointer, nor with by_value False); a caller decides what a pointer to such a type becomes."""
    if depth > 8:
        return None
    words = _WORD.findall(re.sub(r"__attribute__\s*\(\(.*?\)\)", lambda m: " vector_size " if "vector_size"
                                 in m.group(0) else " ", c_type))
    for i, w in enumerate(words):
        if i and words[i - 1] in ("struct", "union", "enum"):
            continue  # a tag's own name (`struct complex`)
        if w == "double" and "long" in words[:i]:
            return "long double"
        if w == "complex" and not {"float", "double"} & set(words):
            continue  # <complex.h>'s macro only next to a floating type, else a name of the program's
        if w in _NO_RUST or w == "vector_size" or _VECTOR.match(w):
            return _NO_RUST.get(w, "a vector type" if w == "vector_size" else w)
    pointer = "*" in c_type or "(" in c_type
    types = getattr(codebase, "types", None) or {}
    tag = next((w for w in words if w in ("struct", "union")), None)
    name = words[words.index(tag) + 1] if tag and words.index(tag) + 1 < len(words) else None
    if tag and name:
        if by_value and not pointer:
            return _members(f"{tag} {name}", codebase, depth)
        return None
    for w in words:
        ct = types.get(w)
        if ct is not None and ct.kind == "typedef" and ct.target:
            what = unexpressible(ct.target, codebase, by_value and not pointer, depth + 1)
            if what is None and by_value and not pointer and ct.fields:  # typedef struct { ... } name;
                what = _members(w, codebase, depth)
            if what:
                return what
    return None


def _members(name: str, codebase, depth: int) -> str | None:
    ct = (getattr(codebase, "types", None) or {}).get(name)
    for f in ct.fields if ct is not None else []:
        if "*" in f.type or "(" in f.type or pointer_like(f.type.split("[")[0], codebase):
            # a pointer member (or a typedef of one) is a pointer; a member array is stored inline
            continue
        what = unexpressible(f.type.replace("[", " ").replace("]", " "), codebase, True, depth + 1)
        if what:
            return f"{name} (member {f.name}: {what})" if f.name else f"{name} ({what})"
    return None


def pointer_like(c_type: str, codebase, depth: int = 0) -> bool:
    """True for a pointer, array parameter or function pointer, also through typedefs (`typedef double
    (*ldfn)(long double)`)."""
    if "*" in c_type or "[" in c_type or "(" in c_type:
        return True
    types = getattr(codebase, "types", None) or {}
    for w in _WORD.findall(c_type):
        ct = types.get(w)
        if depth < 8 and ct is not None and ct.kind == "typedef" and ct.target:
            return pointer_like(ct.target, codebase, depth + 1)
    return False
