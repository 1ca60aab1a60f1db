// SPDX-License-Identifier: GPL-2.0
// Base-2 logarithms, powers of two and bit-twiddling helpers.

// llmigrate:begin fls64
// Find last set: 1-based index of the most significant set bit, 0 for 0.
pub fn fls64(x: u64) -> i32 {
    let mut x = x;
    let mut r: i32 = 64i32;
    if x == 0 {
        return 0i32;
    }
    if (x & 0xffffffff00000000_u64) == 0 {
        x = x.wrapping_shl(32u32);
        r = r.wrapping_sub(32i32);
    }
    if (x & 0xffff000000000000_u64) == 0 {
        x = x.wrapping_shl(16u32);
        r = r.wrapping_sub(16i32);
    }
    if (x & 0xff00000000000000_u64) == 0 {
        x = x.wrapping_shl(8u32);
        r = r.wrapping_sub(8i32);
    }
    if (x & 0xf000000000000000_u64) == 0 {
        x = x.wrapping_shl(4u32);
        r = r.wrapping_sub(4i32);
    }
    if (x & 0xc000000000000000_u64) == 0 {
        x = x.wrapping_shl(2u32);
        r = r.wrapping_sub(2i32);
    }
    if (x & 0x8000000000000000_u64) == 0 {
        r = r.wrapping_sub(1i32);
    }
    r
}
// llmigrate:end fls64

// llmigrate:begin __ilog2_u32
pub fn __ilog2_u32(n: u32) -> i32 {
    crate::log2::fls64(n as u64).wrapping_sub(1i32)
}
// llmigrate:end __ilog2_u32

// llmigrate:begin __ilog2_u64
pub fn __ilog2_u64(n: u64) -> i32 {
    crate::log2::fls64(n).wrapping_sub(1i32)
}
// llmigrate:end __ilog2_u64

// llmigrate:begin is_power_of_2
pub fn is_power_of_2(n: u64) -> bool {
    n != 0u64 && (n & n.wrapping_sub(1u64)) == 0u64
}
// llmigrate:end is_power_of_2

// llmigrate:begin roundup_pow_of_two
// Smallest power of two >= n; 1 for 0, and 0 when the answer exceeds 2^63.
pub fn roundup_pow_of_two(n: u64) -> u64 {
    if n <= 1u64 {
        return 1u64;
    }
    if n > 1u64.wrapping_shl(63u32) {
        return 0u64;
    }
    1u64.wrapping_shl(crate::log2::__ilog2_u64(n.wrapping_sub(1u64)).wrapping_add(1i32) as u32)
}
// llmigrate:end roundup_pow_of_two

// llmigrate:begin rounddown_pow_of_two
// Largest power of two <= n; 0 for 0.
pub fn rounddown_pow_of_two(n: u64) -> u64 {
    if n == 0 {
        return 0u64;
    }
    1u64.wrapping_shl(crate::log2::__ilog2_u64(n) as u32)
}
// llmigrate:end rounddown_pow_of_two

// llmigrate:begin hweight32
// Population count by summing bits in ever wider fields (SWAR).
pub fn hweight32(w: u32) -> u32 {
    let mut w = w;
    w = w.wrapping_sub(w.wrapping_shr(1u32) & 0x55555555_u32);
    w = (w & 0x33333333_u32).wrapping_add(w.wrapping_shr(2u32) & 0x33333333_u32);
    w = w.wrapping_add(w.wrapping_shr(4u32)) & 0xf0f0f0f_u32;
    w.wrapping_mul(0x1010101_u32).wrapping_shr(24u32)
}
// llmigrate:end hweight32

// llmigrate:begin hweight64
pub fn hweight64(w: u64) -> u32 {
    crate::log2::hweight32(w as u32)
        .wrapping_add(crate::log2::hweight32(w.wrapping_shr(32u32) as u32))
}
// llmigrate:end hweight64

// llmigrate:begin bitrev8
// Reverse the bits of a byte: swap nibbles, then pairs, then neighbours.
pub fn bitrev8(byte: u8) -> u8 {
    let mut x: u32 = byte as u32;
    x = (x & 0xf0_u32).wrapping_shr(4u32) | (x & 0xf_u32).wrapping_shl(4u32);
    x = (x & 0xcc_u32).wrapping_shr(2u32) | (x & 0x33_u32).wrapping_shl(2u32);
    x = (x & 0xaa_u32).wrapping_shr(1u32) | (x & 0x55_u32).wrapping_shl(1u32);
    x as u8
}
// llmigrate:end bitrev8

// llmigrate:begin bitrev32
pub fn bitrev32(x: u32) -> u32 {
    let mut r: u32 = 0u32;
    let mut i: u32;
    i = 0u32;
    while i < 4u32 {
        r = r.wrapping_shl(8u32)
            | crate::log2::bitrev8(x.wrapping_shr(8u32.wrapping_mul(i)) as u8) as u32;
        i = i.wrapping_add(1);
    }
    r
}
// llmigrate:end bitrev32
