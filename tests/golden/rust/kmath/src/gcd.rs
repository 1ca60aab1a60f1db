use crate::shared::*;

// llmigrate:begin gcd
pub fn gcd(a: u64, b: u64) -> u64 {
    let mut a = a;
    let mut b = b;
    let mut shift: u32 = 0u32;
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    while ((a | b) & 1u64) == 0 {
        a = a.wrapping_shr(1u32);
        b = b.wrapping_shr(1u32);
        shift = shift.wrapping_add(1);
    }
    while (a & 1u64) == 0 {
        a = a.wrapping_shr(1u32);
    }
    loop {
        while (b & 1u64) == 0 {
            b = b.wrapping_shr(1u32);
        }
        if a > b {
            {
                let __tmp: u64 = a;
                a = b;
                b = __tmp;
            }
        }
        b = b.wrapping_sub(a);
        if !(b != 0) {
            break;
        }
    }
    return a.wrapping_shl(shift);
}
// llmigrate:end gcd

// llmigrate:begin lcm
pub fn lcm(a: u64, b: u64) -> u64 {
    if (a == 0) || (b == 0) {
        return 0u64;
    }
    return a.wrapping_div(crate::gcd::gcd(a, b)).wrapping_mul(b);
}
// llmigrate:end lcm

// llmigrate:begin lcm_checked
pub fn lcm_checked(a: u64, b: u64, res: &mut u64) -> bool {
    let mut q: u64 = 0u64;
    if (a == 0) || (b == 0) {
        *res = 0u64;
        return false;
    }
    q = a.wrapping_div(crate::gcd::gcd(a, b));
    *res = q.wrapping_mul(b);
    return ((b > u64::MAX.wrapping_div(q)) as i32) != 0;
}
// llmigrate:end lcm_checked
