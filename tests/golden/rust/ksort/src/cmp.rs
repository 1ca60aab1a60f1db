// SPDX-License-Identifier: GPL-2.0
// Comparators for sort() and ksearch(). They return the sign of a - b
// without computing a - b, which could overflow.

// llmigrate:begin cmp_int
/// # Safety
/// As for the C function `cmp_int`: `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn cmp_int(a: *const core::ffi::c_void, b: *const core::ffi::c_void) -> i32 {
    let x: i32 = unsafe { *(a as *const i32) };
    let y: i32 = unsafe { *(b as *const i32) };
    ((x > y) as i32).wrapping_sub((x < y) as i32)
}
// llmigrate:end cmp_int

// llmigrate:begin cmp_u64
/// # Safety
/// As for the C function `cmp_u64`: `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn cmp_u64(a: *const core::ffi::c_void, b: *const core::ffi::c_void) -> i32 {
    let x: u64 = unsafe { *(a as *const u64) };
    let y: u64 = unsafe { *(b as *const u64) };
    ((x > y) as i32).wrapping_sub((x < y) as i32)
}
// llmigrate:end cmp_u64
