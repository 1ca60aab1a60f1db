"""Harness runs that hung, kept on disk beside the executable, by what decides them: its content, the
function, the inputs and the watchdog. A function that loops forever (a Rust that lost its loop's exit, a C
given a zero capacity it doubles) costs a watchdog per input each time it is run, and the same inputs are run
again by the same programs: a function's second run, which builds only the C sides that fill its locals anew
(the C and Rust harnesses stay the same), runs and shrinks as its first did. What one run of a program on
some inputs did is what the next would do: only the wait is saved. On disk, not in memory: the runs of one
verification happen in worker processes that end with it. Only for that verification: a hang is one
observation on a machine whose load varies, so a later verification waits for its own (`forget`)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path

from llmigrate.verify.difftest.run import WALL_LIMITED, WATCHDOG_MS, Outcome, run_side

_digests: dict[tuple[str, int, int], str] = {}  # (path, mtime, size) -> content digest, per process


def run_side_kept(exe: Path, index: int, in_path: Path, out_path: Path, n: int, out_size: int, rust: bool,
                  fresh: bool = False, watchdog_ms: int = WATCHDOG_MS,
                  took: dict[int, int] | None = None) -> tuple[dict[int, Outcome], bytes]:
    """run_side, or what the same run did before when it hung on some input."""
    blob = in_path.read_bytes()
    key = hashlib.sha256(repr((_digest(exe), index, n, out_size, rust, fresh, watchdog_ms)).encode() + blob)
    kept = exe.with_name(exe.name + ".hung") / key.hexdigest()
    if kept.is_file():
        failed, data, slow = pickle.loads(kept.read_bytes())
    else:
        slow = {}
        failed, data = run_side(exe, index, in_path, out_path, n, out_size, rust, fresh, watchdog_ms, slow)
        if _worth_keeping(failed):
            kept.parent.mkdir(exist_ok=True)
            part = kept.with_suffix(f".{os.getpid()}")
            part.write_bytes(pickle.dumps((failed, data, slow)))
            os.replace(part, kept)  # whole or absent for a concurrent reader
    if took is not None:
        took.update(slow)
    return failed, data


def forget(work: Path) -> None:
    """Drop the hangs kept by earlier verifications under the harness directory `work`."""
    for kept in work.glob("*.hung"):
        shutil.rmtree(kept, ignore_errors=True)


def _worth_keeping(failed: dict[int, Outcome]) -> bool:
    """A run that waited for a hang, and whose inputs were all decided by the program rather than left by the
    wall-clock safety net (how far that gets depends on the machine's load)."""
    return any(o.kind == "hang" for o in failed.values()) and \
        not any(o.kind == "not_run" and WALL_LIMITED in o.detail for o in failed.values())


def _digest(exe: Path) -> str:
    st = exe.stat()
    at = (str(exe), st.st_mtime_ns, st.st_size)
    if at not in _digests:
        _digests[at] = hashlib.sha256(exe.read_bytes()).hexdigest()
    return _digests[at]
