// SPDX-License-Identifier: GPL-2.0
// Binary search in a sorted array.

// llmigrate:begin ksearch
// ksearch - find an element equal to @key
//
// @cmp is called as cmp(key, elem), so key and elements may differ in type.
// Return: a matching element (any of them if several match), or NULL.
/// # Safety
/// As for the C function `ksearch`: `key`, `base` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ksearch(
    key: *const core::ffi::c_void,
    base: *const core::ffi::c_void,
    num: usize,
    size: usize,
    cmp: Option<unsafe extern "C" fn(*const core::ffi::c_void, *const core::ffi::c_void) -> i32>,
) -> *mut core::ffi::c_void {
    let mut lo: usize = 0usize;
    let mut hi: usize = num;
    while lo < hi {
        let mid: usize = lo.wrapping_add(hi.wrapping_sub(lo).wrapping_div(2usize));
        let p: *const i8 = (base as *const i8).wrapping_add(mid.wrapping_mul(size));
        let c: i32 = unsafe { cmp.unwrap()(key, p as *const core::ffi::c_void) };
        if c == 0i32 {
            return p as *mut core::ffi::c_void;
        }
        if c < 0i32 {
            hi = mid;
        } else {
            lo = mid.wrapping_add(1usize);
        }
    }
    core::ptr::null_mut::<core::ffi::c_void>()
}
// llmigrate:end ksearch

// llmigrate:begin ksearch_lower_bound
// Index of the first element not less than @key; @num if there is none.
/// # Safety
/// As for the C function `ksearch_lower_bound`: `key`, `base` must be valid for the reads and writes the C function makes through them.
pub unsafe fn ksearch_lower_bound(
    key: *const core::ffi::c_void,
    base: *const core::ffi::c_void,
    num: usize,
    size: usize,
    cmp: Option<unsafe extern "C" fn(*const core::ffi::c_void, *const core::ffi::c_void) -> i32>,
) -> usize {
    let mut lo: usize = 0usize;
    let mut hi: usize = num;
    while lo < hi {
        let mid: usize = lo.wrapping_add(hi.wrapping_sub(lo).wrapping_div(2usize));
        if unsafe {
            cmp.unwrap()(
                key,
                (base as *const i8).wrapping_add(mid.wrapping_mul(size))
                    as *const core::ffi::c_void,
            ) > 0i32
        } {
            lo = mid.wrapping_add(1usize);
        } else {
            hi = mid;
        }
    }
    lo
}
// llmigrate:end ksearch_lower_bound
