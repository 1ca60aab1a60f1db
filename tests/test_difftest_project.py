"""A small hand-written C library and a hand-written Rust crate exporting the same symbols, some of them
deliberately wrong, used by the differential-test and verify tests (no translator involved)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from llmigrate.config import Config
from llmigrate.core import CFunction, CGlobal, Codebase, CType, Param, RunContext
from llmigrate.journal import FunctionRecord, Journal, Status

HEADER = """\
#ifndef MINI_H
#define MINI_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct pair {
	uint32_t a;
	uint8_t b;
};

uint64_t add_u64(uint64_t a, uint64_t b);
int32_t add_i32(int32_t a, int32_t b);
uint32_t mid(uint32_t lo, uint32_t hi);
uint64_t triple(uint64_t x);
uint32_t sum_u32(const uint32_t *buf, size_t n);
void fill(uint8_t *dst, size_t len, uint8_t v);
bool split(uint64_t x, uint32_t *hi, uint32_t *lo);
struct pair mkpair(uint32_t a, uint8_t b);
uint32_t pair_sum(struct pair p);
void pair_bump(struct pair *p);
double half(double x);
int apply(int (*f)(int), int x);
uint32_t shl(uint32_t x, uint32_t n);
int32_t divi(int32_t a, int32_t b);
uint32_t hang_on_7(uint32_t x);
uint32_t crash_on_5(uint32_t x);
int cmp_u16(const void *a, const void *b);
uint64_t divrem(uint64_t a, uint64_t b, uint64_t *rem);
uint32_t tally(uint32_t x);
const char *find_char(const char *s, char c);
#endif
"""

LIB_C = """\
#include "mini.h"

static uint32_t twice(uint32_t x) { return x * 2; }
uint64_t add_u64(uint64_t a, uint64_t b) { return a + b; }
int32_t add_i32(int32_t a, int32_t b) { return a + b; }
uint32_t mid(uint32_t lo, uint32_t hi) { return lo + (hi - lo) / 2; }
uint64_t triple(uint64_t x) { return x * 3; }
uint32_t sum_u32(const uint32_t *buf, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i++)
		s += buf[i];
	return s;
}
void fill(uint8_t *dst, size_t len, uint8_t v)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = v;
}
bool split(uint64_t x, uint32_t *hi, uint32_t *lo)
{
	*hi = (uint32_t)(x >> 32);
	*lo = (uint32_t)x;
	return *hi != 0;
}
struct pair mkpair(uint32_t a, uint8_t b) { struct pair p = { a, b }; return p; }
uint32_t pair_sum(struct pair p) { return p.a + p.b; }
void pair_bump(struct pair *p) { p->a += twice(1); p->b += 1; }
double half(double x) { return x / 2; }
int apply(int (*f)(int), int x) { return f(x); }
uint32_t shl(uint32_t x, uint32_t n) { return x << n; }
int32_t divi(int32_t a, int32_t b) { return a / b; }
uint32_t hang_on_7(uint32_t x) { return x + 1; }
uint32_t crash_on_5(uint32_t x) { return x ^ 1; }
int cmp_u16(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	return (x > y) - (x < y);
}
uint64_t divrem(uint64_t a, uint64_t b, uint64_t *rem)
{
	if (!b)
		return 0;
	if (rem)
		*rem = a % b;
	return a / b;
}
static uint32_t total;
uint32_t tally(uint32_t x)
{
	if (x == 13)
		*(volatile uint32_t *)0 = x; /* the C crashes: the input is skipped */
	total += x;
	return total;
}
const char *find_char(const char *s, char c)
{
	for (; *s; s++)
		if (*s == c)
			return s;
	return 0;
}
"""

# mid computes (lo + hi) / 2, which wraps; triple uses `*`, which panics on overflow in a debug build;
# fill writes one byte too many; hang_on_7 and crash_on_5 do what they say; divrem forgets C's NULL
# check. The rest are faithful (shl and divi only where C defines the result: they differ exactly on C's
# undefined inputs).
LIB_RS = """\
#[repr(C)]
pub struct pair { pub a: u32, pub b: u8 }

#[no_mangle] pub extern "C" fn add_u64(a: u64, b: u64) -> u64 { a.wrapping_add(b) }
#[no_mangle] pub extern "C" fn add_i32(a: i32, b: i32) -> i32 { a.wrapping_add(b) }
// llmigrate:begin mid
#[no_mangle] pub extern "C" fn mid(lo: u32, hi: u32) -> u32 { lo.wrapping_add(hi) / 2 }
// llmigrate:end mid
#[no_mangle] pub extern "C" fn triple(x: u64) -> u64 { x * 3 }
#[no_mangle] pub extern "C" fn shl(x: u32, n: u32) -> u32 { x.wrapping_shl(n) }
#[no_mangle] pub extern "C" fn divi(a: i32, b: i32) -> i32 { a.wrapping_div(b) }
#[no_mangle] pub extern "C" fn hang_on_7(x: u32) -> u32 {
    if x == 7 {
        loop { std::hint::spin_loop(); }
    }
    x.wrapping_add(1)
}
#[no_mangle] pub extern "C" fn crash_on_5(x: u32) -> u32 {
    if x == 5 {
        unsafe { std::ptr::null_mut::<u32>().write_volatile(1); }
    }
    x ^ 1
}
#[no_mangle]
pub unsafe extern "C" fn cmp_u16(a: *const core::ffi::c_void, b: *const core::ffi::c_void) -> i32 {
    let (x, y) = unsafe { (*(a as *const u16), *(b as *const u16)) };
    (x > y) as i32 - (x < y) as i32
}
#[no_mangle] pub unsafe extern "C" fn divrem(a: u64, b: u64, rem: *mut u64) -> u64 {
    if b == 0 {
        return 0;
    }
    unsafe { *rem = a % b; }
    a / b
}
static mut TOTAL: u32 = 0;
#[no_mangle] pub extern "C" fn tally(x: u32) -> u32 {
    if x == 13 {
        unsafe { core::ptr::null_mut::<u32>().write_volatile(x); }
    }
    unsafe {
        TOTAL = TOTAL.wrapping_add(x);
        TOTAL
    }
}
#[no_mangle] pub unsafe extern "C" fn find_char(s: *const i8, c: i8) -> *const i8 {
    let mut p = s;
    unsafe {
        while *p != 0 {
            if *p == c {
                return p;
            }
            p = p.add(1);
        }
    }
    core::ptr::null()
}
#[no_mangle] pub unsafe extern "C" fn sum_u32(buf: *const u32, n: usize) -> u32 {
    let s = unsafe { core::slice::from_raw_parts(buf, n) };
    s.iter().fold(0u32, |acc, v| acc.wrapping_add(*v))
}
// llmigrate:begin fill
#[no_mangle] pub unsafe extern "C" fn fill(dst: *mut u8, len: usize, v: u8) {
    // writes dst[len] too
    for i in 0..=len {
        unsafe { *dst.add(i) = v; }
    }
}
// llmigrate:end fill
// llmigrate:begin split
#[no_mangle] pub unsafe extern "C" fn split(x: u64, hi: *mut u32, lo: *mut u32) -> bool {
    let h = (x >> 32) as u32;

    unsafe {
        *hi = h;
        *lo = x as u32;
    }
    h != 0
}
// llmigrate:end split
#[no_mangle] pub extern "C" fn mkpair(a: u32, b: u8) -> pair { pair { a, b } }
#[no_mangle] pub extern "C" fn pair_sum(p: pair) -> u32 { p.a.wrapping_add(p.b as u32) }
#[no_mangle] pub unsafe extern "C" fn pair_bump(p: *mut pair) {
    unsafe {
        (*p).a = (*p).a.wrapping_add(2);
        (*p).b = (*p).b.wrapping_add(1);
    }
}
#[no_mangle] pub extern "C" fn half(x: f64) -> f64 { x / 2.0 }
#[no_mangle] pub unsafe extern "C" fn apply(f: Option<unsafe extern "C" fn(i32) -> i32>, x: i32) -> i32 {
    unsafe { f.unwrap()(x) }
}
"""

TEST_MID = """\
#include <stdio.h>
#include "mini.h"
int main(void)
{
	if (mid(0xfffffff0u, 0xfffffffeu) != 0xfffffff7u) {
		printf("FAIL mid\\n");
		return 1;
	}
	if (add_u64(2, 3) != 5)
		return 1;
	return 0;
}
"""

TEST_OK = """\
#include "mini.h"
int main(void) { return sum_u32((const uint32_t[]){1, 2, 3}, 3) == 6 && half(3.0) == 1.5 ? 0 : 1; }
"""

TEST_BROKEN = """\
#include <stdio.h>
#include "mini.h"
int main(void) { printf("this test expects the wrong thing\\n"); return add_u64(1, 1) == 3 ? 0 : 1; }
"""

PROTOS = {
    "twice": ("uint32_t", [("x", "uint32_t")], True),
    "add_u64": ("uint64_t", [("a", "uint64_t"), ("b", "uint64_t")], False),
    "add_i32": ("int32_t", [("a", "int32_t"), ("b", "int32_t")], False),
    "mid": ("uint32_t", [("lo", "uint32_t"), ("hi", "uint32_t")], False),
    "triple": ("uint64_t", [("x", "uint64_t")], False),
    "sum_u32": ("uint32_t", [("buf", "const uint32_t *"), ("n", "size_t")], False),
    "fill": ("void", [("dst", "uint8_t *"), ("len", "size_t"), ("v", "uint8_t")], False),
    "split": ("bool", [("x", "uint64_t"), ("hi", "uint32_t *"), ("lo", "uint32_t *")], False),
    "mkpair": ("struct pair", [("a", "uint32_t"), ("b", "uint8_t")], False),
    "pair_sum": ("uint32_t", [("p", "struct pair")], False),
    "pair_bump": ("void", [("p", "struct pair *")], False),
    "half": ("double", [("x", "double")], False),
    "apply": ("int", [("f", "int (*)(int)"), ("x", "int")], False),
    "shl": ("uint32_t", [("x", "uint32_t"), ("n", "uint32_t")], False),
    "divi": ("int32_t", [("a", "int32_t"), ("b", "int32_t")], False),
    "hang_on_7": ("uint32_t", [("x", "uint32_t")], False),
    "crash_on_5": ("uint32_t", [("x", "uint32_t")], False),
    "cmp_u16": ("int", [("a", "const void *"), ("b", "const void *")], False),
    "divrem": ("uint64_t", [("a", "uint64_t"), ("b", "uint64_t"), ("rem", "uint64_t *")], False),
    "tally": ("uint32_t", [("x", "uint32_t")], False),
    "find_char": ("const char *", [("s", "const char *"), ("c", "char")], False),
}


def write_project(root: Path, tests: dict[str, str] | None = None, rust: str = LIB_RS) -> tuple[Path, Path]:
    """SRC (C library with tests) and OUT (a crate exporting the same symbols) under `root`."""
    src, out = root / "src", root / "out"
    (src / "include").mkdir(parents=True)
    (src / "tests").mkdir()
    (src / "include" / "mini.h").write_text(HEADER)
    (src / "mini.c").write_text(LIB_C)
    (src / "llmigrate.toml").write_text('[c]\ninclude_dirs = ["include"]\ncflags = ["-std=gnu11"]\n')
    for name, text in (tests if tests is not None else {"test_mid.c": TEST_MID}).items():
        (src / "tests" / name).write_text(text)
    (out / "src").mkdir(parents=True)
    (out / "Cargo.toml").write_text('[package]\nname = "mini-rs"\nversion = "0.1.0"\nedition = "2021"\n\n'
                                    '[lib]\ncrate-type = ["rlib", "staticlib"]\n')
    (out / "src" / "lib.rs").write_text("#![allow(non_camel_case_types)]\n" + rust)
    return src, out


def codebase_for(src: Path) -> Codebase:
    """The Codebase analyze would produce for the mini library (written by hand: no analyzer needed)."""
    from llmigrate.config import load_config

    config: Config = load_config(src)
    cb = Codebase(root=str(src), config=config, files=["mini.c"])
    for name, (ret, params, static) in PROTOS.items():
        cb.functions[name] = CFunction(
            id=name, name=name, file="mini.c", start_line=1, end_line=1, signature=f"{ret} {name}(...)",
            return_type=ret, params=[Param(n, t) for n, t in params], is_static=static,
            hash=hashlib.sha256(name.encode()).hexdigest())
    cb.functions["tally"].globals_used = ["total"]
    cb.globals["total"] = CGlobal("total", "mini.c", 1, "uint32_t", is_static=True)
    cb.types["struct pair"] = CType("struct pair", "struct", "include/mini.h", 7, "",
                                    fields=[Param("a", "uint32_t"), Param("b", "uint8_t")])
    return cb


def journal_for(src: Path, out: Path, cb: Codebase) -> Journal:
    journal = Journal.create(out, str(src.resolve()), "handwritten", None)
    for fid, fn in cb.functions.items():
        journal.functions[fid] = FunctionRecord(fn.name, fn.file, fid, fn.hash, "mini",
                                                status=Status.COMPILED)
    journal.save()
    return journal


def context_for(src: Path, out: Path, cb: Codebase) -> RunContext:
    """The run context verify works from, with `journal_for`'s journal."""
    return RunContext(src, out, cb.config, cb, journal_for(src, out, cb))
