"""OUT/.llmigrate/run.lock: one llmigrate run at a time writes into an OUT (migrate, verify, check).

The file holds its owner's pid, command and start time, for the message a second run exits with. The lock
itself is an flock(2) on the open file: the kernel drops it when the owner dies, however it dies, so the
file a killed run leaves behind is stale by construction and the next run takes it over (and says so).
`OUT/llmigrate.lock` is another file: the drift hashes that `check` compares.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from llmigrate.core import LlmigrateError

LOCK_NAME = "run.lock"
# lock file -> how deep this process holds it: `check --fix` runs migrate into the OUT it already holds
_held: dict[Path, int] = {}


def lock_path(out: Path) -> Path:
    return Path(out).resolve() / ".llmigrate" / LOCK_NAME


@contextmanager
def hold(out: Path, command: str) -> Iterator[None]:
    """Hold OUT's run lock for the block; another live holder is a usage error (exit 2) naming it."""
    path = lock_path(out)
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    created = [d for d in path.parents if not d.exists()]  # innermost first
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _acquire(path, Path(out), command)
    _held[path] = 1
    try:
        yield
    finally:
        del _held[path]
        _release(path, fd, created)


def _acquire(path: Path, out: Path, command: str) -> int:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _read(fd)
            os.close(fd)
            raise LlmigrateError(f"{out} is in use by another llmigrate run ({_describe(owner)}); wait for "
                                 "it to finish or stop it, then run again") from None
        if _same_file(fd, path):  # not a file its last owner unlinked between our open and our flock
            break
        os.close(fd)
    stale = _read(fd)
    if stale:
        print(f"llmigrate: taking over the run lock of a run that is gone ({_describe(stale)})",
              file=sys.stderr)
    _write(fd, {"pid": os.getpid(), "command": command, "started": time.strftime("%Y-%m-%d %H:%M:%S")})
    return fd


def _release(path: Path, fd: int, created: list[Path]) -> None:
    try:
        path.unlink(missing_ok=True)  # before the unlock, so that no one locks a file on its way out
    finally:
        os.close(fd)
    for d in created:  # the directories this run made, when it stopped before writing anything
        try:
            d.rmdir()
        except OSError:
            pass


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _read(fd: int) -> dict:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(fd: int, owner: dict) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(owner).encode("utf-8"), 0)


def _describe(owner: dict) -> str:
    return (f"pid {owner.get('pid', '?')}, `{owner.get('command', '?')}`, started "
            f"{owner.get('started', 'at an unknown time')}")
