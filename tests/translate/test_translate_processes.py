"""The unit executor: the builtin's units run in worker processes when --jobs > 1, with the same Rust as one
job, byte for byte; a model's run on threads; an engine is chosen by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from gen_codebase import generate
from helpers.paths import FIXTURES

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.backends import get_backend
from llmigrate.backends.builtin.cfront import KEEP_TUS
from llmigrate.core import LlmigrateError, MigrateContext
from llmigrate.journal import Journal
from llmigrate.pipeline import MigrateOptions, migrate_command
from llmigrate.plan import make_plan
from llmigrate.signatures.mapper import map_all
from llmigrate.translate import executor
from llmigrate.translate.driver import translate_shared, translate_units


def _translate(src: Path, out: Path, jobs: int) -> tuple[dict[str, dict[str, str]], dict[str, bool]]:
    """Each unit's Rust, and which units translated (ok)."""
    cb = analyze_dir(src)
    backend = get_backend("builtin", cb.config)
    journal = Journal.create(out, str(src), backend.name, None)
    shared = translate_shared(cb, backend, journal)
    ctx = MigrateContext(src, out, cb.config.override(jobs=jobs), cb, journal, make_plan(cb), map_all(cb),
                         backend, shared)
    results = translate_units(ctx)
    return {uid: t.code for uid, t in results.items()}, {uid: t.ok for uid, t in results.items()}


def test_builtin_units_in_processes_give_the_rust_of_one_job(tmp_path: Path) -> None:
    src = FIXTURES / "ksort"
    one, ok_one = _translate(src, tmp_path / "one", 1)
    three, ok_three = _translate(src, tmp_path / "three", 3)
    assert one == three and ok_one == ok_three and len(one) > 5


def test_more_files_than_the_parses_kept_give_the_same_rust(tmp_path: Path) -> None:
    generate(tmp_path / "src", functions=4 * (KEEP_TUS + 4), per_file=4)  # each worker re-parses files
    one, ok_one = _translate(tmp_path / "src", tmp_path / "one", 1)
    two, ok_two = _translate(tmp_path / "src", tmp_path / "two", 2)
    assert one == two and ok_one == ok_two and all(ok_one.values())


def test_the_executor_is_chosen_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(executor.ENV, raising=False)
    assert executor.choose(cpu_bound=True, workers=4)[0] == "processes"
    assert executor.choose(cpu_bound=True, workers=1)[0] == "threads"
    assert executor.choose(cpu_bound=False, workers=4)[0] == "threads"
    seen = []

    def engine(workers, initializer, initargs):
        seen.append(workers)
        return executor.threads(workers, initializer, initargs)

    executor.register("test-engine", engine)
    monkeypatch.setenv(executor.ENV, "test-engine")
    assert executor.choose(cpu_bound=True, workers=4) == ("test-engine", engine)
    monkeypatch.setenv(executor.ENV, "nonesuch")
    with pytest.raises(LlmigrateError, match="LLMIGRATE_EXECUTOR=nonesuch: no such executor"):
        executor.choose(cpu_bound=True, workers=4)


def test_a_worker_process_runs_its_initializer_and_leaves_ctrl_c_to_the_parent() -> None:
    with executor.processes(1, os.environ.__setitem__, ("LLMIGRATE_TEST_WORKER", "1")) as pool:
        assert pool.submit(os.getenv, "LLMIGRATE_TEST_WORKER").result() == "1"
        worker = pool.submit(os.getpid).result()
        assert worker != os.getpid()
        os.kill(worker, signal.SIGINT)
        time.sleep(0.2)
        assert pool.submit(os.getpid).result() == worker


@pytest.mark.slow
def test_the_crate_of_three_jobs_is_the_crate_of_one_byte_for_byte(tmp_path: Path) -> None:
    for jobs in (1, 3):
        migrate_command(FIXTURES / "kmath", tmp_path / f"out{jobs}", MigrateOptions(
            backend="builtin", jobs=jobs, verify=False))
    files = {p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1" / "src").rglob("*") if p.is_file()}
    assert len(files) > 3
    for rel in files:
        assert (tmp_path / "out3" / rel).read_bytes() == (tmp_path / "out1" / rel).read_bytes(), rel


def test_a_file_is_one_batch_when_there_are_files_enough(tmp_path: Path) -> None:
    """Each batch parses its file in the worker that runs it: a file's units stay together when the files
    alone give every worker several batches, and a lone file is cut so that every worker has some."""
    from types import SimpleNamespace

    from llmigrate.translate.driver import _batches

    for per_file, whole in ((4, True), (80, False)):
        generate(tmp_path / str(per_file), functions=80, per_file=per_file)
        cb = analyze_dir(tmp_path / str(per_file))
        units = make_plan(cb).units()
        batches = _batches(SimpleNamespace(codebase=cb), units, 2)
        files = [{cb.functions[u.functions[0]].file for u in b} for b in batches]
        assert all(len(f) == 1 for f in files) and sorted(u.id for b in batches for u in b) == \
            sorted(u.id for u in units)
        assert (len(batches) == len({f for fs in files for f in fs})) == whole
        assert whole or len(batches) >= 2 * 4
