"""Bit-fields in shared.rs (C11 6.7.2.1p11): gcc's allocation reproduced byte for byte, read and written
through the generated accessors, and constant initializers of globals with bit-fields, compared with gcc."""

from __future__ import annotations

import subprocess

import pytest

from llmigrate.backends.builtin.items import translate_shared
from llmigrate.config import Config
from llmigrate.core import Codebase

C_SRC = r"""
#include <stdbool.h>
struct flags { unsigned a:3; unsigned b:5; int c; signed s:4; bool on:1; };
struct straddle { unsigned lo:30; unsigned hi:4; unsigned char tail; };
struct gaps { char x; unsigned :0; unsigned long big:40; unsigned :3; short sh:9; };
struct mixed { unsigned char k:2; long long w; unsigned char m:7; };
struct flags g_flags = { 5, 17, -9, -3, true };
struct gaps g_gaps = { .big = 0x123456789AULL, .sh = -200, .x = 'q' };
"""

C_MAIN = r"""
#include <stdio.h>
#include <string.h>
static void dump(const void *p, unsigned n) { const unsigned char *b = p; for (unsigned i = 0; i < n; i++)
    printf("%02x", b[i]); printf("\n"); }
int main(void) {
    printf("%zu %zu %zu %zu\n", sizeof(struct flags), sizeof(struct straddle), sizeof(struct gaps),
           sizeof(struct mixed));
    struct flags f; memset(&f, 0, sizeof f);
    f.a = 13; f.b = 31; f.c = -1; f.s = 7; f.s += 2; f.on = 1;
    dump(&f, sizeof f); printf("%u %u %d %d %d\n", f.a, f.b, f.c, f.s, f.on);
    struct straddle t; memset(&t, 0xff, sizeof t);
    t.lo = 0x2aaaaaaa; t.hi = 9; t.tail = 1;
    dump(&t, sizeof t); printf("%u %u %u\n", t.lo, t.hi, t.tail);
    struct mixed m; memset(&m, 0, sizeof m); m.k = 3; m.w = -2; m.m = 100;
    dump(&m, sizeof m); printf("%u %lld %u\n", m.k, m.w, m.m);
    dump(&g_flags, sizeof g_flags); printf("%u %u %d %d\n", g_flags.a, g_flags.b, g_flags.s, g_flags.on);
    dump(&g_gaps, sizeof g_gaps); printf("%lu %d %c\n", (unsigned long)g_gaps.big, g_gaps.sh, g_gaps.x);
    return 0;
}
"""

RUST_MAIN = r"""
use shared::*;
fn dump<T>(v: &T) {
    let p = v as *const T as *const u8;
    let s: String = (0..core::mem::size_of::<T>()).map(|i| format!("{:02x}", unsafe { *p.add(i) })).collect();
    println!("{s}");
}
fn main() {
    use core::mem::size_of;
    println!("{} {} {} {}", size_of::<flags>(), size_of::<straddle>(), size_of::<gaps>(), size_of::<mixed>());
    let mut f: flags = unsafe { core::mem::zeroed() };
    f.set_a(13); f.set_b(31); f.c = -1; f.set_s(7); f.set_s(f.s() + 2); f.set_on(true);
    dump(&f); println!("{} {} {} {} {}", f.a(), f.b(), f.c, f.s(), f.on() as i32);
    let mut t: straddle = unsafe { core::mem::transmute([0xffu8; 8]) };
    t.set_lo(0x2aaaaaaa); t.set_hi(9); t.tail = 1;
    dump(&t); println!("{} {} {}", t.lo(), t.hi(), t.tail);
    let mut m: mixed = unsafe { core::mem::zeroed() };
    m.set_k(3); m.w = -2; m.set_m(100);
    dump(&m); println!("{} {} {}", m.k(), m.w, m.m());
    unsafe {
        let g = &*core::ptr::addr_of!(g_flags);
        dump(g); println!("{} {} {} {}", g.a(), g.b(), g.s(), g.on() as i32);
        let h = &*core::ptr::addr_of!(g_gaps);
        dump(h); println!("{} {} {}", h.big(), h.sh(), h.x as u8 as char);
    }
}
"""


@pytest.mark.slow
def test_bitfields_match_gcc(tmp_path) -> None:
    (tmp_path / "bits.c").write_text(C_SRC)
    st = translate_shared(Codebase(root=str(tmp_path), config=Config(), files=["bits.c"]))
    assert st.failures == []
    (tmp_path / "main.c").write_text(C_SRC + C_MAIN)
    c = subprocess.run(["gcc", "-w", "-o", str(tmp_path / "c_prog"), str(tmp_path / "main.c")],
                       capture_output=True, text=True, timeout=60)
    assert c.returncode == 0, c.stderr
    expected = subprocess.run([str(tmp_path / "c_prog")], capture_output=True, text=True, timeout=10).stdout
    rust = ("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, static_mut_refs)]\n"
            f"mod shared {{\n{st.code}\n}}\n{RUST_MAIN}")
    (tmp_path / "main.rs").write_text(rust)
    cmd = ["rustc", "--edition", "2021", "-o", str(tmp_path / "rust_prog"), str(tmp_path / "main.rs")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-4000:]
    got = subprocess.run([str(tmp_path / "rust_prog")], capture_output=True, text=True, timeout=10).stdout
    assert got == expected, f"C:\n{expected}\nRust:\n{got}"
