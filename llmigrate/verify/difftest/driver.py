"""Differential testing: the C and the Rust of each exported function called on the same inputs, compared.

`differential` builds executables from one generated harness (SRC's C objects with trapping UB checks, the
same under ASan and the UB sanitizers, the crate's staticlib), runs the C and the Rust over boundary and
random input vectors in child processes, compares the return value and every object written through a
pointer, and shrinks the smallest difference found. The C under ASan runs the inputs in dispute and a sample
(dispute.py): inputs on which the C itself is undefined are recognised, skipped and reported as findings
about the C.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.core import Codebase, RunContext
from llmigrate.journal import Journal, Status
from llmigrate.plan import call_graph
from llmigrate.translate import executor
from llmigrate.verify.build import BuildError
from llmigrate.verify.difftest.build import Harness, build_harness, harness_dir, rebuilt_plans
from llmigrate.verify.difftest.context import unknown_dims
from llmigrate.verify.difftest.describe import describe_call
from llmigrate.verify.difftest.dispute import (
    RERUN_WATCHDOG_MS,
    Batch,
    Sides,
    ask_asan,
    ask_uninit,
    has_result,
    run_c_rest,
    run_rust,
    settle,
)
from llmigrate.verify.difftest.hung import forget, run_side_kept
from llmigrate.verify.difftest.inputs import generate, pack, size_key
from llmigrate.verify.difftest.judge import Verdict, judge
from llmigrate.verify.difftest.order import callees_first, released
from llmigrate.verify.difftest.recheck import recheck_slow
from llmigrate.verify.difftest.run import (
    WATCHDOG_MS,
    HarnessError,
    records,
    wall_limited,
)
from llmigrate.verify.difftest.sanitize import fills_locals, resolve
from llmigrate.verify.difftest.seen import falls_off_the_end, with_seen_macros, with_seen_types
from llmigrate.verify.difftest.setup import NO_DEFINED_INPUT, run_again
from llmigrate.verify.difftest.shrink import shrink_candidates
from llmigrate.verify.difftest.types import FuncPlan, Unsupported, plan_function

N_RANDOM = 1000  # random vectors per function, on top of the boundary combinations
SHRINK_ROUNDS = 12
MAX_FINDINGS = 5  # places of C undefined behaviour listed per function
_KEPT = "kept in C: the crate links the original C function"
_NO_RESULT = ("can end without returning a value (control reaches the end of a non-void function): its "
              "result is undefined and was not compared")


@dataclass
class DiffResult:
    """The verdict for one function: equivalent on N inputs, differs (with a counterexample), or untested."""

    fid: str
    equivalence: str  # "equivalent" | "differs" | "untested"
    inputs_tested: int = 0  # inputs both sides ran where the C's behaviour is defined
    skipped_ub: int = 0  # inputs on which the C has undefined behaviour (sanitizer report)
    skipped_c_failed: int = 0  # inputs on which the C itself crashed, hung or exited
    skipped_env: int = 0  # inputs on which an allocation failed on either side: the memory limit decided
    not_run: int = 0  # generated inputs a side's limits left unrun: the generator had more to give
    differing: int = 0
    counterexample: str | None = None
    untested_reason: str | None = None
    seconds: float = 0.0
    # Undefined behaviour of the C, one line per place: "writes 4 bytes past a heap buffer at x.c:12 on input
    # f(3)". Findings about the C, never counterexamples against the Rust.
    findings: list[str] = field(default_factory=list)


def differential(ctx: RunContext, fids: list[str] | None = None, *, n_random: int = N_RANDOM,
                 seed: int = 0, staticlib: Callable[[], Path] | None = None) -> dict[str, DiffResult]:
    """Compare C and Rust for `fids` (default: every function); reads the journal, does not write it.
    `staticlib`: waits for the crate's staticlib another thread builds (build_harness)."""
    codebase, journal, out = ctx.codebase, ctx.journal, ctx.out
    forget(harness_dir(out))  # the hangs an earlier verification waited for
    src = Path(codebase.root)  # the SRC analysed now: a checkout may have moved since the journal was written
    fids = sorted(codebase.functions) if fids is None else fids
    dims = [codebase.functions[f].file for f in fids if unknown_dims(codebase.functions[f], codebase)]
    if dims:  # array parameters sized by macros of headers outside SRC: the compiler knows them
        codebase = with_seen_macros(codebase, dims)
    plans, reasons = _plans(codebase, journal, fids)
    unknown = [fid for fid in reasons if _skip_reason(fid, codebase, journal) is None]
    if unknown:  # perhaps types of headers outside SRC: learned from the compiler's view of the files
        files = [codebase.functions[f].file for f in unknown]
        codebase = with_seen_macros(with_seen_types(codebase, files), files)
        more, reasons_now = _plans(codebase, journal, unknown)
        plans.update(more)
        reasons = {fid: why for fid, why in {**reasons, **reasons_now}.items() if fid not in more}
    results = {fid: DiffResult(fid, "untested", untested_reason=why) for fid, why in reasons.items()}
    if not plans:
        return results
    no_return = _without_result(codebase, plans)
    run = functools.partial(_compare, src, out, codebase, crate_codebase=ctx.codebase, no_return=no_return,
                            n_random=n_random, seed=seed, jobs=ctx.config.jobs, staticlib=staticlib, built={})
    try:
        results.update(run(plans))
    except BuildError as e:  # e.g. SRC's C does not compile: nothing can be compared, and the user is told
        why = f"the differential-test harness could not be built: {_first_lines(str(e))}"
        return {fid: results.get(fid) or DiffResult(fid, "untested", untested_reason=why) for fid in fids}
    # set-up first, or room behind pointers without a length (setup.py)
    _rerun(run, run_again(plans, results, codebase), plans, results)
    _settle_disputes(run, codebase, plans, results)
    # A callee that differed only on inputs now known undefined in the C no longer stands in its callers' way.
    # A released caller's rerun may find such a callee differing again (the C reads what it never set) and
    # settle it again, blocking the caller once more: so release until none is (each round settles a level).
    graph, last = call_graph(codebase), set()
    while (again := released(graph, plans, results)) and set(again) != last:  # the same set: no progress
        _settle_disputes(run, codebase, plans, results, again)
        last = set(again)
    return {fid: results[fid] for fid in fids}


def _settle_disputes(run, codebase: Codebase, plans: dict[str, FuncPlan], results: dict,
                     again: dict[str, FuncPlan] | None = None) -> None:
    """Test `again` (if given), then run the functions that differ on the C with its locals filled: perhaps
    the C reads locals it never set (dispute.py)."""
    if again is not None:
        if not again:
            return
        # their "not checked" reasons name a callee that differs no more: what the run says replaces them
        _rerun(run, again, plans, results, stale=True)
    differs = {fid: plan for fid, plan in plans.items() if results[fid].equivalence == "differs"
               and (again is None or fid in again)}
    if differs and fills_locals(codebase.config.compiler):
        _rerun(functools.partial(run, fill_locals=True), differs, plans, results, undefined=True)


def _rerun(run, again: dict[str, FuncPlan], plans: dict[str, FuncPlan], results: dict,
           undefined: bool = False, stale: bool = False) -> None:
    """`again`'s verdicts (and plans) replace those that compared, found no defined input, or are stale."""
    if not again:
        return
    try:
        redone = {fid: r for fid, r in run(again).items() if stale or r.equivalence != "untested"
                  or undefined and (r.untested_reason or "").startswith(NO_DEFINED_INPUT)}
    except BuildError:
        return  # the first verdicts stand
    results.update(redone)
    plans.update({fid: again[fid] for fid in redone})


def _compare(src: Path, out: Path, codebase: Codebase, plans: dict[str, FuncPlan], *,
             crate_codebase: Codebase, no_return: set[str], n_random: int, seed: int, jobs: int,
             staticlib: Callable[[], Path] | None, built: dict[str, FuncPlan],
             fill_locals: bool = False) -> dict:
    """Build the harness for `plans` (and those `built` before: see rebuilt_plans) and test each function;
    raises BuildError when nothing builds."""
    rerun = set(plans) if built else None  # a later harness runs only these (build._held)
    harness = build_harness(src, out, codebase, rebuilt_plans(built, plans), crate_codebase=crate_codebase,
                            staticlib=staticlib, fill_locals=fill_locals, tested=rerun)
    built.update({fid: plans[fid] for fid in harness.index} if not built else {})
    results = {fid: DiffResult(fid, "untested", untested_reason=why) for fid, why in harness.untested.items()
               if fid in plans}
    tested = [fid for fid in plans if fid in harness.index]
    callees = {fid: codebase.functions[fid].callees for fid in tested}
    results.update(_test_all(_Tests(harness, plans, no_return, n_random, seed), tested, jobs, callees))
    return results


@dataclass
class _Tests:
    """What testing a function needs, installed once in each worker (inherited by a forked one)."""

    harness: Harness
    plans: dict[str, FuncPlan]
    no_return: set[str]
    n_random: int
    seed: int


_TESTS: dict[int, _Tests] = {}  # per process: the runs installed in it, by key


def _install(key: int, tests: _Tests) -> None:
    _TESTS[key] = tests


def _test_all(tests: _Tests, fids: list[str], jobs: int,
              callees: dict[str, list[str]]) -> dict[str, DiffResult]:
    """Each function's result, callees first (order.py), on the unit executor's workers (processes: making
    and packing inputs is Python, bound by the GIL). Inputs come from the function and the seed, never from
    the order of the runs, and each function's runs have files of their own, so any number of jobs gives the
    same results."""
    def skipped(fid: str, why: str) -> DiffResult:
        return DiffResult(fid, "untested", untested_reason=why)

    if jobs <= 1 or len(fids) <= 1:
        return callees_first(fids, callees, functools.partial(_tested, tests), skipped)
    key = id(tests)
    try:
        with executor.choose(True, jobs)[1](jobs, _install, (key, tests)) as pool:
            return callees_first(fids, callees, functools.partial(_tested_by_key, key), skipped, pool)
    finally:
        _TESTS.pop(key, None)


def _tested_by_key(key: int, fid: str) -> DiffResult:
    return _tested(_TESTS[key], fid)


def _tested(tests: _Tests, fid: str) -> DiffResult:
    try:
        res = test_function(tests.harness, tests.plans[fid], n_random=tests.n_random, seed=tests.seed)
    except HarnessError as e:
        return DiffResult(fid, "untested", untested_reason=f"the harness failed: {_first_lines(str(e))}")
    if fid in tests.no_return:
        res.findings.insert(0, _NO_RESULT)
    return res


def _without_result(codebase: Codebase, plans: dict[str, FuncPlan]) -> set[str]:
    """Functions that can end without a return value: their plans compare no result (it is undefined)."""
    names = falls_off_the_end(codebase, sorted({codebase.functions[f].file for f in plans}))
    found = {fid for fid, plan in plans.items() if plan.ret is not None and plan.name in names}
    for fid in found:
        plans[fid] = dataclasses.replace(plans[fid], ret=None)
    return found


def _plans(codebase: Codebase, journal: Journal, fids: list[str]) -> tuple[dict[str, FuncPlan],
                                                                        dict[str, str]]:
    """The plan of each function that can be tested, and why each other cannot."""
    plans, reasons = {}, {}
    for fid in fids:
        reason = _skip_reason(fid, codebase, journal)
        if reason is None:
            try:
                plan = plan_function(codebase.functions[fid], codebase)
                plans[fid] = _usable_makers(plan, codebase, journal)
            except Unsupported as e:
                reason = str(e)
        if reason is not None:
            reasons[fid] = reason
    return plans, reasons


def _usable_makers(plan: FuncPlan, codebase: Codebase, journal: Journal) -> FuncPlan:
    """The plan without constructors the crate lacks (not translated), its layout made again."""
    for a in plan.args:
        a.makers = [m for m in a.makers if _skip_reason(m.fid, codebase, journal) in (None, _KEPT)]
    return dataclasses.replace(plan)


def _first_lines(text: str, n: int = 6) -> str:
    return "\n".join(text.strip().splitlines()[:n])


def _skip_reason(fid: str, codebase: Codebase, journal: Journal) -> str | None:
    fn = codebase.functions.get(fid)
    if fn is None:
        return "not found in SRC"
    rec = journal.functions.get(fid)
    status = rec.status if rec else None
    if status == Status.KEPT_IN_C:
        return _KEPT
    if status == Status.FAILED:
        return "not translated"
    return None


def test_function(h: Harness, plan: FuncPlan, *, n_random: int = N_RANDOM, seed: int = 0) -> DiffResult:
    """Run one function's generated inputs through both sides and summarise the comparison."""
    start = time.monotonic()
    vecs = generate(plan, n_random=n_random, seed=seed)
    verdicts = evaluate(h, plan, vecs)
    res = DiffResult(plan.fid, "equivalent")
    differing = [i for i, v in enumerate(verdicts) if v.kind == "differs"]
    res.skipped_ub = sum(v.kind == "ub" for v in verdicts)
    res.skipped_c_failed = sum(v.kind == "c_failed" for v in verdicts)
    res.skipped_env = sum(v.kind == "env" for v in verdicts)
    res.inputs_tested = sum(v.kind in ("same", "differs") for v in verdicts)
    res.not_run = sum(v.kind == "not_run" for v in verdicts)
    res.differing = len(differing)
    res.findings = c_findings(plan, vecs, verdicts)
    if differing:
        best = min(differing, key=lambda i: (size_key(vecs[i]), i))
        vec, text = shrink(h, plan, vecs[best], verdicts[best].text)
        res.equivalence, res.counterexample = "differs", text
    elif res.inputs_tested == 0:
        res.equivalence = "untested"
        res.untested_reason = (f"{NO_DEFINED_INPUT}: {res.skipped_ub} hit undefined "
                               f"behaviour, {res.skipped_c_failed} made the C crash or hang (or "
                               "take too long to tell a Rust hang from a slower run), "
                               f"{res.skipped_env} ran out of memory")
        if res.findings:
            res.untested_reason += f"; the C's undefined behaviour: {res.findings[0]}"
        for a in plan.args:
            if a.role == "fnptr" and not a.candidates:
                res.untested_reason += (f"; parameter '{a.name}' could only be given NULL (SRC exports no "
                                        f"function of type {a.c_type})")
    unrun = wall_limited([v.text for v in verdicts if v.kind == "not_run"])
    if unrun:
        res.untested_reason = f"{res.untested_reason}; {unrun}" if res.untested_reason else unrun
    res.seconds = time.monotonic() - start
    return res


def c_findings(plan: FuncPlan, vecs: list[tuple], verdicts: list[Verdict]) -> list[str]:
    """The C's undefined behaviour, once per place (the simplest input showing it), most frequent first."""
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    simplest: dict[str, tuple] = {}  # the size_key of first[finding]: deep inputs cost a walk each
    for i, v in enumerate(verdicts):
        if v.kind == "ub" and v.finding:
            count[v.finding] = count.get(v.finding, 0) + 1
            key = size_key(vecs[i])
            if v.finding not in first or key < simplest[v.finding]:
                first[v.finding], simplest[v.finding] = i, key
    ranked = sorted(first, key=lambda f: (-count[f], f))[:MAX_FINDINGS]
    return [f"{f} on input {describe_call(plan, vecs[first[f]])} ({count[f]} input{'s' * (count[f] != 1)})"
            for f in ranked]


def evaluate(h: Harness, plan: FuncPlan, vecs: list[tuple], tag: str = "main") -> list[Verdict]:
    """Run `vecs` through the C, then the Rust on the inputs where the C behaved, then the C under ASan on
    the inputs in dispute and a sample (see dispute), and judge each input."""
    index = h.index[plan.fid]
    base = h.dir / "io" / f"{index}-{tag}"
    base.parent.mkdir(parents=True, exist_ok=True)
    blob = pack(plan, vecs)
    base.with_suffix(".in").write_bytes(blob)
    n, size, took = len(vecs), plan.out_struct.size, {}
    # A shrink candidate the C takes long on is no simpler counterexample: the C's rerun watchdog skips it
    # at a quarter of the cost (a C that loops on a zero it doubles, a candidate per round).
    c_ms = RERUN_WATCHDOG_MS if tag.startswith("shrink") else WATCHDOG_MS
    c_failed, c_data = run_side_kept(h.c_exe, index, base.with_suffix(".in"), base.with_suffix(".c"), n,
                                     size, False, plan.stateful, c_ms, took)
    sides = Sides(c_failed, {}, records(c_data, n, size), [b""] * n, took)
    batch = Batch(index, blob, n, base, size, plan.stateful)
    run_c_rest(h, batch, sides)
    # Inputs the C fails on are never shown to the Rust: a panic there (Rust checks what C leaves
    # undefined) is no difference, and would only spend the Rust side's failure allowance. An exit is a
    # result, as a return is.
    run_rust(h, batch, [i for i in range(n) if has_result(i, sides)], sides)
    if tag == "main":
        recheck_slow(h, plan, vecs, base, sides)
    settle(h, batch, sides)
    ask_asan(h, batch, sides)
    ask_uninit(h, batch, sides)
    r_failed, c_recs, r_recs = sides.r_failed, sides.c_recs, sides.r_recs
    resolve([o.report for o in c_failed.values() if o.report], h.src)
    if tag == "main" or tag.startswith("shrink"):  # scratch, megabytes for large objects: not kept in OUT
        for path in base.parent.glob(f"{base.name}.*"):
            path.unlink(missing_ok=True)
    return [judge(plan, vecs[i], c_failed.get(i), r_failed.get(i), c_recs[i], r_recs[i], sides.c_took.get(i))
            for i in range(n)]


def shrink(h: Harness, plan: FuncPlan, vec: tuple, text: str) -> tuple[tuple, str]:
    """Greedily simplify a differing input while it still differs; returns the smallest one and its text."""
    for round_ in range(SHRINK_ROUNDS):
        cands = [c for c in shrink_candidates(plan, vec) if size_key(c) < size_key(vec)]
        if not cands:
            break
        verdicts = evaluate(h, plan, cands, tag=f"shrink{round_}")
        hits = [(size_key(c), i) for i, (c, v) in enumerate(zip(cands, verdicts, strict=True))
                if v.kind == "differs"]
        if not hits:
            break
        _, i = min(hits)
        vec, text = cands[i], verdicts[i].text
    return vec, text
