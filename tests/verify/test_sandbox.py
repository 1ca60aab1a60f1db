"""The sandbox verification runs programs in: C tests and differential inputs of functions that create and
delete the files their arguments name leave the caller's working directory and HOME alone, with namespaces
and with them turned off. Real gcc, cargo, child processes and files."""

from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path

import pytest
from helpers.handwritten import compiled_context, write_crate

from llmigrate.analyze.codebase import analyze_dir
from llmigrate.config import load_config
from llmigrate.verify import sandbox
from llmigrate.verify.run import verify_run

LIB_C = """\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "files.h"

/* Names with a '/' are refused: no generated input reaches outside the directory, even unsandboxed. */
int make(const char *name)
{
	FILE *f;

	if (!*name || strchr(name, '/'))
		return -1;
	f = fopen(name, "w");
	if (!f)
		return -2;
	fputs("made", f);
	fclose(f);
	return 0;
}

int zap(const char *name)
{
	if (strchr(name, '/'))
		return -1;
	return remove(name) == 0 ? 0 : -2;
}

int zap_in_home(const char *name)
{
	char path[4096];
	const char *home = getenv("HOME");

	if (!home || strchr(name, '/'))
		return -1;
	snprintf(path, sizeof path, "%s/%s", home, name);
	return remove(path) == 0 ? 0 : -2;
}
"""

HEADER = "int make(const char *name);\nint zap(const char *name);\nint zap_in_home(const char *name);\n"

TEST_C = """\
#include <stdio.h>
#include "files.h"
int main(void)
{
	/* The caller's directory and HOME hold files by these names: the test must reach neither. */
	if (make("a") != 0 || zap("a") != 0 || zap("victim.txt") != -2)
		return 1;
	if (make("victim") != 0 || zap_in_home("victim") != -2)
		return 2;
	return 0;
}
"""

LIB_RS = """\
use std::ffi::{CStr, OsStr};
use std::os::raw::c_char;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

unsafe fn name<'a>(p: *const c_char) -> Option<&'a OsStr> {
    let bytes = CStr::from_ptr(p).to_bytes();
    if bytes.contains(&b'/') { None } else { Some(OsStr::from_bytes(bytes)) }
}

#[no_mangle]
pub unsafe extern "C" fn make(p: *const c_char) -> i32 {
    match name(p) {
        Some(n) if !n.is_empty() => match std::fs::write(n, "made") { Ok(()) => 0, Err(_) => -2 },
        _ => -1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn zap(p: *const c_char) -> i32 {
    match name(p) {
        Some(n) => match std::fs::remove_file(n) { Ok(()) => 0, Err(_) => -2 },
        None => -1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn zap_in_home(p: *const c_char) -> i32 {
    match (name(p), std::env::var_os("HOME")) {
        (Some(n), Some(home)) => match std::fs::remove_file(PathBuf::from(home).join(n)) {
            Ok(()) => 0,
            Err(_) => -2,
        },
        _ => -1,
    }
}
"""

# Names the differential inputs use (boundary strings) and the C test names: present where the user works.
PRECIOUS = ["a", "hello, world", "x" * 32, "victim.txt", "victim"]


def _project(root: Path) -> tuple[Path, Path]:
    src, out = root / "src", root / "out"
    (src / "tests").mkdir(parents=True)
    (src / "files.h").write_text(HEADER)
    (src / "files.c").write_text(LIB_C)
    (src / "tests" / "test_files.c").write_text(TEST_C)
    write_crate(out, "files-rs", LIB_RS)
    return src, out


def _snapshot(d: Path) -> dict[str, str]:
    return {p.relative_to(d).as_posix(): p.read_text() for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return _project(tmp_path_factory.mktemp("sandbox"))


@pytest.mark.slow
@pytest.mark.parametrize("wanted", ["auto", "plain"])
def test_programs_that_create_and_delete_files_leave_cwd_and_home_alone(project, tmp_path: Path,
                                                                        monkeypatch, wanted: str):
    monkeypatch.setenv(sandbox.ENV_VAR, wanted)
    if wanted == "auto" and sandbox.mode() == "plain":
        pytest.skip("no namespaces on this machine (neither bwrap nor unshare works)")
    src, out = project
    caller, home = tmp_path / "caller", tmp_path / "home"
    for d in (caller, home):
        d.mkdir()
        for name in PRECIOUS:
            (d / name).write_text("the user's own")
    monkeypatch.chdir(caller)
    for var, default in (("RUSTUP_HOME", ".rustup"), ("CARGO_HOME", ".cargo")):  # cargo finds them by HOME
        monkeypatch.setenv(var, os.environ.get(var) or str(Path.home() / default))
    monkeypatch.setenv("HOME", str(home))
    before = (_snapshot(caller), _snapshot(home))
    cb = analyze_dir(src, load_config(src))
    result = verify_run(compiled_context(src, out, cb))
    (t,) = result.c_tests
    assert (t.c, t.rust) == ("passed", "passed"), t.output
    for fid in ("make", "zap", "zap_in_home"):
        assert result.functions[fid].inputs_tested > 0, result.functions[fid].untested_reason
    assert (_snapshot(caller), _snapshot(home)) == before
    assert not list((out / ".llmigrate" / "verify").rglob("run-*")), "scratch directories are removed"


def test_mode_follows_the_setting(monkeypatch):
    monkeypatch.setenv(sandbox.ENV_VAR, "plain")
    assert sandbox.mode() == "plain" and "no namespaces" in sandbox.describe()
    monkeypatch.setenv(sandbox.ENV_VAR, "chroot")
    with pytest.raises(Exception, match="LLMIGRATE_SANDBOX='chroot'"):
        sandbox.mode()


def _shell(tmp_path: Path, script: str) -> sandbox.Run:
    return sandbox.run(["/bin/sh", "-c", script], timeout=20, writable=[], root=tmp_path / "boxes")


@pytest.mark.parametrize("wanted", ["bwrap", "plain"])
def test_scratch_directory_is_cwd_home_and_tmpdir(tmp_path: Path, monkeypatch, wanted: str):
    if wanted != "plain" and not sandbox.works(wanted):
        pytest.skip(f"{wanted} does not work here")
    monkeypatch.setenv(sandbox.ENV_VAR, wanted)
    run = _shell(tmp_path, 'pwd; echo "$HOME"; echo "$TMPDIR"; touch here; ls -A')
    cwd, home, tmp, *listing = run.stdout.split()
    assert cwd.startswith(str(tmp_path / "boxes" / "run-"))
    assert (home, tmp) == (f"{cwd}/.home", f"{cwd}/.tmp")
    assert sorted(listing) == [".home", ".tmp", "here"]
    assert list((tmp_path / "boxes").iterdir()) == []


@pytest.mark.skipif(not sandbox.works("bwrap"), reason="bubblewrap does not work here")
def test_bwrap_makes_the_file_system_read_only_outside_the_scratch(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(sandbox.ENV_VAR, "bwrap")
    probe = Path("/tmp") / f"llmigrate-probe-{tmp_path.name}"  # /tmp is the scratch's own
    # A directory outside /tmp, so that only the read-only mount stops the write.
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as d:
        outside = Path(d)
        run = _shell(tmp_path, f"echo x > {outside}/f; echo y > {probe}; kill -SEGV $$")
        assert "Read-only file system" in run.stderr
        assert not (outside / "f").exists() and not probe.exists()
        assert run.rc == -11  # a death by signal reads as one, as without namespaces
        monkeypatch.setenv(sandbox.ENV_VAR, "plain")
        assert _shell(tmp_path, f"echo x > {outside}/f").rc == 0 and (outside / "f").exists()


def test_timeout_kills_the_program(tmp_path: Path):
    """A program that waits without computing is stopped by the wall clock (a multiple of its budget)."""
    run = sandbox.run(["/bin/sh", "-c", "sleep 30"], timeout=0.5, writable=[], root=tmp_path / "boxes")
    assert run.timed_out and run.seconds < 10


def test_cpu_budget_stops_a_busy_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The budget is CPU time: a loop is stopped by SIGXCPU once it used it, however busy the machine (the
    wall clock, which other jobs stretch, is only the backstop)."""
    assert sandbox.wall_limit(1) > 1
    # A loaded machine gives the loop a fraction of a core: the backstop is widened here so that the test
    # observes the CPU limit whatever the load (at the default factor, a load of 8 on 2 cores reached the
    # wall clock first).
    monkeypatch.setattr(sandbox, "WALL_FACTOR", 120)
    run = sandbox.run(["/bin/sh", "-c", "while :; do :; done"], timeout=1, writable=[], root=tmp_path / "b")
    assert run.rc == -signal.SIGXCPU
