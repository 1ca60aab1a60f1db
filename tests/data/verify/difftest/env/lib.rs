extern "C" {
    fn malloc(n: usize) -> *mut u8;
    fn free(p: *mut u8);
}

#[no_mangle]
pub unsafe extern "C" fn grab(mb: u32) -> i32 {
    let p = malloc((mb as usize) << 20);
    if !p.is_null() {
        *p = 1;
    }
    (!p.is_null()) as i32
}

// What an optimiser may make of grab_free: the allocation is never used, so it is dropped, and never fails.
#[no_mangle]
pub extern "C" fn grab_free(_mb: u32) -> i32 {
    1
}

#[no_mangle]
pub extern "C" fn ilog2_u64(x: u64) -> i32 {
    if x == 0 { -1 } else { 63 - x.leading_zeros() as i32 }
}

#[no_mangle]
pub unsafe extern "C" fn weight(map: *const u64, nbits: u32) -> u32 {
    let mut w = 0u32;
    for k in 0..(nbits / 64) as usize {
        w += (*map.add(k)).count_ones();
    }
    w
}

#[no_mangle]
pub unsafe extern "C" fn at(a: *const i32, i: i32) -> i32 {
    *a.offset(i as isize)
}

#[no_mangle]
pub extern "C" fn spin(rounds: u32) -> u64 {
    let mut acc: u64 = 1;
    for i in 0..rounds {
        acc = acc.wrapping_mul(6364136223846793005).wrapping_add(i as u64);
    }
    acc
}

#[no_mangle]
pub extern "C" fn slow(n: i32) -> i32 {
    if n == 1 {
        std::thread::sleep(std::time::Duration::from_millis(2500));
    }
    n
}

#[no_mangle]
pub extern "C" fn near_limit(n: i32) -> i32 {
    if n == 1 {
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
    n
}

#[allow(dead_code)]
unsafe fn unused() {
    free(core::ptr::null_mut());
}
