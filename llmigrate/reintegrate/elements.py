"""The element a reference parameter of rule element-at stands for in a C ABI entry (signatures/elementat).

The C function reads only `p[k]`, so the entry makes the reference from `p + k` and the overlap check
(reintegrate.overlap) compares that element's bytes; a Rust function kept in C gives the C its pointer back
at `k` before the element, where the C indexes it again.
"""

from __future__ import annotations

from llmigrate.core import RustParam, RustSignature


def pointer(sig: RustSignature, p: RustParam, typed: str) -> str:
    """`typed` (the C ABI pointer `p`, cast as its view asks) moved to its element `p[k]`, as C's `p + k`
    (a signed index by `offset`, C's pointer arithmetic with a negative index included)."""
    if not p.at:
        return typed
    kind = next((q.abi_type for q in sig.params if q.name == p.at), "isize")
    if kind == "usize":
        return f"{typed}.add({p.at})"
    if kind.startswith("u"):
        return f"{typed}.add({p.at} as usize)"
    return f"{typed}.offset({p.at} as isize)"


def base(sig: RustSignature, p: RustParam, raw: str) -> str:
    """The C pointer `p` the kept C function indexes at `k`, from the pointer `raw` to its element: moved
    back by `k` elements with wrapping arithmetic (no Rust access goes through it; the C's own `p[k]` lands
    on the element again)."""
    if not p.at:
        return raw
    kind = next((q.abi_type for q in sig.params if q.name == p.at), "isize")
    if kind.startswith("u"):
        return f"({raw}).wrapping_sub({p.at if kind == 'usize' else f'{p.at} as usize'})"
    return f"({raw}).wrapping_offset(({p.at} as isize).wrapping_neg())"
