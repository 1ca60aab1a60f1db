// SPDX-License-Identifier: GPL-2.0
// Integer square root, powers and decimal logarithm.

// llmigrate:begin int_sqrt
// int_sqrt - floor of the square root of x
//
// Digit-by-digit method in base 4: "bit" walks down the even powers of two
// from the largest one not above x, and each step decides one bit of the root.
pub fn int_sqrt(x: u64) -> u64 {
    let mut x = x;
    let mut root: u64 = 0u64;
    if x <= 1u64 {
        return x;
    }
    let mut bit: u64 = 1u64.wrapping_shl((crate::log2::__ilog2_u64(x) & -2i32) as u32);
    while bit != 0 {
        let trial: u64 = root.wrapping_add(bit);
        root = root.wrapping_shr(1u32);
        if x >= trial {
            x = x.wrapping_sub(trial);
            root = root.wrapping_add(bit);
        }
        bit = bit.wrapping_shr(2u32);
    }
    root
}
// llmigrate:end int_sqrt

// llmigrate:begin int_pow
// base**exp by squaring, modulo 2^64.
pub fn int_pow(base: u64, exp: u32) -> u64 {
    let mut base = base;
    let mut exp = exp;
    let mut result: u64 = 1u64;
    while exp != 0 {
        if (exp & 1u32) != 0 {
            result = result.wrapping_mul(base);
        }
        exp = exp.wrapping_shr(1u32);
        base = base.wrapping_mul(base);
    }
    result
}
// llmigrate:end int_pow

// llmigrate:begin int_log10
// int_log10 - floor of the decimal logarithm of x, 0 for 0
//
// 1233/4096 is just above log10(2), so the estimate from the bit length is
// either right or one too high; a table lookup settles which.
pub fn int_log10(x: u32) -> u32 {
    if x == 0 {
        return 0u32;
    }
    let mut t: u32 = (crate::log2::__ilog2_u32(x).wrapping_add(1i32) as u32)
        .wrapping_mul(1233u32)
        .wrapping_shr(12u32);
    if t as u64 >= 40u64.wrapping_div(4u64) {
        t = 40u64.wrapping_div(4u64).wrapping_sub(1u64) as u32;
    }
    t.wrapping_sub((x < crate::shared::pow10_table[t as usize]) as i32 as u32)
}
// llmigrate:end int_log10
