"""The run-time overlap check of `disjoint-checked` parameters (signatures.borrow.RULES) in C ABI entries.

A C caller outside SRC may pass two parameters that overlap where the Rust function takes references, which
Rust forbids. The entry compares the byte ranges of each pair the proofs could not tell apart (the pointee's
size, or the slice's length times its element's) and, when two overlap, calls the original C function,
compiled in csrc/ under a private name (reintegrate.keep_c), instead of making references; so overlapping
calls behave exactly as the C did and never run the Rust.
"""

from __future__ import annotations

from llmigrate.core import RustParam, RustSignature
from llmigrate.reintegrate import elements
from llmigrate.signatures import copyout as copied_out
from llmigrate.signatures import zeroterm

RULE = "disjoint-checked"
HELPER = "llmigrate_overlap"
# Defined once in src/ffi.rs when an entry checks; addresses only, never dereferenced.
HELPER_FN = (f"\n/// Whether the byte ranges `[a, a + a_len)` and `[b, b + b_len)` share a byte: a C caller\n"
             f"/// may pass overlapping objects where the Rust takes references, which must not overlap.\n"
             f"fn {HELPER}(a: usize, a_len: usize, b: usize, b_len: usize) -> bool {{\n"
             f"    a_len != 0 && b_len != 0 && a < b.saturating_add(b_len) && b < a.saturating_add(a_len)\n"
             f"}}\n")
SIZE = "llmigrate_size_of"
# Defined beside HELPER_FN when an entry checks a parameter against a global: its bytes, from its address
# alone (no reference to a `static mut` is made).
SIZE_FN = (f"\n/// The size of the object `_p` points at (a global's, whose address alone is taken).\n"
           f"fn {SIZE}<T>(_p: *const T) -> usize {{\n    core::mem::size_of::<T>()\n}}\n")


def checks(sig: RustSignature) -> bool:
    """The entry of `sig` checks parameters for overlap (and needs the C original for when they do)."""
    return any(p.proof == RULE for p in sig.params)


def helpers(sigs: list[RustSignature]) -> list[str]:
    """The helper functions ffi.rs defines for the checks of the entries of `sigs`: HELPER_FN when one
    checks, SIZE_FN when one checks a parameter against a global."""
    found = [HELPER_FN] if any(checks(sig) for sig in sigs) else []
    return found + [SIZE_FN] * any(p.proof == RULE and p.disjoint_globals for sig in sigs for p in sig.params)


def _global_extent(path: str) -> str:
    """`address, bytes` of a global of SRC (a fixed extent; only its address is taken)."""
    return f"core::ptr::addr_of!({path}) as usize, {SIZE}(core::ptr::addr_of!({path}))"


def raw_paths(signatures: dict[str, RustSignature], kept: set[str]) -> set[str]:
    """Functions translated to Rust whose C original csrc/ must compile too, for overlapping calls: exported
    ones, and static ones whose C ABI adapter checks (signatures.checked.by_address_only)."""
    return {fid for fid, sig in signatures.items() if fid not in kept and (sig.exported or sig.address_taken)
            and checks(sig)}


def _extent(sig: RustSignature, p: RustParam) -> str:
    """`address, bytes` of the memory the reference, slice or C string made from `p` covers (a string's
    bytes with its NUL, under the precondition its conversion states; none for NULL), or, raw, that its own
    uses touch (`RustParam.extent`)."""
    conv, count = (p.conv, p.len_param) if p.extent is None else p.extent
    if conv in ("cstr", "opt_cstr"):
        ptr = p.name if p.abi_type in ("*const i8", "*mut i8") else f"{p.name}.cast::<core::ffi::c_char>()"
        return (f"{p.name} as usize, if {p.name}.is_null() {{ 0 }} else "
                f"{{ core::ffi::CStr::from_ptr({ptr}).to_bytes_with_nul().len() }}")
    elem = (p.view or p.abi_type).split(" ", 1)[1]  # a `void *` typed by its uses: what it is made into
    size = f"core::mem::size_of::<{elem}>()"
    if count and count.isdigit():  # an array parameter's declared size (clippy: no casts, no `1 *`)
        size = size if count == "1" else f"{count} * {size}"
    elif count == zeroterm.TO_ZERO:  # its elements up to a zero one (rule zero-terminated)
        size = f"if {p.name}.is_null() {{ 0 }} else {{ {size} * {zeroterm.scan_count(p.name)} }}"
    elif count:
        n = count
        usize = next((q.abi_type for q in sig.params if q.name == n), "") == "usize"
        wide = n if usize else f"({n} as usize)"  # clippy: no cast of a usize count to its own type
        size = f"if ({n} as i128) <= 0 {{ 0 }} else {{ {wide}.saturating_mul({size}) }}"
    return f"{elements.pointer(sig, p, p.name)} as usize, {size}"  # element-at: its element's bytes


def guard(sig: RustSignature, symbol: str, original: str | None) -> str:
    """The statements an entry starts with: when two checked parameters overlap, the C original runs,
    declared by `original` as `llmigrate_c_original` (or, None when its C did not compile, the program stops
    saying so: no value is made up)."""
    by_name = {p.name: p for p in sig.params}
    pairs = sorted({tuple(sorted((p.name, q))) for p in sig.params if p.proof == RULE
                    for q in p.disjoint_from if q in by_name})
    globs = sorted({(p.name, g) for p in sig.params if p.proof == RULE for g in p.disjoint_globals})
    if not pairs and not globs:
        return ""
    tests = [f"{HELPER}({_extent(sig, by_name[a])}, {_extent(sig, by_name[b])})" for a, b in pairs]
    tests += [f"{HELPER}({_extent(sig, by_name[a])}, {_global_extent(g)})" for a, g in globs]
    tests = "\n        || ".join(tests)
    if original is not None:
        args = ", ".join(p.name for p in sig.params)
        fallback = (f"        // They overlap: the original C runs (csrc/ compiles it as `{symbol}`).\n"
                    f"{original}        return llmigrate_c_original({args});\n")
    else:
        why = f"llmigrate: {sig.c_name}: called with overlapping arguments, which only its C original " \
              "handles, and that C did not compile"
        fallback = f"        panic!(\"{why}\");\n"
    return f"    if {tests}\n    {{\n{fallback}    }}\n"


def beneath(p: RustParam, rules: dict[str, str]) -> str:
    """What a RULE (or copied-out) parameter's SAFETY comment adds: the rule its conv rests on ("as its conv's
    rule" names none), so that the comment and the report name every rule the reference needs."""
    if p.proof not in (RULE, copied_out.RULE) or p.beneath not in rules or p.beneath == p.proof:
        return ""
    return f"; its conv's rule here: {p.beneath}: {rules[p.beneath]}"
