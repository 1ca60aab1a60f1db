"""The element count of a slice parameter as the C ABI entry makes it: a count parameter's value, an array
parameter's declared size, or (rule zero-terminated) the elements up to a zero one, which the entry scans for.
"""

from __future__ import annotations

from llmigrate.core import RustParam, RustSignature
from llmigrate.signatures import zeroterm


def slice_length(sig: RustSignature, p: RustParam) -> tuple[str, str]:
    """The element count of slice parameter `p` (usize), and the condition under which it is empty."""
    if p.len_param and p.len_param.isdigit():  # an array parameter's declared size
        return p.len_param, f"{p.name}.is_null()"
    if p.len_param == zeroterm.TO_ZERO:  # its elements up to a zero one (rule zero-terminated)
        return zeroterm.scan_count(p.name), f"{p.name}.is_null()"
    count = next((q for q in sig.params if q.name == p.len_param), None)
    usize = count is not None and count.abi_type == "usize"  # no cast to its own type (clippy)
    length = (p.len_param if usize else f"{p.len_param} as usize") if p.len_param else "1"
    # C callers may pass NULL (or any pointer) with a zero or negative count: that is an empty slice
    empty = f"{p.name}.is_null() || ({p.len_param} as i128) <= 0" if p.len_param else f"{p.name}.is_null()"
    return length, empty
