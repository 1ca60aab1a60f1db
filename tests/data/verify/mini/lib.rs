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
