"""Running cargo in a subprocess and reading its JSON diagnostics, including rustc's suggested fixes."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from llmigrate.core import LlmigrateError

CARGO_TIMEOUT = 600.0  # seconds for one cargo run; generated crates are small, a hang is a bug
# What a Rust staticlib needs from the system (`rustc --print native-static-libs` on Linux).
RUST_NATIVE_LIBS = ["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"]

# Wall time spent inside cargo by this process, read by bench/bench_migrate.py.
_timing = {"seconds": 0.0, "runs": 0}
_timing_lock = threading.Lock()


@dataclass
class Suggestion:
    """One machine-applicable replacement rustc proposes, as byte offsets into `file`."""

    file: str
    byte_start: int
    byte_end: int
    replacement: str


@dataclass
class CargoDiagnostic:
    """One compiler message; `file`/`line` locate its primary span (relative to the crate root)."""

    level: str  # "error" | "warning" | ...
    message: str
    rendered: str
    code: str | None = None
    file: str | None = None
    line: int = 0
    line_end: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class CargoResult:
    """One cargo run: success, its compiler messages, and how long it took."""

    ok: bool
    diagnostics: list[CargoDiagnostic]
    seconds: float
    stderr: str = ""  # cargo's own output (build script failures, manifest errors)

    @property
    def errors(self) -> list[CargoDiagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]


def cargo_seconds() -> tuple[float, int]:
    """Total seconds spent in cargo by this process and the number of runs."""
    with _timing_lock:
        return _timing["seconds"], _timing["runs"]


def run_cargo(crate: Path, command: str = "check", *, target_dir: Path | None = None,
              timeout: float = CARGO_TIMEOUT, extra: list[str] | None = None) -> CargoResult:
    """`cargo <command> --offline --message-format=json` in `crate`; a timeout or no cargo is an error."""
    crate = crate.resolve()  # cargo runs in `crate`: a relative manifest path would be resolved twice
    args = ["cargo", command, "--offline", "--message-format=json", "--manifest-path",
            str(crate / "Cargo.toml"), *(extra or [])]
    env = dict(os.environ)
    # Always an explicit target dir: a user's CARGO_TARGET_DIR would move the staticlib other stages look for.
    env["CARGO_TARGET_DIR"] = str(target_dir if target_dir is not None else crate / "target")
    env.pop("RUSTFLAGS", None)  # a user's flags (e.g. -D warnings) would change what counts as failing
    start = time.monotonic()
    try:
        proc = subprocess.run(args, cwd=crate, env=env, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError as e:
        raise LlmigrateError("cargo not found on PATH; install Rust (https://rustup.rs)") from e
    except subprocess.TimeoutExpired as e:
        raise LlmigrateError(f"cargo {command} in {crate} timed out after {timeout:.0f}s") from e
    finally:
        with _timing_lock:
            _timing["seconds"] += time.monotonic() - start
            _timing["runs"] += 1
    diags = parse_messages(proc.stdout, crate)
    return CargoResult(ok=proc.returncode == 0, diagnostics=diags, seconds=time.monotonic() - start,
                       stderr=proc.stderr)


def parse_messages(stdout: str, crate: Path) -> list[CargoDiagnostic]:
    """The compiler messages of cargo's JSON stream, each with its primary span and applicable fixes."""
    out = []
    for line in stdout.splitlines():
        if not line.startswith("{"):
            continue
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue
        if msg.get("reason") != "compiler-message":
            continue
        diag = _diagnostic(msg["message"], crate)
        if diag is not None:
            out.append(diag)
    return out


def _diagnostic(m: dict, crate: Path) -> CargoDiagnostic | None:
    level = m.get("level", "")
    if level not in {"error", "warning"} or m.get("message", "").startswith("aborting due to"):
        return None
    code = (m.get("code") or {}).get("code")
    diag = CargoDiagnostic(level=level, message=m.get("message", ""), rendered=m.get("rendered") or "",
                           code=code)
    primary = next((s for s in m.get("spans", []) if s.get("is_primary")), None)
    if primary is not None:
        primary = _outermost(primary)
        diag.file = _relative(primary["file_name"], crate)
        diag.line, diag.line_end = primary["line_start"], primary["line_end"]
    for sp in _all_spans(m):
        if sp.get("suggestion_applicability") == "MachineApplicable" and sp.get("suggested_replacement") \
                is not None:
            diag.suggestions.append(Suggestion(_relative(sp["file_name"], crate), sp["byte_start"],
                                               sp["byte_end"], sp["suggested_replacement"]))
    return diag


def _outermost(span: dict) -> dict:
    # A span inside a macro expansion: the place in our source that invoked the macro.
    while span.get("expansion") and span["expansion"].get("span"):
        span = span["expansion"]["span"]
    return span


def _all_spans(m: dict) -> list[dict]:
    spans = list(m.get("spans", []))
    for child in m.get("children", []):
        spans += _all_spans(child)
    return spans


def _relative(name: str, crate: Path) -> str:
    p = Path(name)
    if p.is_absolute():
        try:
            return p.relative_to(crate).as_posix()
        except ValueError:
            return p.as_posix()
    return p.as_posix()
