"""Scalar globals as Rust atomics, end to end: a C test declaring them `extern` reads and writes the bytes
the Rust atomics hold (same symbol, size and alignment), a function kept in C shares a file-static one with
the Rust, their users are safe fns, and a struct global stays `static mut` with its users unsafe fns."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.c_project import migrate_files
from helpers.runs import journal

LIB = """struct stats { int calls; int *last; };
int count;
double level = 0.5;
static int hidden;
struct stats stats;
void inc(void) { count++; hidden += 2; }
int get(void) { return count; }
double raise_level(double d) { level += d; return level; }
int kept_get(void)
{
\t__asm__ volatile ("rep; nop" : : : "memory");
\treturn count * 100 + hidden;
}
int note(void) { stats.calls++; return stats.calls; }
"""
TEST = """extern int count;
extern double level;
void inc(void); int get(void); double raise_level(double); int kept_get(void); int note(void);
int main(void)
{
\tinc(); inc();
\tif (get() != 2) return 1;
\tcount = 40; /* the C test writes the Rust's atomic */
\tinc();
\tif (get() != 41 || count != 41) return 2;
\tif (kept_get() != 4106) return 3;
\tif (raise_level(0.25) != 0.75 || level != 0.75) return 4;
\tlevel = 2.0;
\tif (raise_level(1.0) != 3.0) return 5;
\tif (note() != 1 || note() != 2) return 6;
\treturn 0;
}
"""


@pytest.mark.slow
def test_c_code_and_c_tests_share_the_rust_atomics(tmp_path: Path) -> None:
    done, out = migrate_files(tmp_path, {"counter.c": LIB, "tests/t.c": TEST})
    data = journal(out)
    status = {fid: e["status"] for fid, e in data["functions"].items()}
    assert status == {"inc": "verified", "get": "verified", "raise_level": "verified", "note": "verified",
                      "kept_get": "kept_in_c"}, done.stderr[-3000:]
    assert [(t["name"], t["rust"]) for t in data["c_tests"]] == [("tests/t.c", "passed")]
    shared = " ".join((out / "src" / "shared.rs").read_text().split())  # as rustfmt left it
    atomic = "core::sync::atomic::"
    assert f"#[no_mangle] pub static count: {atomic}AtomicI32 = {atomic}AtomicI32::new(0i32);" in shared
    assert f"#[no_mangle] pub static level: {atomic}AtomicU64 = {atomic}AtomicU64::new(f64::to_bits(0.5));" \
        in shared
    assert "#[no_mangle] pub static mut stats: stats = " in shared  # a struct: stays `static mut`
    # the kept C reads the Rust's file-static atomic through its private symbol
    assert f'"__llmigrate_g_counter_c__hidden"] pub static hidden: {atomic}AtomicI32' in shared
    kept = (out / "csrc" / "counter.c").read_text()
    assert 'extern int hidden __asm__("__llmigrate_g_counter_c__hidden");' in kept
    assert "extern int count;" in kept and "int count;" not in kept.replace("extern int count;", "")
    module = (out / "src" / "counter.rs").read_text()
    for decl in ("pub fn inc()", "pub fn get() -> i32", "pub fn raise_level(d: f64) -> f64"):
        assert decl in module, module
    assert "pub unsafe fn note() -> i32" in module
    assert data["build"]["ok"] and data["build"]["links"]
