"""Which inputs the C runs again under AddressSanitizer, and what that run says about them.

Every input runs on the C built with trapping UB checks (no runtime, a trap costs about as much as a return)
and on the Rust. ASan costs far more per input: a report, a new child after it, a slower program. So the C
under ASan and the UB sanitizers in reporting mode runs only on the inputs where its verdict matters:
- every input on which C and Rust disagree (a difference, or the Rust failing where the C returned), after
  it was run again alone on both sides (`settle`): an input on which the C is undefined is never a
  counterexample against the Rust;
- inputs on which the C itself crashed or trapped (the first MAX_FAILED of them): they are skipped either
  way, ASan names what the C did and where;
- a sample of ASAN_SAMPLE inputs on which both agreed, spread over the vector: undefined behaviour that
  happens to give the same result on both sides (a read past a buffer) is still found and reported.
An input ASan reports undefined is judged undefined, whatever the first run gave. When the Rust stopped early
(its failure allowance spent) on inputs ASan then reported undefined, the C under ASan runs the inputs left,
and the Rust those of them where the C is defined.
ASan does not see a read of a local the C never initialised. Where the harness was built with the C's locals
filled (the driver asks for it when inputs stay in dispute), the inputs still disputed run on the C with its
locals filled with zeros and with a pattern: one whose result changes with the filling is undefined too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.verify.difftest.build import Harness
from llmigrate.verify.difftest.hung import run_side_kept
from llmigrate.verify.difftest.run import WATCHDOG_MS, Outcome, records
from llmigrate.verify.difftest.sanitize import EXIT_REPORT, Report

ASAN_SAMPLE = 100  # agreeing inputs per function run again under ASan
MAX_FAILED = 50  # inputs the C crashed or trapped on, run again under ASan to name the place
MAX_SETTLED = 200  # disputed inputs run again alone on both sides before ASan is asked
_C_FAILED = ("ub", "crash", "exit")  # how the C failed for ASan to be asked (a hang would only hang again)
_R_FAILED = ("panic", "crash", "hang", "exit")  # how the Rust failed where the C returned: a dispute
_SETTLED = ("panic", "crash", "exit")  # disputes run again alone (hangs are rechecked with a longer watchdog)
UNINIT = ("reads a local variable the C never initialised (its result changes when the compiler fills "
          "uninitialised locals with zeros or with a pattern)")
HANGS_STOP = 4  # hangs after which the harness stops a side's run (difftest_main.c's supervise)
HANG_ROUNDS = 3  # runs of the inputs a C run that hung left, each after the last one's hangs
# Their watchdog: an input the C takes longer on is skipped too, and a round that stops costs less.
RERUN_WATCHDOG_MS = 500


@dataclass
class Sides:
    """What the runs gave so far: the inputs each side failed on, and the output records."""

    c_failed: dict[int, Outcome]
    r_failed: dict[int, Outcome]
    c_recs: list[bytes]
    r_recs: list[bytes]
    c_took: dict[int, int] = field(default_factory=dict)  # milliseconds of inputs the C was slow on


@dataclass
class Batch:
    """One function's packed inputs and where their files go."""

    index: int  # the function's entry in the harness table
    blob: bytes
    n: int
    base: Path  # scratch files are base.<suffix>
    out_size: int
    fresh: bool  # every input in a child of its own (the function keeps global state)


def exited(o: Outcome | None) -> bool:
    """The side ended the input with exit(status): a result the sides are compared on, as a return value is
    (a sanitizer's report status aside)."""
    return o is not None and o.kind == "exit" and o.detail != f"status {EXIT_REPORT}"


def has_result(i: int, sides: Sides) -> bool:
    """Whether the C gave input i a result to compare the Rust's with: it returned, or it exited."""
    return i not in sides.c_failed or exited(sides.c_failed[i])


def run_rust(h: Harness, batch: Batch, picks: list[int], sides: Sides) -> None:
    """The Rust over the inputs `picks`: their records and failures go into `sides`."""
    bad, recs = _run_picked(h.rust_exe, batch, picks, ".rs", True, batch.fresh)
    for k, i in enumerate(picks):
        sides.r_recs[i] = recs[k]
        sides.r_failed.pop(i, None)
        if k in bad:
            sides.r_failed[i] = bad[k]


def run_c_rest(h: Harness, batch: Batch, sides: Sides) -> None:
    """The C's run stops after HANGS_STOP hangs (difftest_main.c), leaving the inputs after them unrun; the
    boundary inputs come first, so one value the C loops forever on (a zero capacity it doubles) can stop it
    before any random input ran. The inputs left run again, last first (the random ones), while a round runs
    anything but hangs."""
    for _ in range(HANG_ROUNDS):
        rest = sorted((i for i, o in sides.c_failed.items() if o.kind == "not_run"), reverse=True)
        if not rest or sum(o.kind == "hang" for o in sides.c_failed.values()) < HANGS_STOP:
            return
        bad, recs = _run_picked(h.c_exe, batch, rest, ".cr", False, batch.fresh, RERUN_WATCHDOG_MS)
        for k, i in enumerate(rest):
            sides.c_recs[i] = recs[k]
            sides.c_failed.pop(i)
            if k in bad:
                sides.c_failed[i] = bad[k]
        if all(bad.get(k) is not None and bad[k].kind in ("hang", "not_run") for k in range(len(rest))):
            return


def settle(h: Harness, batch: Batch, sides: Sides) -> None:
    """Run each disputed input again alone, in a fresh child on both sides, and keep that outcome: a failure
    or a difference caused by what earlier inputs did to the same process (memory that another input's
    undefined behaviour corrupted on both sides) is not this input's."""
    n = batch.n
    picks = [i for i in range(n) if has_result(i, sides) and _disputed(i, sides, _SETTLED)][:MAX_SETTLED]
    if batch.fresh or not picks:  # fresh: every input ran alone already
        return
    c_bad, c_recs = _run_picked(h.c_exe, batch, picks, ".sc", False, True)
    r_bad, r_recs = _run_picked(h.rust_exe, batch, picks, ".sr", True, True)
    for k, i in enumerate(picks):
        sides.c_recs[i], sides.r_recs[i] = c_recs[k], r_recs[k]
        sides.r_failed.pop(i, None)
        sides.c_failed.pop(i, None)
        if k in c_bad:
            sides.c_failed[i] = c_bad[k]
        if k in r_bad:
            sides.r_failed[i] = r_bad[k]


def ask_asan(h: Harness, batch: Batch, sides: Sides) -> None:
    """The C under ASan on the inputs that matter (see the module's docstring); what it reports undefined
    goes into sides.c_failed."""
    if h.c_asan_exe is None:
        return
    ub = _undefined_on(h.c_asan_exe, batch, asked(batch.n, sides))
    sides.c_failed.update(ub)
    rest = [i for i, o in sides.r_failed.items() if o.kind == "not_run" and i not in sides.c_failed]
    if rest and any(i in sides.r_failed for i in ub):  # the Rust stopped early on the C's undefined inputs
        more = _undefined_on(h.c_asan_exe, batch, sorted(rest))
        sides.c_failed.update(more)
        run_rust(h, batch, [i for i in sorted(rest) if i not in more], sides)
        settle(h, batch, sides)


def ask_uninit(h: Harness, batch: Batch, sides: Sides) -> None:
    """The inputs still in dispute on the C with its locals filled with zeros and with a pattern (the latter
    twice, so that a result that changes from run to run, a pointer's value, is not taken for it); those whose
    result depends on the filling go into sides.c_failed as undefined."""
    picks = [i for i in range(batch.n) if has_result(i, sides) and _disputed(i, sides, _R_FAILED)]
    if h.c_init_exes is None or not picks:
        return
    zero, pattern = h.c_init_exes
    runs = [_run_picked(exe, batch, picks, f".u{k}", False, batch.fresh)
            for k, exe in enumerate((zero, pattern, pattern))]
    for k, i in enumerate(picks):
        z, p, again = ((bad.get(k), recs[k]) for bad, recs in runs)
        if _same_end(p, again) and not _same_end(z, p):
            sides.c_failed[i] = Outcome("ub", report=Report(UNINIT))


def _same_end(a: tuple[Outcome | None, bytes], b: tuple[Outcome | None, bytes]) -> bool:
    """Two runs of an input ended alike: the same failure, or none and the same output record."""
    (a_bad, a_rec), (b_bad, b_rec) = a, b
    if a_bad is None or b_bad is None:
        return a_bad is b_bad and a_rec == b_rec
    return (a_bad.kind, a_bad.detail) == (b_bad.kind, b_bad.detail)


def asked(n: int, sides: Sides) -> list[int]:
    """The inputs to run under ASan, in order (the vector starts with its simplest inputs)."""
    disputed = [i for i in range(n) if has_result(i, sides) and _disputed(i, sides, _R_FAILED)]
    failed = sorted(i for i, o in sides.c_failed.items() if o.kind in _C_FAILED)[:MAX_FAILED]
    agreed = [i for i in range(n) if i not in sides.c_failed and i not in sides.r_failed
              and sides.c_recs[i] == sides.r_recs[i]]
    step = max(1, len(agreed) // ASAN_SAMPLE)
    return sorted({*disputed, *failed, *agreed[::step][:ASAN_SAMPLE]})


def _disputed(i: int, sides: Sides, kinds: tuple[str, ...]) -> bool:
    c_bad, r_bad = sides.c_failed.get(i), sides.r_failed.get(i)
    if exited(c_bad):  # the Rust returned, or ended otherwise
        return r_bad is None or r_bad.kind in kinds and not (exited(r_bad) and r_bad.detail == c_bad.detail)
    if r_bad is not None:
        return r_bad.kind in kinds
    return sides.c_recs[i] != sides.r_recs[i]


def _undefined_on(exe: Path, batch: Batch, picks: list[int]) -> dict[int, Outcome]:
    """The inputs among `picks` the C under ASan reports undefined, with the report."""
    failed, _ = _run_picked(exe, batch, picks, ".a", False, batch.fresh)
    return {picks[k]: o for k, o in failed.items() if o.kind == "ub"}


def _run_picked(exe: Path, batch: Batch, picks: list[int], suffix: str, rust: bool,
                fresh: bool, watchdog_ms: int = WATCHDOG_MS) -> tuple[dict[int, Outcome], list[bytes]]:
    """One side over the inputs `picks`: failures by position in `picks`, and the records."""
    if not picks:
        return {}, []
    rec = len(batch.blob) // batch.n
    given, path = batch.base.with_suffix(suffix + "in"), batch.base.with_suffix(suffix)
    given.write_bytes(b"".join(batch.blob[i * rec:(i + 1) * rec] for i in picks))
    failed, data = run_side_kept(exe, batch.index, given, path, len(picks), batch.out_size, rust, fresh,
                                 watchdog_ms)
    return failed, records(data, len(picks), batch.out_size)
