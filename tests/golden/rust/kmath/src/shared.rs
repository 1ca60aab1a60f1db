// Shared items of the C code: types, constants, globals and external declarations.

#[repr(C)]
#[derive(Clone, Copy)]
pub struct reciprocal_value {
    pub m: u32,
    pub sh1: u8,
    pub sh2: u8,
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

pub const U8_MAX: u8 = 255u8;

pub const U32_MAX: u32 = u32::MAX;

pub const U64_MAX: u64 = u64::MAX;

pub const S64_MAX: i64 = i64::MAX;

pub const S64_MIN: i64 = i64::MIN;

pub const EINVAL: i32 = 22i32;

pub const EOVERFLOW: i32 = 75i32;

pub const ERANGE: i32 = 34i32;

pub static pow10_table: [u32; 10] = [
    1u32,
    10u32,
    100u32,
    1000u32,
    10000u32,
    100000u32,
    1000000u32,
    10000000u32,
    100000000u32,
    1000000000u32,
];

// Layout checks: rustc verifies clang's size, alignment and offsets.
const _: () = assert!(core::mem::size_of::<reciprocal_value>() == 8);
const _: () = assert!(core::mem::align_of::<reciprocal_value>() == 4);
const _: () = assert!(core::mem::offset_of!(reciprocal_value, m) == 0);
const _: () = assert!(core::mem::offset_of!(reciprocal_value, sh1) == 4);
const _: () = assert!(core::mem::offset_of!(reciprocal_value, sh2) == 5);
