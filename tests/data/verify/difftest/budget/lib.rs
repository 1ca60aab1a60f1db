#[no_mangle]
pub extern "C" fn nap(x: u32) -> u32 {
    std::thread::sleep(std::time::Duration::from_millis(100));
    x.wrapping_mul(2)
}

#[no_mangle]
pub extern "C" fn boom(x: i32) -> i32 {
    if x != 7 {
        std::process::abort();
    }
    x
}
