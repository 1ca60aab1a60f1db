"""The C ABI entry's side of rule copied-out (signatures/copyout.py): a copy of the pointee for the Rust.

The entry copies the pointee's bytes into a local `MaybeUninit` (no value is read: a C caller may pass an
out-parameter it never initialised; `None` for a NULL `Option`), passes the Rust a reference to that local,
and after the call writes the local's bytes back through the pointer: what the Rust wrote, or the bytes it
read where the C writes nothing (the precondition asks for writable memory, as for any mutable reference).
"""

from __future__ import annotations

from llmigrate.core import RustParam, RustSignature
from llmigrate.signatures.copyout import RULE


def copied(p: RustParam) -> bool:
    return p.proof == RULE


def _name(p: RustParam) -> str:
    return f"{p.name}__copy"


def _bytes(p: RustParam) -> str:
    """The pointer, cast to the `MaybeUninit` of the Rust type its reference has."""
    pointee = p.rust_type.removeprefix("Option<").removeprefix("&mut ").removesuffix(">")
    return f"{p.name}.cast::<core::mem::MaybeUninit<{pointee}>>()"


def before(sig: RustSignature) -> str:
    """The statements copying each copied parameter's pointee into its local."""
    out = []
    for p in sig.params:
        if copied(p):
            read = f"core::ptr::read({_bytes(p)})"
            if p.conv == "opt_mut":
                read = f"if {p.name}.is_null() {{ None }} else {{ Some({read}) }}"
            out.append(f"    let mut {_name(p)} = {read};\n")
    return "".join(out)


def argument(p: RustParam) -> str:
    """The Rust argument of a copied parameter: a reference to its local."""
    if p.conv == "opt_mut":
        return f"{_name(p)}.as_mut().map(|llmigrate_c| &mut *llmigrate_c.as_mut_ptr())"
    return f"&mut *{_name(p)}.as_mut_ptr()"


def back(sig: RustSignature) -> str:
    """The statements writing each copied parameter's local back through its pointer."""
    out = []
    for p in sig.params:
        if not copied(p):
            continue
        write = f"core::ptr::write({_bytes(p)}, {{}});\n"
        if p.conv == "opt_mut":
            some = write.format("llmigrate_c")
            out.append(f"    if let Some(llmigrate_c) = {_name(p)} {{\n        {some}    }}\n")
        else:
            out.append(f"    {write.format(_name(p))}")
    return "".join(out)
