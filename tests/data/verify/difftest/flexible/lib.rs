// The Rust of bag.c; each `_bad` function differs from its C in one seeded way.
#[repr(C)]
pub struct bag {
    pub count: u32,
    pub items: [i32; 0],
}

#[repr(C)]
pub struct cursor {
    pub bag: *const bag,
    pub pos: u32,
}

unsafe fn items(b: *const bag) -> *mut i32 {
    core::ptr::addr_of!((*b).items) as *mut i32
}

#[no_mangle]
pub unsafe extern "C" fn bag_sum(b: *const bag) -> i32 {
    (0..(*b).count as usize).fold(0, |s, i| s + (*items(b).add(i) & 0xffff))
}

#[no_mangle]
pub unsafe extern "C" fn bag_sum_bad(b: *const bag) -> i32 {
    (0..((*b).count as usize).saturating_sub(1)).fold(0, |s, i| s + (*items(b).add(i) & 0xffff))
}

#[no_mangle]
pub unsafe extern "C" fn bag_bump(b: *mut bag) {
    for i in 0..(*b).count as usize {
        *items(b).add(i) = (*items(b).add(i)).wrapping_add(1);
    }
}

#[no_mangle]
pub unsafe extern "C" fn bag_bump_bad(b: *mut bag) {
    for i in 0..(*b).count as usize {
        *items(b).add(i) = (*items(b).add(i)).wrapping_add(if i == 3 { 2 } else { 1 });
    }
}

#[no_mangle]
pub unsafe extern "C" fn cursor_peek(c: *const cursor) -> i32 {
    let c = &*c;
    if !c.bag.is_null() && c.pos < (*c.bag).count { *items(c.bag).add(c.pos as usize) } else { -1 }
}

#[no_mangle]
pub unsafe extern "C" fn cursor_peek_bad(c: *const cursor) -> i32 {
    let c = &*c;
    if !c.bag.is_null() && c.pos <= (*c.bag).count { *items(c.bag).add(c.pos as usize) } else { -1 }
}
