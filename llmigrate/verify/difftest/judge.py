"""The verdict on one input from what each side did: the same, a difference (with its text), or no
comparison and why (the C's undefined behaviour, the C failing, the environment)."""

from __future__ import annotations

from dataclasses import dataclass

from llmigrate.signatures.memberbytes import PAST
from llmigrate.signatures.memberfills import PAST as FILL_PAST
from llmigrate.verify.difftest.describe import describe_call, describe_diff, describe_return
from llmigrate.verify.difftest.dispute import exited
from llmigrate.verify.difftest.run import RECHECK_FACTOR, Outcome
from llmigrate.verify.difftest.types import FuncPlan

_ADDRESS_OVERFLOW = "requires the address calculation to not overflow"  # a Rust debug check's panic
# the debug check of ffi.rs's `from_raw_parts(p, n)`: p is not NULL there (ffi.rs tests it) nor misaligned
# (the harness aligns its objects), so the count given is past isize::MAX bytes, which no object holds
_SLICE_COUNT = ("slice::from_raw_parts", "src/ffi.rs:")


@dataclass
class Verdict:
    kind: str  # "same" | "differs" | "ub" | "c_failed" | "env" | "not_run"
    text: str = ""
    finding: str | None = None  # "ub" with a sanitizer report: what the C did and where


def judge(plan: FuncPlan, vec: tuple, c_bad: Outcome | None, r_bad: Outcome | None, c_rec: bytes,
          r_rec: bytes, c_ms: int | None = None) -> Verdict:
    """What one input shows: `c_bad`/`r_bad` are how a side failed (None: it returned `c_rec`/`r_rec`),
    `c_ms` how long the C took when that was measured."""
    # An allocation that failed for want of memory on either side: the outcome is the environment's (the
    # same allowance on both sides, but an optimiser may drop an allocation the other side makes).
    if exited(c_bad):
        return _exit(plan, vec, c_bad, r_bad, r_rec)
    if c_bad is not None:
        return Verdict({"ub": "ub", "not_run": "not_run", "nomem": "env"}.get(c_bad.kind, "c_failed"),
                       c_bad.text(), c_bad.report.text() if c_bad.report else None)
    if r_bad is not None:
        if r_bad.kind in ("not_run", "nomem"):
            return Verdict("not_run" if r_bad.kind == "not_run" else "env", r_bad.text())
        if r_bad.kind == "hang" and c_ms is not None and c_ms * RECHECK_FACTOR >= r_bad.watchdog_ms:
            # Not shown to be more than RECHECK_FACTOR times slower than the C, which came close to the
            # watchdog itself: on a loaded machine that may be all there is. No result to compare either.
            return Verdict("c_failed", f"the C took {c_ms / 1000:g} s and the Rust {r_bad.text()}: too slow "
                                       "on both sides to tell a hang from a slower run")
        if r_bad.kind == "panic" and _ADDRESS_OVERFLOW in r_bad.detail:
            # `p + i` whose result leaves the address space: undefined in C as in Rust, but the C's sanitizers
            # check the wrapped byte offset (i * size may wrap to a small one); the Rust's debug checks don't.
            where = r_bad.detail.rpartition(" at ")[2]
            return Verdict("ub", r_bad.text(), "computes a pointer past the address space (the translation's "
                                               f"check at {where}; the C's sanitizers miss it)")
        if r_bad.kind == "panic" and all(k in r_bad.detail for k in _SLICE_COUNT):
            # The input breaks the C ABI entry's `# Safety` (the pointer holds that many elements), as a
            # valid C caller never does; the C may not read them all, so its sanitizers see nothing.
            return Verdict("ub", r_bad.text(), "passes a count of more elements than any object holds (the "
                                               "C ABI entry's check; the C's sanitizers cannot see a count)")
        if r_bad.kind == "panic" and PAST in r_bad.detail:
            # a byte cursor past its array member (rule member-bytes): the C reads outside the array but
            # inside its struct, where its sanitizers see nothing
            return Verdict("ub", r_bad.text(), "reads past the end of an array member through a byte cursor "
                                               "(the translation's check; the C's sanitizers miss reads "
                                               "inside a struct)")
        if r_bad.kind == "panic" and FILL_PAST in r_bad.detail:  # rule member-fill's copy, likewise
            return Verdict("ub", r_bad.text(), "copies past the end of an array member (the translation's "
                                               "check; the C's sanitizers miss writes inside a struct)")
        c_did = describe_return(plan, plan.out_struct.unpack(c_rec))
        return Verdict("differs", f"{describe_call(plan, vec)}: C {c_did}, Rust {r_bad.text()}")
    if c_rec == r_rec:
        return Verdict("same")
    c_vals, r_vals = plan.out_struct.unpack(c_rec), plan.out_struct.unpack(r_rec)
    diff = describe_diff(plan, c_vals, r_vals)
    if not diff:  # only NaN payloads differ
        return Verdict("same")
    return Verdict("differs", f"{describe_call(plan, vec)}: {diff}")


def _exit(plan: FuncPlan, vec: tuple, c_bad: Outcome, r_bad: Outcome | None, r_rec: bytes) -> Verdict:
    """The C called exit(): the Rust must exit with the same status."""
    if exited(r_bad) and r_bad.detail == c_bad.detail:
        return Verdict("same")
    if r_bad is not None and r_bad.kind in ("not_run", "nomem"):
        return Verdict("not_run" if r_bad.kind == "not_run" else "env", r_bad.text())
    r_did = r_bad.text() if r_bad is not None else describe_return(plan, plan.out_struct.unpack(r_rec))
    return Verdict("differs", f"{describe_call(plan, vec)}: C {c_bad.text()}, Rust {r_did}")
