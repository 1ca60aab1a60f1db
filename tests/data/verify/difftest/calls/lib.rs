// The Rust of calls.c; each `_bad` function differs from its C in one seeded way.
#[no_mangle]
pub unsafe extern "C" fn mix(s: *mut u8) {
    for i in 0..4 {
        *s.add(i) ^= *s.add((i + 1) % 4) << 1;
    }
}

#[no_mangle]
pub unsafe extern "C" fn mix_bad(s: *mut u8) {
    for i in 0..4 {
        *s.add(i) ^= *s.add((i + 1) % 4) << 2;
    }
}

#[no_mangle]
pub unsafe extern "C" fn bump(item: *mut i32) {
    *item = (*item).wrapping_add(1);
}

#[no_mangle]
pub unsafe extern "C" fn visit_all(items: *mut i32, n: i32, visit: Option<unsafe extern "C" fn(*mut i32)>) -> i32 {
    for i in 0..n.max(0) as usize {
        if let Some(f) = visit {
            f(items.add(i));
        }
    }
    if n > 0 { *items & 0xff } else { -1 }
}

#[no_mangle]
pub unsafe extern "C" fn visit_all_bad(items: *mut i32, n: i32, visit: Option<unsafe extern "C" fn(*mut i32)>) -> i32 {
    for i in 1..n.max(0) as usize {
        if let Some(f) = visit {
            f(items.add(i)); // the first item is never visited
        }
    }
    if n > 0 { *items & 0xff } else { -1 }
}

#[repr(C)]
pub struct flags {
    pub bits: u32, // kind: 3, level: 5, delta: 4 (signed)
    pub wide: u32,
}

#[no_mangle]
pub unsafe extern "C" fn flags_score(f: *const flags) -> i32 {
    let b = (*f).bits;
    let delta = ((b << 20) as i32) >> 28;
    ((b & 7) * 100 + ((b >> 3) & 31) * 3) as i32 + delta + ((*f).wide & 0xff) as i32
}

#[no_mangle]
pub unsafe extern "C" fn flags_score_bad(f: *const flags) -> i32 {
    let b = (*f).bits;
    let delta = ((b >> 8) & 15) as i32; // the sign of the 4-bit field is lost
    ((b & 7) * 100 + ((b >> 3) & 31) * 3) as i32 + delta + ((*f).wide & 0xff) as i32
}
