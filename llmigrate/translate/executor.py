"""The unit executor: the one place that chooses where units are translated.

A model backend waits on the network, so its units run on threads. The builtin's work is libclang and Python,
bound by the GIL, so it runs in worker processes (`Translator.cpu_bound`), forked once the shared items are
translated: they inherit the codebase, the signatures and the parsed C without pickling them. Another engine
(Dask, Ray) plugs in here by name, through `register` and LLMIGRATE_EXECUTOR (HACKING.md); the stages never
know which one ran their units.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from llmigrate.errors import LlmigrateError

# (workers, initializer, its arguments) -> an Executor whose every worker ran initializer(*initargs) once
# before its first task, as ProcessPoolExecutor's own `initializer` does.
Factory = Callable[[int, Callable[..., None], tuple], Executor]
ENV = "LLMIGRATE_EXECUTOR"
_FACTORIES: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Make an engine's executor selectable with LLMIGRATE_EXECUTOR=name."""
    _FACTORIES[name] = factory


def threads(workers: int, initializer: Callable[..., None], initargs: tuple) -> Executor:
    initializer(*initargs)  # threads share this process: it is their state too
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="translate")


def processes(workers: int, initializer: Callable[..., None], initargs: tuple) -> Executor:
    # fork: `python -m llmigrate` cannot be re-imported as a spawned child's main module, and the workers
    # share the parent's memory (parsed C included) until they write to it.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start, initargs=(initializer, initargs))


def _worker_start(initializer: Callable[..., None], initargs: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    initializer(*initargs)


register("threads", threads)
register("processes", processes)


def choose(cpu_bound: bool, workers: int) -> tuple[str, Factory]:
    """The engine's name and factory: LLMIGRATE_EXECUTOR when set, else processes for CPU-bound work on
    more than one worker, else threads."""
    name = os.environ.get(ENV) or ("processes" if cpu_bound and workers > 1 else "threads")
    if name not in _FACTORIES:
        raise LlmigrateError(f"{ENV}={name}: no such executor (registered: {', '.join(sorted(_FACTORIES))})")
    return name, _FACTORIES[name]
