"""`llmigrate migrate`: analyze -> plan -> translate -> repair/reintegrate -> verify -> report.

Progress goes to stderr (a bar per stage on a terminal, one line per event otherwise; see progress.py); the
summary table goes to stdout. Exit code: 0 when every function
compiles in Rust (and verification, when run, passed), 1 when any function failed or was kept in C.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate import progress, runlock
from llmigrate.backends.choice import backend_line
from llmigrate.config import Config, load_config
from llmigrate.core import (
    Codebase,
    LlmigrateError,
    MigrateContext,
    Plan,
    RustSignature,
    SharedTranslation,
    Translation,
)
from llmigrate.errors import RunStopped
from llmigrate.journal import CargoOutcome, Journal, Status, VerifyRecord, journal_path
from llmigrate.refine.command import refine_crate
from llmigrate.reintegrate import finish, outdir
from llmigrate.reintegrate.crate import crate_name
from llmigrate.reintegrate.crate_state import CrateState
from llmigrate.repair.fallback import builtin_instead, settle_shared
from llmigrate.repair.loop import Loop
from llmigrate.repair.loop import run as run_repair
from llmigrate.repair.skeleton import settle
from llmigrate.verify.build import BuildError, build_staticlib
from llmigrate.verify.carry import Hashes, keep_verified, verified_hashes


@dataclass
class MigrateOptions:
    """The flags of `llmigrate migrate`: settings over llmigrate.toml (None: not given), then how to run."""

    backend: str | None = None
    model: str | None = None
    base_url: str | None = None
    jobs: int | None = None
    max_repairs: int | None = None
    resume: bool = False  # continue from OUT's journal
    force: bool = False  # write into an OUT llmigrate did not make, or over hand edits
    no_cache: bool = False
    frozen: bool = False  # answer only from the model cache
    verify: bool = True
    dry_run: bool = False  # print what a model run would send and cost; touch nothing in OUT
    fallback: str | None = None  # over `[model] fallback`: "none" keeps a model's failures failed
    refine: bool = False  # then refine the verified functions (refine/command.py)


@dataclass
class Run:
    """One migrate run: paths, settings, options and time per stage."""

    src: Path
    out: Path
    config: Config
    options: MigrateOptions
    timings: dict[str, float] = field(default_factory=dict)
    verified_before: Hashes = field(default_factory=dict)  # what --resume --no-verify keeps verified
    _t0: float = field(default_factory=time.monotonic)

    def stage(self, name: str) -> None:
        """Charge the time since the last stage ended to `name`."""
        now = time.monotonic()
        self.timings[name] = self.timings.get(name, 0.0) + now - self._t0
        self._t0 = now


def say(text: str) -> None:
    """A progress line on stderr (above the active stage's bar on a terminal)."""
    progress.say(text, sys.stderr)


def choose_backend(config: Config) -> str:
    """--backend > llmigrate.toml > openai when a model is configured (env, --base-url, config) > builtin."""
    if config.backend:
        return config.backend
    configured = os.environ.get("OPENAI_API_KEY") or os.environ.get("OPENAI_BASE_URL") or config.base_url \
        or config.model
    return "openai" if configured else "builtin"


def migrate_command(src: Path, out: Path, options: MigrateOptions | None = None) -> int:
    """Run the whole migration of SRC into OUT; returns the exit code."""
    o = options or MigrateOptions()
    # Absolute from here on: the journal's source must still point at SRC when verify runs from elsewhere.
    src, out = Path(src).resolve(), Path(out).resolve()
    if not src.is_dir():
        raise LlmigrateError(f"{src}: not a directory of C sources")
    if not o.dry_run:
        outdir.check_out(src, out, force=o.force, resume=o.resume)
    config = load_config(src).override(backend=o.backend, model=o.model, base_url=o.base_url, jobs=o.jobs,
                                       max_repairs=o.max_repairs, cache_dir=str(out / ".llmigrate" / "cache"),
                                       no_cache=o.no_cache or None, frozen=o.frozen or None,
                                       model_fallback=o.fallback)
    if config.max_repairs < 0 or config.jobs < 1:
        raise LlmigrateError("--max-repairs must be >= 0 and --jobs >= 1")
    say(backend_line(choose_backend(config), config, o.backend))
    if o.refine and (choose_backend(config) == "builtin" or not o.verify):
        raise LlmigrateError("--refine asks a model for safer Rust of the verified functions: it needs a "
                             "model backend and verification (no --no-verify)")
    run = Run(src, out, config, o)
    if o.dry_run:
        return _dry_run(run)
    with runlock.hold(out, f"llmigrate migrate {src} --out {out}{' --resume' if o.resume else ''}"):
        try:
            return _migrate(run)
        except RunStopped as e:
            raise RunStopped(f"{e}\n{resume_hint(run)}") from None
        except KeyboardInterrupt:  # the journal is saved after every unit: what finished is on disk
            say(f"interrupted; {resume_hint(run)}")
            return 130


def resume_hint(run: Run) -> str:
    """How to continue a stopped run from what it saved in OUT."""
    return (f"finished units are saved in {run.out}; continue with: llmigrate migrate {run.src} --out "
            f"{run.out} --resume")


def _migrate(run: Run) -> int:
    from llmigrate.analyze.codebase import kept_out_of_gc

    analyzed = _analyze(run)
    with kept_out_of_gc():
        return _repair_and_finish(run, _translate(run, *analyzed))


def _repair_and_finish(run: Run, ctx: MigrateContext) -> int:
    state = CrateState(ctx.out, crate_name(ctx.src), ctx.codebase, ctx.plan, ctx.signatures, ctx.shared.code,
                       ctx.config, previous=outdir.previous_files(ctx.journal), shared_c=ctx.shared.c_code)
    ctx.shared = settle_shared(state, ctx.shared, ctx.backend, ctx.journal, say)
    _load_state(state, ctx.journal)
    loop = Loop(state, ctx.backend, ctx.journal, ctx.shared, ctx.config.max_repairs, ctx.config.jobs, say)
    loop.stand_in = builtin_instead
    with progress.Bar("repair", len(ctx.plan.units()), sys.stderr) as loop.bar:
        result = run_repair(loop)
    loop.bar = None
    with ctx.journal.lock:
        ctx.journal.run.skeleton = CargoOutcome(result.skeleton_ok, result.skeleton_errors)
        ctx.journal.save()
    if not result.skeleton_ok:
        say("repair: the crate skeleton (shared items and signatures) does not build; no function is blamed:")
        for e in result.skeleton_errors[:5]:
            say(e.rstrip())
        state.write()
    run.stage("repair")
    return _finish(run, ctx, loop, result.skeleton_errors)


def _analyze(run: Run) -> tuple[Codebase, Plan, dict[str, RustSignature]]:
    from llmigrate import plan
    from llmigrate.analyze import codebase as analyze
    from llmigrate.signatures.mapper import map_all

    codebase = analyze.analyze_dir(run.src)
    for d in codebase.diagnostics:
        say(str(d))
    if not codebase.functions:
        raise LlmigrateError(f"{run.src}: no C function definitions found")
    the_plan = plan.make_plan(codebase)
    say(f"analyze: {len(codebase.functions)} functions in {len(codebase.c_files())} C files, "
        f"{len(the_plan.units())} units in {len(the_plan.levels)} levels")
    run.stage("analyze")
    signatures = map_all(codebase)
    run.stage("signatures")  # a stage of its own: its time was charged to translate, a work apart from it
    for sig in signatures.values():
        if sig.unsupported:
            say(f"{sig.unsupported}: {sig.c_name} stays C (no Rust item, no C ABI entry), and so do its "
                "callers")
    return codebase, the_plan, signatures


def _dry_run(run: Run) -> int:
    """Print what translating SRC would send to the model and cost; touches nothing in OUT."""
    from llmigrate.backends import available, get_backend
    from llmigrate.backends.budget import estimate
    from llmigrate.backends.openai_backend import DEFAULT_MODEL

    codebase, the_plan, signatures = _analyze(run)
    shared = SharedTranslation("")  # what the prompts show of the shared module: the builtin's, if used
    if "builtin" in available() and run.config.model_shared == "builtin":
        shared = get_backend("builtin", run.config).translate_shared(codebase)
    est = estimate(codebase, the_plan, signatures, shared, run.config.model_context)
    print(est.text(run.config, run.config.model or DEFAULT_MODEL))
    return 0


def _translate(run: Run, codebase: Codebase, the_plan: Plan,
               signatures: dict[str, RustSignature]) -> MigrateContext:
    """Open the journal, translate the shared module then every unit; the context the later stages use."""
    from llmigrate.backends import get_backend
    from llmigrate.translate import driver as translate

    backend = get_backend(choose_backend(run.config), run.config)
    if run.options.resume and not journal_path(run.out).is_file():
        say(f"resume: no run journal in {run.out}; starting a fresh run")
    journal = outdir.open_journal(run.out, run.src, backend, run.options.resume)
    run.verified_before = verified_hashes(journal, run.out)
    shared = translate.translate_shared(codebase, backend, journal)
    for failure in shared.failures:
        say(f"shared: {failure}")
    for note in shared.notes:
        say(f"shared: {note}")
    ctx = MigrateContext(run.src, run.out, run.config, codebase, journal, the_plan, signatures, backend,
                         shared)
    _settle_skeleton(ctx)
    run.stage("shared")  # the shared items and the skeleton's cargo check, apart from the units' time
    total, done, failed, reused = len(the_plan.units()), [], [], []

    def report(bar: progress.Bar, unit_id: str, t: Translation, old: bool = False) -> None:
        done.append(t)
        if old:
            reused.append(unit_id)
        if not t.ok:
            failed.append(unit_id)  # counted as they come: a count over `done` per unit was quadratic
        bar.update(len(done), len(failed), unit_id + ("" if t.ok else ": failed"), quiet=old)

    with progress.Bar("translate", total, sys.stderr) as bar:
        translate.translate_units(ctx, progress=lambda unit_id, t: report(bar, unit_id, t),
                                  reused=lambda unit_id, t: report(bar, unit_id, t, old=True))
    if run.options.resume:
        say(f"resume: {len(reused)} of {total} units reused from the earlier run")
    run.stage("translate")
    return ctx


def _settle_skeleton(ctx: MigrateContext) -> None:
    """Before translating: demote, one at a time, the shared items and signatures the crate skeleton does
    not build with (a model's shared module is judged whole after translation, by settle_shared)."""
    from llmigrate.translate.driver import save_shared, shared_hash

    if ctx.shared.origin == "model":
        return
    state = CrateState(ctx.out, crate_name(ctx.src), ctx.codebase, ctx.plan, ctx.signatures, ctx.shared.code,
                       ctx.config)
    settled = settle(state, say)
    if settled.shared:
        ctx.shared.code = state.shared
        ctx.shared.failures += settled.shared
        with ctx.journal.lock:
            save_shared(ctx.journal, ctx.shared, shared_hash(ctx.codebase), ctx.backend.name)
            ctx.journal.save()


def _load_state(state: CrateState, journal: Journal) -> None:
    """Current Rust per function from the journal; a unit with a function lacking Rust starts kept in C."""
    for unit in state.plan.units():
        records = {fid: journal.functions[fid] for fid in unit.functions}
        usable = all(r.status not in (Status.FAILED, Status.KEPT_IN_C) and r.rust for r in records.values())
        for fid, rec in records.items():
            if usable and rec.rust:
                state.code[fid] = rec.rust
                rec.status = Status.TRANSLATED  # compiled, verified: re-judged by this run's checks
                continue
            state.kept.add(fid)
            if rec.status == Status.FAILED:
                why = (rec.reasons or ["no reason given"])[-1].splitlines()[0]
                rec.reasons.append(f"kept in C: not translated ({why})")
            elif rec.status != Status.KEPT_IN_C:
                rec.reasons.append("kept in C with the rest of its unit (mutually recursive functions)")
    journal.save()


def _finish(run: Run, ctx: MigrateContext, loop: Loop, skeleton_errors: list[str]) -> int:
    state, journal = loop.state, ctx.journal
    finish.set_statuses(state, journal, skeleton_errors)
    # Verification's optimised build starts once the crate is written, beside the debug build (a profile of
    # its own: no cargo lock is shared); verify's own build then finds it done.
    with ThreadPoolExecutor(max_workers=1) as early:
        verify_build = functools.partial(early.submit, _verify_build, run.out) if run.options.verify else None
        built = _write_out(run, state, journal, verify_build)
        return _verify_and_report(run, ctx, loop, skeleton_errors, built)


def _verify_build(out: Path) -> None:
    """The optimised build verify makes first; its errors are verify's to report, when it builds again."""
    with contextlib.suppress(BuildError, LlmigrateError):
        build_staticlib(out)


def _verify_and_report(run: Run, ctx: MigrateContext, loop: Loop, skeleton_errors: list[str],
                       built: bool) -> int:
    journal = ctx.journal
    if built and not run.options.verify and run.verified_before:
        _keep_verification(run, journal)
    verified_ok = True
    if run.options.verify and built:
        try:
            verified_ok = _verify(run, ctx, loop)
        except LlmigrateError:
            raise
        except Exception as e:  # the crate and journal are written: still report, and say what broke
            verified_ok = False
            say(f"verify: could not run: {type(e).__name__}: {e}")
            with journal.lock:
                journal.run.verify = VerifyRecord(error=f"{type(e).__name__}: {e}")
                journal.save()
        run.stage("verify")
        if run.options.refine:
            refine_crate(ctx, ctx.backend, say)
            run.stage("refine")
    _report(run.out)
    run.stage("report")
    from llmigrate.report.summary import print_summary

    with journal.lock:
        journal.run.stages = {k: round(v, 2) for k, v in run.timings.items()}
        journal.save()
    counts = print_summary(journal, run.timings)
    bad = counts.get(Status.FAILED, 0) + counts.get(Status.KEPT_IN_C, 0)
    return 0 if built and not bad and not skeleton_errors and verified_ok else 1


def _keep_verification(run: Run, journal: Journal) -> None:
    kept = keep_verified(journal, run.verified_before)
    say(f"verify: skipped; {kept} of {len(run.verified_before)} functions verified earlier stay verified "
        "(C and Rust unchanged)")


def _write_out(run: Run, state: CrateState, journal: Journal,
               written: Callable[[], object] | None = None) -> bool:
    """Format, record, copy, lock and `cargo build` the crate (`written` called before the build); True when
    it built."""
    built = finish.write_out(state, journal, str(run.src), written)
    for failure in journal.run.format:
        say(f"format: {failure}")
    say(f"build: cargo build {'succeeded' if built.ok else 'FAILED'} ({built.seconds:.1f}s)")
    run.stage("build")
    return built.ok


def _verify(run: Run, ctx: MigrateContext, loop: Loop) -> bool:
    """C tests and differential tests; differing functions get bounded repairs with the counterexample."""
    from llmigrate.repair.diff import repair_differences
    from llmigrate.verify.difftest.driver import differential
    from llmigrate.verify.result import overview
    from llmigrate.verify.run import verify_run

    state, journal = loop.state, ctx.journal
    result = verify_run(ctx)
    for line in overview(result):
        say(line)
    if not result.differs or loop.max_repairs == 0:
        return result.ok

    def rebuild() -> bool:
        outdir.record_files(journal, state.files)  # OUT/src leaves the generated copy until saved again
        state.write()
        return finish.final_build(state, journal).ok

    changed = repair_differences(loop, lambda fids: differential(ctx, fids), rebuild)
    if not changed:
        return result.ok
    if not _write_out(run, state, journal):
        return False
    result = verify_run(ctx)
    for line in overview(result):
        say(f"after repairs: {line}")
    return result.ok


def _report(out: Path) -> None:
    try:
        from llmigrate.report.render import write_reports
    except ImportError:
        say("report: not available in this installation; skipped")
        return
    write_reports(out)
    say(f"report: {out / 'report' / 'index.html'}")
