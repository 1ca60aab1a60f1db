"""Slices of wide integers made from C pointers that are not aligned for them, in C ABI entries.

A C caller outside SRC may pass a byte buffer or a string literal cast to `uint16_t *` (x86-64 reads it);
a Rust slice over it would be undefined (debug builds stop in `from_raw_parts`). The entry of a slice
parameter of integers wider than a byte therefore copies the elements of an unaligned pointer into a vector
with `read_unaligned`, passes that, and writes a mutable one back with `write_unaligned` after the call: the
function sees and changes the same values as through the pointer (the slice rules already proved nothing
else the call reaches aliases it). An aligned pointer becomes the slice as before.
"""

from __future__ import annotations

from llmigrate.core import RustParam, RustSignature

RULE = "unaligned-copy"  # named in its SAFETY line: report.json lists the copy under a rule, as every proof
WHY = ("a C caller may pass it unaligned (a byte buffer cast to its type): the elements its rule proves "
       "valid are copied with read_unaligned (a mutable slice's written back with write_unaligned)")
_WIDE = ("i16", "u16", "i32", "u32", "i64", "u64", "i128", "u128", "isize", "usize")


def copied(p: RustParam) -> bool:
    """`p` is a slice of integers wider than a byte: its entry copies an unaligned pointer's elements."""
    elem = p.rust_type.removeprefix("&mut [").removeprefix("&[").removesuffix("]")
    return p.conv in ("slice", "slice_mut") and elem in _WIDE


def copy_name(p: RustParam) -> str:
    return f"{p.name}__unaligned"


def before(sig: RustSignature, extent: dict[str, tuple[str, str]]) -> str:
    """The statements reading each copied parameter's elements when its pointer is unaligned (`extent`: the
    element count expression of each and the condition making it empty, by name)."""
    out = []
    for p in sig.params:
        if copied(p):
            n, empty = extent[p.name]
            out.append(f"    // SAFETY: {p.name}: rule {RULE}: {WHY} (rule {p.proof or 'of its conv'})\n"
                       f"    let {'mut ' if p.conv == 'slice_mut' else ''}{copy_name(p)}: Vec<_> = "
                       f"if {empty} || {p.name}.is_aligned() {{ Vec::new() }} else {{\n"
                       f"        (0..{n}).map(|llmigrate_i| {p.name}.add(llmigrate_i).read_unaligned())"
                       ".collect()\n    };\n")
    return "".join(out)


def written_back(sig: RustSignature, call: str, more: str = "") -> str:
    """The entry's `call`, then the copies of its mutable slices written back through their pointers, then
    `more` statements (reintegrate.copyout's)."""
    # names of our own: a parameter named `i` or `v` must not be hidden by the loop's bindings
    back = "".join(f"    for (llmigrate_i, llmigrate_v) in {copy_name(p)}.into_iter().enumerate() {{\n"
                   f"        {p.name}.add(llmigrate_i).write_unaligned(llmigrate_v);\n    }}\n"
                   for p in sig.params if copied(p) and p.conv == "slice_mut") + more
    if not back:
        return call
    if sig.abi_ret == "()":
        return f"{call};\n{back}".rstrip()
    return f"let llmigrate_ret = {call};\n{back}    llmigrate_ret"
