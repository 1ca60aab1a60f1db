// SPDX-License-Identifier: GPL-2.0
// Stable merge sort of an array, with a scratch buffer as large as the input.
//
// The two halves of each step are sorted into the *other* buffer so that the
// final merge lands where it is wanted; this ping-pong avoids copying the
// halves back before every merge. It makes the two recursive helpers call
// each other: sorting in place needs both halves sorted into scratch, and
// sorting into scratch needs both halves sorted in place.
use crate::shared::*;

// llmigrate:begin merge_sorted
// merge_sorted - merge two sorted arrays into dst
//
// Equal elements are taken from @a first, which keeps merge sort stable.
// @dst must not overlap either input.
/// # Safety
/// As for the C function `merge_sorted`: `dst`, `a`, `b`, `r#priv` must be valid for the reads and writes the C function makes through them.
pub unsafe fn merge_sorted(
    dst: *mut core::ffi::c_void,
    a: *const core::ffi::c_void,
    na: usize,
    b: *const core::ffi::c_void,
    nb: usize,
    size: usize,
    cmp_func: Option<
        unsafe extern "C" fn(
            *const core::ffi::c_void,
            *const core::ffi::c_void,
            *const core::ffi::c_void,
        ) -> i32,
    >,
    r#priv: *const core::ffi::c_void,
) {
    let mut out: *mut i8 = dst as *mut i8;
    let mut pa: *const i8 = a as *const i8;
    let mut pb: *const i8 = b as *const i8;
    let end_a: *const i8 = pa.wrapping_add(na.wrapping_mul(size));
    let end_b: *const i8 = pb.wrapping_add(nb.wrapping_mul(size));
    while pa < end_a && pb < end_b {
        if unsafe {
            cmp_func.unwrap()(
                pa as *const core::ffi::c_void,
                pb as *const core::ffi::c_void,
                r#priv,
            ) <= 0i32
        } {
            unsafe {
                crate::shared::memcpy(
                    out as *mut core::ffi::c_void,
                    pa as *const core::ffi::c_void,
                    size as u64,
                )
            };
            pa = pa.wrapping_add(size);
        } else {
            unsafe {
                crate::shared::memcpy(
                    out as *mut core::ffi::c_void,
                    pb as *const core::ffi::c_void,
                    size as u64,
                )
            };
            pb = pb.wrapping_add(size);
        }
        out = out.wrapping_add(size);
    }
    if pa < end_a {
        unsafe {
            crate::shared::memcpy(
                out as *mut core::ffi::c_void,
                pa as *const core::ffi::c_void,
                (end_a as isize).wrapping_sub(pa as isize) as i64 as usize as u64,
            )
        };
    }
    if pb < end_b {
        unsafe {
            crate::shared::memcpy(
                out as *mut core::ffi::c_void,
                pb as *const core::ffi::c_void,
                (end_b as isize).wrapping_sub(pb as isize) as i64 as usize as u64,
            )
        };
    }
}
// llmigrate:end merge_sorted

// llmigrate:begin msort_inplace
// Sort buf[0..n) in place, clobbering tmp[0..n).
/// # Safety
/// As for the C function `msort_inplace`: `buf`, `tmp`, `ctx` must be valid for the reads and writes the C function makes through them.
pub unsafe fn msort_inplace(buf: *mut i8, tmp: *mut i8, n: usize, ctx: *const msort_ctx) {
    let half: usize = n.wrapping_div(2usize);
    let off: usize = unsafe { half.wrapping_mul((*ctx).size) };
    if n < 2usize {
        return;
    }
    unsafe { crate::msort::msort_into(buf, tmp, half, ctx) };
    unsafe {
        crate::msort::msort_into(
            buf.wrapping_add(off),
            tmp.wrapping_add(off),
            n.wrapping_sub(half),
            ctx,
        )
    };
    unsafe {
        crate::msort::merge_sorted(
            buf as *mut core::ffi::c_void,
            tmp as *const core::ffi::c_void,
            half,
            tmp.wrapping_add(off) as *const core::ffi::c_void,
            n.wrapping_sub(half),
            (*ctx).size,
            (*ctx).cmp,
            (*ctx).r#priv,
        )
    };
}
// llmigrate:end msort_inplace

// llmigrate:begin msort_into
// Sort src[0..n) into dst[0..n), clobbering src.
/// # Safety
/// As for the C function `msort_into`: `src`, `dst`, `ctx` must be valid for the reads and writes the C function makes through them.
pub unsafe fn msort_into(src: *mut i8, dst: *mut i8, n: usize, ctx: *const msort_ctx) {
    let half: usize = n.wrapping_div(2usize);
    let off: usize = unsafe { half.wrapping_mul((*ctx).size) };
    if n < 2usize {
        if n != 0 {
            unsafe {
                crate::shared::memcpy(
                    dst as *mut core::ffi::c_void,
                    src as *const core::ffi::c_void,
                    (*ctx).size as u64,
                )
            };
        }
        return;
    }
    unsafe { crate::msort::msort_inplace(src, dst, half, ctx) };
    unsafe {
        crate::msort::msort_inplace(
            src.wrapping_add(off),
            dst.wrapping_add(off),
            n.wrapping_sub(half),
            ctx,
        )
    };
    unsafe {
        crate::msort::merge_sorted(
            dst as *mut core::ffi::c_void,
            src as *const core::ffi::c_void,
            half,
            src.wrapping_add(off) as *const core::ffi::c_void,
            n.wrapping_sub(half),
            (*ctx).size,
            (*ctx).cmp,
            (*ctx).r#priv,
        )
    };
}
// llmigrate:end msort_into

// llmigrate:begin msort_r
// msort_r - stable sort of an array
//
// Return: 0, -EOVERFLOW if num * size does not fit in size_t, or -ENOMEM.
/// # Safety
/// As for the C function `msort_r`: `base`, `r#priv` must be valid for the reads and writes the C function makes through them.
pub unsafe fn msort_r(
    base: *mut core::ffi::c_void,
    num: usize,
    size: usize,
    cmp_func: Option<
        unsafe extern "C" fn(
            *const core::ffi::c_void,
            *const core::ffi::c_void,
            *const core::ffi::c_void,
        ) -> i32,
    >,
    r#priv: *const core::ffi::c_void,
) -> i32 {
    let mut ctx: msort_ctx = msort_ctx {
        size,
        cmp: cmp_func,
        r#priv,
    };
    if num < 2usize || size == 0 {
        return 0i32;
    }
    if num > u64::MAX.wrapping_div(size as u64) as usize {
        return -75i32;
    }
    let tmp: *mut i8 = unsafe { crate::shared::malloc(num.wrapping_mul(size) as u64) as *mut i8 };
    if tmp.is_null() {
        return -12i32;
    }
    unsafe {
        crate::msort::msort_inplace(
            base as *mut i8,
            tmp,
            num,
            core::ptr::addr_of_mut!(ctx) as *const msort_ctx,
        )
    };
    unsafe { crate::shared::free(tmp as *mut core::ffi::c_void) };
    0i32
}
// llmigrate:end msort_r
