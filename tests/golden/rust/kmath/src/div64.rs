// SPDX-License-Identifier: GPL-2.0
// 64-bit division without a hardware divider, scaled multiplication, a few
// overflow-aware helpers, and division by an invariant u32 through a
// precomputed reciprocal.
use crate::shared::*;

// llmigrate:begin div64_u64_rem
// div64_u64_rem - unsigned 64-bit division with remainder
//
// Restoring shift-and-subtract division: align the divisor's top bit with
// the dividend's, then produce one quotient bit per step. Division by zero
// does not trap: it returns U64_MAX with the dividend as the remainder.
// @remainder may be NULL.
pub fn div64_u64_rem(dividend: u64, divisor: u64, remainder: Option<&mut u64>) -> u64 {
    let mut dividend = dividend;
    let mut divisor = divisor;
    let mut remainder = remainder;
    let mut quot: u64 = 0u64;
    let mut shift: i32;
    let mut state2: u32 = 0;
    'goto1: loop {
        'at6: {
            'at5: {
                match state2 {
                    0 => break 'at5,
                    _ => break 'at6,
                }
            }
            quot = 0u64;
            if divisor == 0 {
                quot = u64::MAX;
                state2 = 1;
                continue 'goto1;
            }
            if dividend < divisor {
                state2 = 1;
                continue 'goto1;
            }
            shift =
                crate::log2::__ilog2_u64(dividend).wrapping_sub(crate::log2::__ilog2_u64(divisor));
            divisor = divisor.wrapping_shl(shift as u32);
            while shift >= 0i32 {
                quot = quot.wrapping_shl(1u32);
                if dividend >= divisor {
                    dividend = dividend.wrapping_sub(divisor);
                    quot |= 1u64;
                }
                divisor = divisor.wrapping_shr(1u32);
                shift = shift.wrapping_sub(1);
            }
        }
        if let Some(remainder) = remainder.as_deref_mut() {
            *remainder = dividend;
        }
        return quot;
    }
}
// llmigrate:end div64_u64_rem

// llmigrate:begin div64_u64
pub fn div64_u64(dividend: u64, divisor: u64) -> u64 {
    crate::div64::div64_u64_rem(dividend, divisor, None)
}
// llmigrate:end div64_u64

// llmigrate:begin mult_frac
// mult_frac - x * numer / denom without overflowing the intermediate product
//
// Splits x into quotient and remainder by denom first; only the final result
// can wrap. Returns U64_MAX for a zero denominator.
pub fn mult_frac(x: u64, numer: u32, denom: u32) -> u64 {
    let mut rem: u64 = 0u64;
    if denom == 0 {
        return u64::MAX;
    }
    let quot: u64 = crate::div64::div64_u64_rem(x, denom as u64, Some(&mut rem));
    quot.wrapping_mul(numer as u64)
        .wrapping_add(rem.wrapping_mul(numer as u64).wrapping_div(denom as u64))
}
// llmigrate:end mult_frac

// llmigrate:begin abs_diff_u64
pub fn abs_diff_u64(a: u64, b: u64) -> u64 {
    if a > b {
        a.wrapping_sub(b)
    } else {
        b.wrapping_sub(a)
    }
}
// llmigrate:end abs_diff_u64

// llmigrate:begin clamp_s64
// Clamp val into [lo, hi]; hi wins when the range is empty.
pub fn clamp_s64(val: i64, lo: i64, hi: i64) -> i64 {
    {
        let _min1: i64 = {
            let _max1: i64 = val;
            let _max2: i64 = lo;
            if _max1 > _max2 {
                _max1
            } else {
                _max2
            }
        };
        let _min2: i64 = hi;
        if _min1 < _min2 {
            _min1
        } else {
            _min2
        }
    }
}
// llmigrate:end clamp_s64

// llmigrate:begin check_add_u64
// a + b into *res (wrapped); returns true when the sum overflowed.
pub fn check_add_u64(a: u64, b: u64, res: &mut u64) -> bool {
    *res = a.wrapping_add(b);
    *res < a
}
// llmigrate:end check_add_u64

// llmigrate:begin reciprocal_value
// reciprocal_value - precompute a multiplier and shifts for dividing by d
//
// With l = ceil(log2(d)), m = floor(2^32 * (2^l - d) / d) + 1 fits in 32 bits
// and a / d == (t + ((a - t) >> sh1)) >> sh2 where t = (a * m) >> 32. The
// split shift keeps the sum from overflowing 32 bits. d == 0 gives the
// identity transform.
pub fn reciprocal_value(d: u32) -> reciprocal_value {
    let mut R: reciprocal_value = reciprocal_value {
        m: 0u32,
        sh1: 0u8,
        sh2: 0u8,
    };
    if d == 0 {
        return R;
    }
    let l: i32 = crate::log2::__ilog2_u32(d.wrapping_sub(1u32)).wrapping_add(1i32);
    let m: u64 = crate::div64::div64_u64(
        1u64.wrapping_shl(32u32)
            .wrapping_mul(1u64.wrapping_shl(l as u32).wrapping_sub(d as u64)),
        d as u64,
    )
    .wrapping_add(1u64);
    R.m = m as u32;
    R.sh1 = ({
        let _min1: i32 = l;
        let _min2: i32 = 1i32;
        if _min1 < _min2 {
            _min1
        } else {
            _min2
        }
    }) as u8;
    R.sh2 = ({
        let _max1: i32 = l.wrapping_sub(1i32);
        let _max2: i32 = 0i32;
        if _max1 > _max2 {
            _max1
        } else {
            _max2
        }
    }) as u8;
    R
}
// llmigrate:end reciprocal_value

// llmigrate:begin reciprocal_divide
pub fn reciprocal_divide(a: u32, R: reciprocal_value) -> u32 {
    let t: u32 = (a as u64).wrapping_mul(R.m as u64).wrapping_shr(32u32) as u32;
    t.wrapping_add(a.wrapping_sub(t).wrapping_shr(R.sh1 as i32 as u32))
        .wrapping_shr(R.sh2 as i32 as u32)
}
// llmigrate:end reciprocal_divide
