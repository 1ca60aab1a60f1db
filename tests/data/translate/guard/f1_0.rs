pub fn f1_0(x: i32) -> i32 {
    let mut total: i32 = 0;
    let mut i: i32 = 0;
    // walk down
    while i < x {
        if i % 2 != 0 {
            total = total.wrapping_add(crate::chain::f0_0(i));
        } else {
            total = total.wrapping_sub(crate::chain::f0_1(i));
        }
        total ^= i;
        total = total.wrapping_add(3);
        total = total.wrapping_sub(1);
        i += 1;
    }
    total
}
