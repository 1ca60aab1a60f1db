"""The body the pointer proofs read: the function's own, or SRC's macros expanded where a macro stands
between a parameter and its uses; and the functions no parameter of which can be borrowed at all."""

from __future__ import annotations

from tree_sitter import Node

from llmigrate.core import CFunction, Codebase
from llmigrate.signatures.expand import expanded_body, redefined_mentions
from llmigrate.signatures.proof import in_macro_call, macro_mentions, occurrences, parsed_body


def whole_function(fn: CFunction) -> str | None:
    """Why no parameter of `fn` can be borrowed, or None. A function whose address is taken (static or not)
    is no exception: that address is its C ABI entry in ffi.rs, which converts C's pointers at the
    boundary as for any caller outside SRC (RustSignature.abi_path)."""
    if fn.is_variadic:
        return "variadic function"
    if not fn.source:
        return "no source"
    return None


def proof_body(fn: CFunction, codebase: Codebase, pointers: list[int]) -> tuple[Node | None, bool]:
    """The body the proofs read (parsed apart from a declaration that does not parse: attribute macros),
    and whether it is the one with SRC's macros expanded (signatures.expand): used when the body as
    written does not parse, or a macro mentions a pointer parameter, and the expansion is faithful."""
    body = parsed_body(fn)[0]
    if body is not None and not any(_macro_bound(fn, body, codebase, fn.params[i].name) for i in pointers):
        return body, False
    wide = expanded_body(fn, codebase)
    return (wide, True) if wide is not None else (body, False)


def _macro_bound(fn: CFunction, body: Node, codebase: Codebase, name: str) -> bool:
    """A macro the function uses mentions parameter `name`, or one is invoked with it among its arguments."""
    if not name or mentioned(fn, codebase, name):
        return bool(name)
    return any(in_macro_call(u, codebase) for u in occurrences(body, name) or [])


def mentioned(fn: CFunction, codebase: Codebase, name: str) -> bool:
    """A macro the function uses mentions `name`, in the definition Codebase.macros holds or another."""
    return macro_mentions(fn, codebase, name) or redefined_mentions(fn, codebase, name)
