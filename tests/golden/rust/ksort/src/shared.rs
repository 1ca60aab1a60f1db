// Shared items of the C code: types, constants, globals and external declarations.

#[repr(C)]
#[derive(Clone, Copy)]
pub struct slist_node {
    pub next: *mut slist_node,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct msort_ctx {
    pub size: usize,
    pub cmp: Option<
        unsafe extern "C" fn(
            *const core::ffi::c_void,
            *const core::ffi::c_void,
            *const core::ffi::c_void,
        ) -> i32,
    >,
    pub r#priv: *const core::ffi::c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct sort_ctx {
    pub base: *mut i8,
    pub size: usize,
    pub cmp: Option<
        unsafe extern "C" fn(
            *const core::ffi::c_void,
            *const core::ffi::c_void,
            *const core::ffi::c_void,
        ) -> i32,
    >,
    pub swap: Option<unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32)>,
    pub r#priv: *const core::ffi::c_void,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct plain_cmp {
    pub cmp:
        Option<unsafe extern "C" fn(*const core::ffi::c_void, *const core::ffi::c_void) -> i32>,
}

pub type uint8_t = u8;

pub type uint16_t = u16;

pub type uint32_t = u32;

pub type uint64_t = u64;

pub type s8 = i8;

pub type int8_t = i8;

pub type s16 = i16;

pub type int16_t = i16;

pub type s32 = i32;

pub type int32_t = i32;

pub type s64 = i64;

pub type int64_t = i64;

pub type cmp_func_t =
    Option<unsafe extern "C" fn(*const core::ffi::c_void, *const core::ffi::c_void) -> i32>;

pub type cmp_r_func_t = Option<
    unsafe extern "C" fn(
        *const core::ffi::c_void,
        *const core::ffi::c_void,
        *const core::ffi::c_void,
    ) -> i32,
>;

pub type swap_func_t =
    Option<unsafe extern "C" fn(*mut core::ffi::c_void, *mut core::ffi::c_void, i32)>;

pub type slist_cmp_func_t = Option<
    unsafe extern "C" fn(*mut core::ffi::c_void, *const slist_node, *const slist_node) -> i32,
>;

pub type size_t = usize;

pub type uintptr_t = usize;

pub const ENOMEM: i32 = 12i32;

pub const EINVAL: i32 = 22i32;

pub const EOVERFLOW: i32 = 75i32;

unsafe extern "C" {
    pub fn free(ptr: *mut core::ffi::c_void);
    pub fn malloc(size: u64) -> *mut core::ffi::c_void;
    pub fn memcpy(
        dest: *mut core::ffi::c_void,
        src: *const core::ffi::c_void,
        n: u64,
    ) -> *mut core::ffi::c_void;
}

// Layout checks: rustc verifies clang's size, alignment and offsets.
const _: () = assert!(core::mem::size_of::<slist_node>() == 8);
const _: () = assert!(core::mem::align_of::<slist_node>() == 8);
const _: () = assert!(core::mem::offset_of!(slist_node, next) == 0);
const _: () = assert!(core::mem::size_of::<msort_ctx>() == 24);
const _: () = assert!(core::mem::align_of::<msort_ctx>() == 8);
const _: () = assert!(core::mem::offset_of!(msort_ctx, size) == 0);
const _: () = assert!(core::mem::offset_of!(msort_ctx, cmp) == 8);
const _: () = assert!(core::mem::offset_of!(msort_ctx, r#priv) == 16);
const _: () = assert!(core::mem::size_of::<sort_ctx>() == 40);
const _: () = assert!(core::mem::align_of::<sort_ctx>() == 8);
const _: () = assert!(core::mem::offset_of!(sort_ctx, base) == 0);
const _: () = assert!(core::mem::offset_of!(sort_ctx, size) == 8);
const _: () = assert!(core::mem::offset_of!(sort_ctx, cmp) == 16);
const _: () = assert!(core::mem::offset_of!(sort_ctx, swap) == 24);
const _: () = assert!(core::mem::offset_of!(sort_ctx, r#priv) == 32);
const _: () = assert!(core::mem::size_of::<plain_cmp>() == 8);
const _: () = assert!(core::mem::align_of::<plain_cmp>() == 8);
const _: () = assert!(core::mem::offset_of!(plain_cmp, cmp) == 0);
