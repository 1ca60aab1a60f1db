use crate::shared::*;

// llmigrate:begin ERR_PTR
pub unsafe fn ERR_PTR(error: i64) -> *mut core::ffi::c_void {
    return error as *mut core::ffi::c_void;
}
// llmigrate:end ERR_PTR

// llmigrate:begin PTR_ERR
pub unsafe fn PTR_ERR(ptr: *const core::ffi::c_void) -> i64 {
    return ptr as i64;
}
// llmigrate:end PTR_ERR

// llmigrate:begin IS_ERR
pub unsafe fn IS_ERR(ptr: *const core::ffi::c_void) -> bool {
    return (((!(!((ptr as u64) >= 18446744073709547521u64))) as i32) as i64) != 0;
}
// llmigrate:end IS_ERR

// llmigrate:begin IS_ERR_OR_NULL
pub unsafe fn IS_ERR_OR_NULL(ptr: *const core::ffi::c_void) -> bool {
    return ((((((!(!ptr.is_null())) as i32) as i64) != 0)
        || ((((!(!((ptr as u64) >= 18446744073709547521u64))) as i32) as i64) != 0))
        as i32)
        != 0;
}
// llmigrate:end IS_ERR_OR_NULL
