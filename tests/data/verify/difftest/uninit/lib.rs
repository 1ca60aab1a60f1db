// The crate's Rust initialises what the C leaves alone (as a translation must): zeros. `twice` is wrong on
// purpose, a real difference that the C's uninitialised reads elsewhere must not hide.
#![allow(non_camel_case_types)]
pub mod shared {
    #[repr(C)]
    pub struct token {
        pub r#type: i32,
        pub value: f32,
    }
}
pub mod ffi {
    use crate::shared::token;
    #[no_mangle]
    pub extern "C" fn last_of(n: i32) -> i32 {
        let mut a = [0i32; 8];
        let mut i = 0;
        while i < n && i < 8 {
            a[i as usize] = i;
            i += 1;
        }
        a[7]
    }
    #[no_mangle]
    pub unsafe extern "C" fn make_token(out: *mut token, r#type: i32) {
        let value = if r#type & 1 != 0 { 0.5 } else { 0.0 };
        unsafe { *out = token { r#type, value } };
    }
    #[no_mangle]
    pub extern "C" fn twice(x: i32) -> i32 {
        x.wrapping_mul(3)
    }
    #[no_mangle]
    pub extern "C" fn last_plus(n: i32) -> i32 {
        last_of(n).wrapping_add(1)
    }
    #[no_mangle]
    pub extern "C" fn last_plus_two(n: i32) -> i32 {
        last_plus(n).wrapping_add(1)
    }
    #[no_mangle]
    pub extern "C" fn twice_plus(x: i32) -> i32 {
        twice(x).wrapping_add(1)
    }
    #[no_mangle]
    pub extern "C" fn last_halved(n: i32) -> i32 {
        last_of(n).wrapping_div(n - n)
    }
}
