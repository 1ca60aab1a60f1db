"""The `# Safety` doc an `unsafe fn` (or a C ABI entry in ffi.rs) owes its callers.

A Rust function's doc restates the C function's own contract. A C ABI entry owes more: it turns raw
arguments into references, slices and C strings before it calls the Rust, and each of those conversions is
undefined behaviour unless the argument really is what it is turned into, whatever the C body does with it
(the C may read two elements of a counted buffer, or only test a pointer for NULL, yet the slice or the
reference is made whole). So the entry's doc lists each conversion's precondition too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from llmigrate.signatures import zeroterm

if TYPE_CHECKING:
    from llmigrate.core import RustParam, RustSignature

_SCALAR = re.compile(r"[iu](?:8|16|32|64|128|size)|f32|f64|bool")


def safety_doc(sig: RustSignature, abi: bool = False) -> list[str]:
    """The `# Safety` doc lines of `sig`'s `unsafe fn` (or, with `abi`, of its C ABI entry); none for a safe
    Rust function."""
    if not (sig.unsafe or abi):
        return []
    params = sig.params
    strings = [f"`{p.name}`" for p in params if abi and p.conv in ("cstr", "opt_cstr")]  # from_ptr
    raw = [f"`{p.name}`" for p in params if (p.abi_type if abi else p.rust_type).startswith("*")
           and f"`{p.name}`" not in strings]
    text = f"; {', '.join(strings)} must be NUL-terminated and valid for reads until the call returns" \
        if strings else ""  # the precondition of a boundary conversion (CStr::from_ptr)
    assumed = [f"`{p.name}`" for p in params if abi and p.proof == "c-string-prefix"]
    text += f" (for {', '.join(assumed)} too where the C stops reading before the NUL: rule " \
        "c-string-prefix assumes a C string)" if assumed else ""
    text += "".join(_view_text(p) for p in params if abi and p.view)
    text += "".join(_conversion_text(p) for p in params if abi and not p.view)
    text += f"; {sig.assumes}" if abi and sig.assumes else ""
    need = (f"{', '.join(raw)} must be valid for the reads and writes the C function makes through "
            f"{'them' if len(raw) > 1 else 'it'}{text}") if raw else \
        f"no other thread may use the C globals it touches while it runs{text}" if sig.unsafe else \
        text[2:] or "nothing more than the C function asks (this entry is unsafe because C calls it)"
    if sig.unchecked and not raw:
        names = ", ".join(f"`{p.name}`" for p in params if "CStr" not in p.rust_type and
                          not _SCALAR.fullmatch(p.rust_type))
        need = (f"the pointers reachable from {names} must be valid for the reads and writes the C "
                "function makes through them, and no" if names else "no") + \
            f" other thread may use the C globals it touches while it runs{text}"
        why = sig.unchecked.split(": ", 1)[-1]
        return ["/// # Safety", f"/// As for the C function `{sig.c_name}`: {need}.", f"/// (It {why}.)"]
    return ["/// # Safety", f"/// As for the C function `{sig.c_name}`: {need}."]


def _view_text(p: RustParam) -> str:
    """A `void *` the entry casts: counted bytes (signatures.voidbytes) or the one type its uses give it
    (signatures.voids)."""
    if p.proof == "byte-count":
        init = "" if "MaybeUninit" in p.view else "initialised "
        return f"; `{p.name}` must point to `{p.len_param}` {init}bytes (NULL only with `{p.len_param}` 0)"
    return f"; `{p.name}` must point to what the C converts it to, `{p.view.split(' ', 1)[1]}`"


def _conversion_text(p: RustParam) -> str:
    """What making `p`'s reference or slice asks of the argument (core::slice::from_raw_parts, `&*p`):
    more than the C's own reads when the C touches less than the whole object or count. A mutable view
    may be made of memory not yet written (an out-parameter): it asks for writable, not initialised."""
    mutable = p.conv in ("slice_mut", "mut_ref", "opt_mut")
    what = f"aligned, {'writable' if mutable else 'initialised'} `{_pointee(p.rust_type)}`"
    if p.conv in ("slice", "slice_mut") and p.len_param:
        if p.len_param.isdigit():  # an array parameter's declared size (rule declared-size)
            return f"; `{p.name}` must point to {p.len_param} {what}"
        if p.len_param == zeroterm.TO_ZERO:  # rule zero-terminated: the entry scans to the zero
            return f"; `{p.name}` must point to {what} up to and including a zero one"
        return f"; `{p.name}` must point to `{p.len_param}` {what} (NULL only with a count of 0 or less)"
    if p.conv in ("ref", "mut_ref") and p.at:  # rule element-at: the reference is made from `p + k`
        return f"; `{p.name}` plus `{p.at}` elements must point to an {what}"
    if p.conv in ("ref", "mut_ref"):
        return f"; `{p.name}` must point to an {what}"
    if p.conv in ("opt_ref", "opt_mut"):
        return f"; `{p.name}` must be NULL or point to an {what}"
    return ""


def _pointee(rust_type: str) -> str:
    """`u8` of `&mut [u8]`, `node` of `Option<&node>`: what the entry's reference or slice views."""
    inner = re.sub(r"^Option<(.*)>$", r"\1", rust_type.strip())
    inner = re.sub(r"^&(?:'\w+\s+)?(?:mut\s+)?", "", inner)
    return inner[1:-1] if inner.startswith("[") and inner.endswith("]") else inner
