// SPDX-License-Identifier: GPL-2.0
// Generic in-place heap sort.
//
// Heap sort rather than quicksort: worst case O(n log n), no recursion and no
// scratch memory, at the price of stability and some cache locality.
use crate::shared::*;

// llmigrate:begin is_aligned
// Can base and every element be accessed in naturally aligned units?
/// # Safety
/// As for the C function `is_aligned`: `base` must be valid for the reads and writes the C function makes through it.
pub unsafe fn is_aligned(base: *const core::ffi::c_void, size: usize, align: u32) -> bool {
    ((base as usize as u64 | size as u64) & (align as u64).wrapping_sub(1u64)) == 0u64
}
// llmigrate:end is_aligned

// llmigrate:begin swap_words_32
/// # Safety
/// As for the C function `swap_words_32`: `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn swap_words_32(a: *mut core::ffi::c_void, b: *mut core::ffi::c_void, size: i32) {
    let mut size = size;
    let mut x: *mut u32 = a as *mut u32;
    let mut y: *mut u32 = b as *mut u32;
    loop {
        let t: u32 = unsafe { *x };
        unsafe { *x = *y };
        x = x.wrapping_offset(1);
        unsafe { *y = t };
        y = y.wrapping_offset(1);
        size = size.wrapping_sub(4i32);
        if size <= 0i32 {
            break;
        }
    }
}
// llmigrate:end swap_words_32

// llmigrate:begin swap_words_64
/// # Safety
/// As for the C function `swap_words_64`: `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn swap_words_64(a: *mut core::ffi::c_void, b: *mut core::ffi::c_void, size: i32) {
    let mut size = size;
    let mut x: *mut u64 = a as *mut u64;
    let mut y: *mut u64 = b as *mut u64;
    loop {
        let t: u64 = unsafe { *x };
        unsafe { *x = *y };
        x = x.wrapping_offset(1);
        unsafe { *y = t };
        y = y.wrapping_offset(1);
        size = size.wrapping_sub(8i32);
        if size <= 0i32 {
            break;
        }
    }
}
// llmigrate:end swap_words_64

// llmigrate:begin swap_bytes
/// # Safety
/// As for the C function `swap_bytes`: `a`, `b` must be valid for the reads and writes the C function makes through them.
pub unsafe fn swap_bytes(a: *mut core::ffi::c_void, b: *mut core::ffi::c_void, size: i32) {
    let mut size = size;
    let mut x: *mut u8 = a as *mut u8;
    let mut y: *mut u8 = b as *mut u8;
    loop {
        let t: u8 = unsafe { *x };
        unsafe { *x = *y };
        x = x.wrapping_offset(1);
        unsafe { *y = t };
        y = y.wrapping_offset(1);
        if ({
            size = size.wrapping_sub(1);
            size
        }) <= 0i32
        {
            break;
        }
    }
}
// llmigrate:end swap_bytes

// llmigrate:begin pick_swap
// The widest word swap the layout allows; callers ensure size > 0.
/// # Safety
/// As for the C function `pick_swap`: `base` must be valid for the reads and writes the C function makes through it.
pub unsafe fn pick_swap(
    base: *const core::ffi::c_void,
    size: usize,
) -> Option<unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32)> {
    if unsafe { crate::sort::is_aligned(base, size, 8u32) } {
        return Some(
            crate::ffi::sort__abi_swap_words_64
                as unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32),
        );
    }
    if unsafe { crate::sort::is_aligned(base, size, 4u32) } {
        return Some(
            crate::ffi::sort__abi_swap_words_32
                as unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32),
        );
    }
    Some(
        crate::ffi::sort__abi_swap_bytes
            as unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32),
    )
}
// llmigrate:end pick_swap

// llmigrate:begin elem
pub fn elem(ctx: &sort_ctx, i: usize) -> *mut i8 {
    ctx.base.wrapping_add(i.wrapping_mul(ctx.size))
}
// llmigrate:end elem

// llmigrate:begin sift_down
// Restore the max-heap property below root in a heap of n elements.
/// # Safety
/// As for the C function `sift_down`: `ctx` must be valid for the reads and writes the C function makes through it.
pub unsafe fn sift_down(ctx: *const sort_ctx, root: usize, n: usize) {
    let mut root = root;
    'l1: loop {
        let mut child: usize = 2usize.wrapping_mul(root).wrapping_add(1usize);
        if child >= n {
            break 'l1;
        }
        // SAFETY: the caller's contract (# Safety): it passes `ctx` as a reference made from a raw pointer, valid as the function's `# Safety` requires (the callee's `ctx`: rule deref-on-every-call)
        if unsafe {
            child.wrapping_add(1usize) < n
                && (*ctx).cmp.unwrap()(
                    crate::sort::elem(&*ctx, child) as *const core::ffi::c_void,
                    crate::sort::elem(&*ctx, child.wrapping_add(1usize))
                        as *const core::ffi::c_void,
                    (*ctx).r#priv,
                ) < 0i32
        } {
            child = child.wrapping_add(1);
        }
        // SAFETY: the caller's contract (# Safety): it passes `ctx` as a reference made from a raw pointer, valid as the function's `# Safety` requires (the callee's `ctx`: rule deref-on-every-call)
        if unsafe {
            (*ctx).cmp.unwrap()(
                crate::sort::elem(&*ctx, root) as *const core::ffi::c_void,
                crate::sort::elem(&*ctx, child) as *const core::ffi::c_void,
                (*ctx).r#priv,
            ) >= 0i32
        } {
            break 'l1;
        }
        // SAFETY: the caller's contract (# Safety): it passes `ctx` as a reference made from a raw pointer, valid as the function's `# Safety` requires (the callee's `ctx`: rule deref-on-every-call)
        unsafe {
            (*ctx).swap.unwrap()(
                crate::sort::elem(&*ctx, root) as *mut core::ffi::c_void,
                crate::sort::elem(&*ctx, child) as *mut core::ffi::c_void,
                (*ctx).size as i32,
            )
        };
        root = child;
    }
}
// llmigrate:end sift_down

// llmigrate:begin sort_r
// sort_r - sort an array of elements
// @base: pointer to data to sort
// @num: number of elements
// @size: size of each element
// @cmp_func: comparison function, given @priv as its third argument
// @swap_func: swap function, or NULL to pick one by size and alignment
// @priv: passed through to @cmp_func
/// # Safety
/// As for the C function `sort_r`: `base`, `r#priv` must be valid for the reads and writes the C function makes through them.
pub unsafe fn sort_r(
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
    swap_func: Option<unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32)>,
    r#priv: *const core::ffi::c_void,
) {
    let mut ctx: sort_ctx = sort_ctx {
        base: base as *mut i8,
        size,
        cmp: cmp_func,
        swap: swap_func,
        r#priv,
    };
    if num < 2usize || size == 0 {
        return;
    }
    if ctx.swap.is_none() {
        unsafe { ctx.swap = crate::sort::pick_swap(base as *const core::ffi::c_void, size) };
    }
    let mut i: usize = num.wrapping_div(2usize);
    while ({
        let old3 = i;
        i = i.wrapping_sub(1);
        old3
    }) > 0usize
    {
        unsafe { crate::sort::sift_down(core::ptr::addr_of_mut!(ctx) as *const sort_ctx, i, num) };
    }
    i = num.wrapping_sub(1usize);
    while i > 0usize {
        unsafe {
            ctx.swap.unwrap()(
                crate::sort::elem(&ctx, 0usize) as *mut core::ffi::c_void,
                crate::sort::elem(&ctx, i) as *mut core::ffi::c_void,
                size as i32,
            )
        };
        unsafe {
            crate::sort::sift_down(core::ptr::addr_of_mut!(ctx) as *const sort_ctx, 0usize, i)
        };
        i = i.wrapping_sub(1);
    }
}
// llmigrate:end sort_r

// llmigrate:begin call_plain_cmp
/// # Safety
/// As for the C function `call_plain_cmp`: `a`, `b`, `r#priv` must be valid for the reads and writes the C function makes through them.
pub unsafe fn call_plain_cmp(
    a: *const core::ffi::c_void,
    b: *const core::ffi::c_void,
    r#priv: *const core::ffi::c_void,
) -> i32 {
    let wrap: *const plain_cmp = r#priv as *const plain_cmp;
    unsafe { (*wrap).cmp.unwrap()(a, b) }
}
// llmigrate:end call_plain_cmp

// llmigrate:begin sort
/// # Safety
/// As for the C function `sort`: `base` must be valid for the reads and writes the C function makes through it.
pub unsafe fn sort(
    base: *mut core::ffi::c_void,
    num: usize,
    size: usize,
    cmp_func: Option<
        unsafe extern "C" fn(*const core::ffi::c_void, *const core::ffi::c_void) -> i32,
    >,
    swap_func: Option<unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32)>,
) {
    let mut wrap: plain_cmp = plain_cmp { cmp: cmp_func };
    unsafe {
        crate::sort::sort_r(
            base,
            num,
            size,
            Some(
                crate::ffi::sort__abi_call_plain_cmp
                    as unsafe extern "C" fn(
                        *const core::ffi::c_void,
                        *const core::ffi::c_void,
                        *const core::ffi::c_void,
                    ) -> i32,
            ),
            swap_func,
            core::ptr::addr_of_mut!(wrap) as *const core::ffi::c_void,
        )
    };
}
// llmigrate:end sort
