"""A harness run that hung is kept by the executable's content, the function and the inputs (hung.py): the
same run again is answered without waiting; another program, function, watchdog or side, or a run that did
not hang, is run."""

from __future__ import annotations

from pathlib import Path

import pytest

from llmigrate.verify.difftest import hung
from llmigrate.verify.difftest.run import WALL_LIMITED, Outcome


@pytest.fixture
def runs(monkeypatch) -> list[tuple]:
    """The runs that reached run_side: b"hang" hangs; b"slow" hangs and is then stopped by the wall-clock
    limit; any other returns."""
    seen: list[tuple] = []

    def side(exe, index, in_path, out_path, n, out_size, rust, fresh, watchdog_ms, took):
        seen.append((exe.read_bytes(), index, in_path.read_bytes(), watchdog_ms))
        if in_path.read_bytes() == b"hang":
            took[1] = 1500  # input 1 returned, slowly
            return {0: Outcome("hang", str(watchdog_ms))}, b"\0" * out_size
        if in_path.read_bytes() == b"slow":
            return {0: Outcome("hang", str(watchdog_ms)), 1: Outcome("not_run", WALL_LIMITED)}, b""
        return {}, b"\1" * out_size

    monkeypatch.setattr(hung, "run_side", side)
    return seen


def _run(tmp_path: Path, program: bytes, blob: bytes, index: int = 0, ms: int = 2000, rust: bool = True,
         took: dict | None = None):
    exe, given = tmp_path / "harness_rust", tmp_path / "given"
    if not exe.exists() or exe.read_bytes() != program:
        exe.write_bytes(program)
    given.write_bytes(blob)
    return hung.run_side_kept(exe, index, given, tmp_path / "out", 1, 4, rust, False, ms, took)


def test_a_run_that_hung_is_not_waited_for_again(tmp_path, runs):
    first = _run(tmp_path, b"prog", b"hang")
    took: dict[int, int] = {}
    again = _run(tmp_path, b"prog", b"hang", took=took)
    assert len(runs) == 1
    assert took == {1: 1500}  # how long the inputs that returned took, as the run measured it
    assert again[1] == first[1] and again[0][0].kind == "hang" and again[0][0].detail == "2000"


@pytest.mark.parametrize(("program", "blob", "index", "ms"), [
    (b"prog2", b"hang", 0, 2000),  # another Rust harness
    (b"prog", b"hang", 1, 2000),  # another function
    (b"prog", b"hang", 0, 10000),  # a longer watchdog
])
def test_another_program_function_or_watchdog_is_run(tmp_path, runs, program, blob, index, ms):
    _run(tmp_path, b"prog", b"hang")
    _run(tmp_path, program, blob, index, ms)
    assert len(runs) == 2


def test_the_c_side_is_kept_apart_from_the_rust(tmp_path, runs):
    _run(tmp_path, b"prog", b"hang", rust=True)
    _run(tmp_path, b"prog", b"hang", rust=False)
    assert len(runs) == 2


@pytest.mark.parametrize("blob", [b"fine", b"slow"])  # returned; hung, inputs left by the wall clock
def test_a_run_that_did_not_hang_or_was_cut_short_is_run_again(tmp_path, runs, blob):
    _run(tmp_path, b"prog", blob)
    _run(tmp_path, b"prog", blob)
    assert len(runs) == 2


def test_a_later_verification_forgets_the_hangs_kept_by_an_earlier_one(tmp_path):
    """A hang is one observation on a machine whose load varies: kept for one verification's runs only."""
    work = tmp_path / "difftest"
    kept = work / "harness_rust.hung"
    kept.mkdir(parents=True)
    (kept / ("0" * 64)).write_bytes(b"x")
    (work / "harness_rust").write_bytes(b"exe")
    hung.forget(work)
    assert not kept.exists() and (work / "harness_rust").exists()
