"""bench/profile_verify.py: each subprocess is recorded as it is reaped, with its CPU time, and named by what
it serves in verification (the sandbox's wrappers looked through)."""

from __future__ import annotations

import json
import subprocess
import sys

from profile_verify import install, kind, table


def test_a_reaped_subprocess_is_recorded_with_its_cpu_time_and_recording_stops(tmp_path):
    log = tmp_path / "log.jsonl"
    install(log)
    try:
        subprocess.run([sys.executable, "-c", "sum(range(300_000))"], check=True)
    finally:
        install(None)
    subprocess.run(["true"], check=True)  # after recording stopped: not in the log
    (row,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert row["args"][0] == sys.executable and row["cpu"] > 0
    lines = table(log, total_cpu=row["cpu"] + 1.0, python_cpu=0.5, clean_cpu=0.5)
    assert any(line.split()[0] == "python" and "this process" in line for line in lines)


def test_subprocesses_are_named_by_what_they_serve():
    out = "/o/.llmigrate/verify"
    box = ["prlimit", "--core=0:0", "--", "bwrap", "--unshare-all", "--chdir", "/b", "--"]
    assert kind([*box, f"{out}/difftest/harness_c_asan", "3"]) == "run harness_c_asan"
    assert kind(["cargo", "build", "--lib", "--release"]) == "cargo build release"
    assert kind(["gcc", "-O1", "-fsanitize=address,shift", "-c", f"{out}/difftest/unit_0_casan.c"]) == \
        "cc -c harness unit (asan)"
    assert kind(["gcc", "-O1", "-ffunction-sections", "-c", f"{out}/difftest/unit_0_rust.c"]) == \
        "cc -c harness unit (Rust side)"
    assert kind(["gcc", "t.o", "/o/target/release/libk.a", "-o", f"{out}/ctests/t_rust"]) == \
        "cc link (c-test, Rust side)"


def test_popen_is_as_it_was_once_recording_stops(tmp_path):
    before = (subprocess.Popen.__init__, subprocess.Popen._try_wait)
    install(tmp_path / "log.jsonl")
    install(None)
    assert (subprocess.Popen.__init__, subprocess.Popen._try_wait) == before
