"""report.json's `safety`: every reference the Rust makes from a raw pointer, with the rule that proves it.

The translators write each proof as a `// SAFETY: <pointer>: rule <rule>: <why>` comment where the reference
is made: inside the function (a call site lending a pointer to a callee) or in its C ABI entry in src/ffi.rs
(the boundary conversion, whose precondition the entry's `# Safety` doc states). The report lists the
comments as written, so what a reviewer reads in the code and in the report is the same claim.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from llmigrate.reintegrate.crate_format import find_ffi_spans
from llmigrate.reintegrate.overlap import HELPER
from llmigrate.rust_syntax import comments
from llmigrate.signatures.net import Names, crate_names, unsound

# How a proof resting on the function's own precondition starts: a reference an unsafe fn makes from a raw
# pointer its proofs do not cover (a member it follows, say) is valid because its `# Safety` doc asks it of
# the caller, not by a rule (the callee's rule only says what the reference is used for).
CONTRACT = "the caller's contract (# Safety)"
# The form the signature proofs take; any other SAFETY comment is listed whole, as `why`.
_PROOF = re.compile(r"SAFETY:\s*(?:(?:(?P<pointer>[\w#]+):\s*)?rule\s+(?P<rule>[\w-]+):\s*)?(?P<why>.*)",
                    re.S)
# A proof resting on the function's contract: the C argument it passes, and its rule's name in the report.
_CONTRACT = re.compile(r"SAFETY:\s*" + re.escape(CONTRACT) + r":\s*(?P<why>it passes `(?P<pointer>[^`]*)`.*)",
                       re.S)
CONTRACT_RULE = "caller-contract"
# The precondition an ffi entry documents for its callers (the `# Safety` doc line after the heading).
_PRECONDITION = re.compile(r"^\s*///\s*(As for the C function .*)$", re.M)


def proofs(rust: str, site: str) -> list[dict[str, Any]]:
    """The SAFETY comments of one piece of Rust, in order, each as {site, pointer, rule, why}."""
    found: list[dict[str, Any]] = []
    if "SAFETY:" not in rust:  # both forms start so: no comment to find, and no parse of the text for none
        return found
    for text in comments(rust):
        if (c := _CONTRACT.match(text.strip())) is not None:
            found.append({"site": site, "pointer": c["pointer"], "rule": CONTRACT_RULE,
                          "why": " ".join(c["why"].split())})
            continue
        m = _PROOF.match(text.strip())
        if m:
            found.append({"site": site, "pointer": m["pointer"], "rule": m["rule"],
                          "why": " ".join(m["why"].split())})
    return found


def crate_unsafe_names(out: Path) -> Names | None:
    """What makes code unsafe in the crate of OUT (its `static mut`s, unsafe and extern fns), for the net;
    None when the crate has no sources."""
    return crate_names(out) if (out / "src").is_dir() else None


def unchecked(rust: str, names: Names | None) -> list[str]:
    """The unsafe operations no rule checked inside the `unsafe` blocks of a function's safe fns, as the
    soundness net (signatures/net.py) finds them: each is a translator's bug, and a reviewer's first stop.
    The net errs on the strict side, so a hit may also be an operation only a person can prove."""
    if names is None or not rust or "unsafe" not in rust:  # no unsafe block: no parse (2 ms a function)
        return []
    return [hit.partition(": ")[2] for hit in unsound(rust, names)]


def ffi_entries(out: Path) -> dict[str, str]:
    """Function id -> the text of its C ABI entry in OUT/src/ffi.rs (none when the file is missing)."""
    path = out / "src" / "ffi.rs"
    if not path.is_file():
        return {}
    spans = find_ffi_spans(path.read_text(encoding="utf-8"), "src/ffi.rs")
    return {span.id: span.text for span in spans}


def boundary(entry: str | None) -> dict[str, Any] | None:
    """A function's C ABI entry as unsafe code: its precondition and the proofs of the references it makes;
    None when the function has no entry (static, kept in C, variadic)."""
    if entry is None:
        return None
    pre = _PRECONDITION.search(entry)
    found = {"precondition": pre[1].strip() if pre else None, "proofs": proofs(entry, "ffi")}
    if HELPER + "(" in entry:  # reintegrate.overlap: what a C test passing overlapping arguments ran
        found["on_overlap"] = "the C original runs, not the Rust: a call or test with overlapping " \
            "arguments says nothing of the Rust"
    return found
