"""Where verification runs what it built: the C tests (against the C and the Rust), the differential harness
and, inside it, the Rust under test. Code under test may write, rename or delete the files its arguments
name, so no such program runs in the user's directories.

Every run gets a fresh scratch directory under OUT as its working directory, with HOME and TMPDIR inside it
(removed afterwards), a CPU-time budget with a wall-clock backstop, a memory limit and no core dumps. Where
the machine allows (probed once per process), the program also runs in namespaces:
- `bwrap` (bubblewrap): user, mount, network, pid, ipc and uts namespaces; the file system is read-only except
  the scratch directory and the directory verification put the program in (its input and output files),
  and /tmp is the scratch directory's own;
- `unshare` (util-linux), when bubblewrap is missing or refused: user, mount, network and ipc namespaces; the
  file system is as writable as for the user, so only the scratch directory keeps relative paths away.
`LLMIGRATE_SANDBOX=plain` turns namespaces off (`bwrap` or `unshare` asks for one; `auto`, the default, takes
the first that works).
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from llmigrate.core import LlmigrateError

ENV_VAR = "LLMIGRATE_SANDBOX"
MODES = ("bwrap", "unshare")  # in the order `auto` tries them
MEMORY_LIMIT = 4 << 30  # address space of a program under test
# A run's `timeout` is the CPU time it may use; the wall clock, which a busy machine (a CI runner, the other
# jobs of a migrate) stretches for reasons that are not the program's, only stops a program that waits
# without computing (sleep, a blocking read), at this many times the budget.
WALL_FACTOR = 4
# A program that sets its own address-space limits (the differential harness gives each input the same
# allowance, and reserves wide inaccessible guard regions) is capped on written memory instead, well above
# anything its own allowance lets an input use.
_DESCRIPTIONS = {
    "bwrap": "bubblewrap: user, mount, network, pid and ipc namespaces; file system read-only outside the "
             "scratch directory and the program's own directory under OUT",
    "unshare": "unshare: user, mount, network and ipc namespaces; file system writable as for the user",
    "plain": "no namespaces: scratch directory as cwd, HOME and TMPDIR, timeout and memory limit only",
}
# bubblewrap reports a program killed by signal N as exit status 128 + N, as a shell does.
_DEATHS = {signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT, signal.SIGKILL,
           signal.SIGXCPU, signal.SIGALRM, signal.SIGTERM, signal.SIGTRAP, signal.SIGSYS, signal.SIGPIPE}


@dataclass
class Run:
    rc: int | None  # None when killed by the timeout; -N when killed by signal N
    stdout: str
    stderr: str
    seconds: float

    @property
    def timed_out(self) -> bool:
        return self.rc is None


def spawn(cmd: list[str], *, timeout: float, cwd: Path | None = None, env: dict | None = None,
          preexec: Callable[[], None] | None = None) -> Run:
    """Run `cmd` with a wall-clock timeout; on timeout its whole process group is killed."""
    start = time.monotonic()
    # A session of its own, so that a timeout kills the program's children too (the harness forks).
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=preexec)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return Run(None, _text(out), _text(err), time.monotonic() - start)
    return Run(proc.returncode, _text(out), _text(err), time.monotonic() - start)


def _text(b: bytes | str | None) -> str:
    if b is None:
        return ""
    return b if isinstance(b, str) else b.decode("utf-8", errors="replace")


def mode() -> str:
    """The isolation runs get now: "bwrap", "unshare" or "plain" (LLMIGRATE_SANDBOX, then what works)."""
    wanted = (os.environ.get(ENV_VAR) or "auto").strip().lower()
    if wanted == "plain":
        return "plain"
    if wanted != "auto" and wanted not in MODES:
        raise LlmigrateError(f"{ENV_VAR}={wanted!r}: expected auto, plain, {' or '.join(MODES)}")
    return next((m for m in (MODES if wanted == "auto" else (wanted,)) if works(m)), "plain")


def describe() -> str:
    """What the current mode isolates, for the journal and the terminal."""
    return _DESCRIPTIONS[mode()]


@functools.cache
def works(name: str) -> bool:
    """Whether namespaces of this kind can be made here: the tool exists and a trivial run succeeds."""
    if shutil.which(name) is None:
        return False
    with tempfile.TemporaryDirectory(prefix="llmigrate-probe-") as d:
        box = Path(d)
        (box / ".tmp").mkdir()
        argv = _wrap(name, ["true"], box, [], [])
        try:
            return spawn(argv, timeout=20, cwd=box).rc == 0
        except OSError:
            return False


@contextmanager
def scratch(root: Path) -> Iterator[Path]:
    """A fresh scratch directory under `root` (with .home and .tmp inside), removed afterwards."""
    root.mkdir(parents=True, exist_ok=True)
    box = Path(tempfile.mkdtemp(prefix="run-", dir=root))
    for sub in (".home", ".tmp"):
        (box / sub).mkdir()
    try:
        yield box
    finally:
        shutil.rmtree(box, ignore_errors=True)


def run(cmd: list[str], *, timeout: float, env: dict | None = None, self_limited: bool = False,
        writable: Sequence[Path] | None = None, root: Path | None = None) -> Run:
    """Run a program under test in a fresh scratch directory (default: under its own directory, which is
    also the default writable place for its input and output files)."""
    home = Path(cmd[0]).resolve().parent
    with scratch(root or home / "sandbox") as box:
        return run_in(box, cmd, timeout=timeout, env=env, self_limited=self_limited,
                      writable=[home] if writable is None else writable)


def run_in(box: Path, cmd: list[str], *, timeout: float, env: dict | None = None, self_limited: bool = False,
           writable: Sequence[Path] = ()) -> Run:
    """Run `cmd` in the scratch directory `box` (from `scratch`) with `timeout` seconds of CPU time (and
    wall_limit(timeout) of wall-clock time); `self_limited`: the program sets its own CPU and address-space
    limits, so memory is capped as written data instead, and `timeout` is wall-clock time."""
    how = mode()
    readable = [Path(cmd[0]).resolve().parent]
    argv = _wrap(how, cmd, box, readable, list(writable)) if how != "plain" else cmd
    env = {**(os.environ if env is None else env), "HOME": str(box / ".home"), "TMPDIR": str(box / ".tmp"),
           "PWD": str(box)}
    limits = _limits(timeout, self_limited)
    if _prlimit():  # set by a program rather than in a preexec hook, which would rule out a fast vfork
        flags = [f"--{name}={soft}:{hard}" for name, soft, hard in limits]
        argv, preexec = ["prlimit", *flags, "--", *argv], None
    else:
        preexec = functools.partial(_set_limits, limits)
    result = spawn(argv, timeout=timeout if self_limited else wall_limit(timeout), cwd=box, env=env,
                   preexec=preexec)
    if how == "bwrap" and result.rc is not None and result.rc - 128 in _DEATHS:
        result.rc = 128 - result.rc
    return result


def wall_limit(timeout: float) -> float:
    """The wall-clock seconds a run with a CPU budget of `timeout` seconds gets."""
    return timeout * WALL_FACTOR


@functools.cache
def _prlimit() -> bool:
    return shutil.which("prlimit") is not None


def _limits(timeout: float, self_limited: bool) -> list[tuple[str, int, int]]:
    """(prlimit resource name, soft, hard): no core dumps, and CPU time and memory unless `self_limited`."""
    if self_limited:
        # The harness limits each input itself; a data limit here would also refuse the shadow memory that
        # AddressSanitizer reserves on the C side (terabytes of address space, never written).
        return [("core", 0, 0)]
    return [("core", 0, 0), ("cpu", int(timeout) + 1, int(timeout) + 2), ("as", MEMORY_LIMIT, MEMORY_LIMIT)]


_RESOURCES = {"core": resource.RLIMIT_CORE, "data": resource.RLIMIT_DATA, "cpu": resource.RLIMIT_CPU,
              "as": resource.RLIMIT_AS}


def _set_limits(limits: list[tuple[str, int, int]]) -> None:
    for name, soft, hard in limits:
        resource.setrlimit(_RESOURCES[name], (soft, hard))


def _wrap(how: str, cmd: list[str], box: Path, readable: list[Path], writable: list[Path]) -> list[str]:
    """`cmd` inside namespaces of kind `how`."""
    if how == "unshare":
        return ["unshare", "--user", "--map-root-user", "--mount", "--net", "--ipc", "--fork", "--kill-child",
                "--", *cmd]
    # Later mounts cover earlier ones: /tmp becomes the scratch's own, then the directories under OUT
    # (which may lie in /tmp) are mounted back.
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--dev", "/dev",
            "--proc", "/proc", "--bind", str(box / ".tmp"), "/tmp"]
    for path in readable:
        argv += ["--ro-bind", str(path), str(path)]
    for path in [*writable, box]:
        argv += ["--bind", str(path), str(path)]
    return [*argv, "--chdir", str(box), "--", *cmd]
