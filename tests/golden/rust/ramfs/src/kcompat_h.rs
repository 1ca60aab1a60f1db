// SPDX-License-Identifier: GPL-2.0
// kcompat.h - the kernel-isms ramfs needs, for a userspace build.

// llmigrate:begin ERR_PTR
pub fn ERR_PTR(error: i64) -> *mut core::ffi::c_void {
    error as *mut core::ffi::c_void
}
// llmigrate:end ERR_PTR

// llmigrate:begin PTR_ERR
/// # Safety
/// As for the C function `PTR_ERR`: `ptr` must be valid for the reads and writes the C function makes through it.
pub unsafe fn PTR_ERR(ptr: *const core::ffi::c_void) -> i64 {
    ptr as i64
}
// llmigrate:end PTR_ERR

// llmigrate:begin IS_ERR
/// # Safety
/// As for the C function `IS_ERR`: `ptr` must be valid for the reads and writes the C function makes through it.
pub unsafe fn IS_ERR(ptr: *const core::ffi::c_void) -> bool {
    ptr as u64 >= 18446744073709547521u64
}
// llmigrate:end IS_ERR

// llmigrate:begin IS_ERR_OR_NULL
/// # Safety
/// As for the C function `IS_ERR_OR_NULL`: `ptr` must be valid for the reads and writes the C function makes through it.
pub unsafe fn IS_ERR_OR_NULL(ptr: *const core::ffi::c_void) -> bool {
    ptr.is_null() || ptr as u64 >= 18446744073709547521u64
}
// llmigrate:end IS_ERR_OR_NULL
