"""The C half of a variadic function whose body is Rust: a shim with the C signature in the kept C.

Rust (stable) cannot define a function taking `...`. The shim replaces the definition in its csrc unit:
`va_start` on its own `va_list`, a call of the Rust body (`RustSignature.decl`, exported as
`RustSignature.va_symbol`) with the fixed arguments and that list's address, `va_end`, and the body's result
returned. The Rust reads the arguments through `VA_C`'s helpers (builtin `varargs.py`), so C reads them as
the original did. A static function keeps its name and gets an alias for the Rust extern declaration that
callers use, as a kept one does.
"""

from __future__ import annotations

import re

from llmigrate.core import CFunction, RustSignature

VA_C = "csrc/llmigrate_va.c"  # the va_list helpers (templates/llmigrate_va.c)
_ELLIPSIS = re.compile(r",\s*\.\.\.\s*\)(?=[^)]*$)")
_STORAGE = re.compile(r"\b(static|inline|__inline|__inline__|__always_inline|extern)\b\s*")


def shim(fn: CFunction, sig: RustSignature) -> str | None:
    """C text replacing `fn`'s definition, with as many line ends (the unit keeps `#line`), or None when the
    head cannot be read (an unnamed parameter, no `...` where the head ends)."""
    names = [p.name for p in fn.params]
    head = fn.signature.strip()
    if not names or not all(names) or not _ELLIPSIS.search(head):
        return None
    proto = _ELLIPSIS.sub(", void *)", _STORAGE.sub("", head))
    proto = re.sub(rf"\b{re.escape(fn.name)}\b(?=\s*\()", sig.va_symbol, proto, count=1)
    call = f"{sig.va_symbol}({', '.join([*names, '&__llmigrate_ap'])})"
    void = fn.return_type.strip() == "void"
    body = ["va_list __llmigrate_ap;", f"va_start(__llmigrate_ap, {names[-1]});",
            f"{call};" if void else f"__auto_type __llmigrate_r = {call};", "va_end(__llmigrate_ap);",
            *([] if void else ["return __llmigrate_r;"])]
    text = f"extern {proto}; {head} {{ {' '.join(body)} }}"
    return text + "\n" * max(0, fn.source.count("\n") - text.count("\n"))


def note(sig: RustSignature, module_file: str) -> str:
    return (f"C shim: {module_file} keeps `{sig.c_name}(..., ...)` as a C entry that does va_start and calls "
            f"the Rust body `{sig.body_name}` with the va_list; the Rust reads the arguments through C "
            f"helpers ({VA_C})")
