// SPDX-License-Identifier: GPL-2.0
// Greatest common divisor and least common multiple.

// llmigrate:begin gcd
// Binary GCD: shift out the power of two both operands share, then keep both
// odd and repeatedly replace the larger by the (even) difference. Needs only
// shifts and subtractions, which is why it beats Euclid on cores with a slow
// divider.
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
            core::mem::swap(&mut a, &mut b);
        }
        b = b.wrapping_sub(a);
        if b == 0 {
            break;
        }
    }
    a.wrapping_shl(shift)
}
// llmigrate:end gcd

// llmigrate:begin lcm
// Least common multiple; 0 if either operand is 0, wraps on overflow.
pub fn lcm(a: u64, b: u64) -> u64 {
    if a == 0 || b == 0 {
        return 0u64;
    }
    a.wrapping_div(crate::gcd::gcd(a, b)).wrapping_mul(b)
}
// llmigrate:end lcm

// llmigrate:begin lcm_checked
// lcm_checked - least common multiple with overflow detection
//
// Stores the (possibly wrapped) result in *res and, like check_add_overflow(),
// returns true when the true result does not fit in a u64.
pub fn lcm_checked(a: u64, b: u64, res: &mut u64) -> bool {
    if a == 0 || b == 0 {
        *res = 0u64;
        return false;
    }
    let q: u64 = a.wrapping_div(crate::gcd::gcd(a, b));
    *res = q.wrapping_mul(b);
    b > u64::MAX.wrapping_div(q)
}
// llmigrate:end lcm_checked
