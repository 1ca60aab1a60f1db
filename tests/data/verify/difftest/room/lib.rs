// The Rust of room.c; each `_bad` function differs from its C in one seeded way.
extern "C" {
    fn exit(status: i32) -> !;
}

#[no_mangle]
pub unsafe extern "C" fn frame_flip(bits: *mut u8) {
    for i in 0..96 {
        *bits.add(i) = (*bits.add(i) == 0) as u8;
    }
}

#[no_mangle]
pub unsafe extern "C" fn frame_flip_bad(bits: *mut u8) {
    for i in 0..95 {
        *bits.add(i) = (*bits.add(i) == 0) as u8; // the last bit is left as it was
    }
}

#[no_mangle]
pub unsafe extern "C" fn words_sum(words: *const u16) -> u32 {
    (0..40).fold(0u32, |s, i| s.wrapping_add((*words.add(i) as u32).wrapping_mul(i as u32 + 1)))
}

#[no_mangle]
pub unsafe extern "C" fn words_sum_bad(words: *const u16) -> u32 {
    (0..39).fold(0u32, |s, i| s.wrapping_add((*words.add(i) as u32).wrapping_mul(i as u32 + 1)))
}

#[no_mangle]
pub extern "C" fn give_up(code: i32) {
    unsafe { exit(code & 7) }
}

#[no_mangle]
pub extern "C" fn give_up_bad(code: i32) {
    unsafe { exit(code & 3) } // a different status when bit 2 is set
}

#[no_mangle]
pub extern "C" fn clamp_or_exit(x: i32) -> i32 {
    if x < 0 {
        std::process::exit(3); // the standard library's exit: once per process, so each in a child of its own
    }
    x & 0xff
}

#[no_mangle]
pub extern "C" fn clamp_or_exit_bad(x: i32) -> i32 {
    x & 0xff // returns where the C exits
}

#[no_mangle]
pub unsafe extern "C" fn grow(cap: *mut u64, add: u32) -> u32 {
    while *cap < add as u64 {
        *cap = (*cap).wrapping_mul(2);
    }
    (*cap & 0xffff) as u32
}

#[no_mangle]
pub unsafe extern "C" fn grow_bad(cap: *mut u64, add: u32) -> u32 {
    while *cap < add as u64 {
        *cap = (*cap).wrapping_mul(2);
    }
    (*cap & 0xff) as u32
}
