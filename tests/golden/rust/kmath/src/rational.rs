// SPDX-License-Identifier: GPL-2.0
// Best rational approximation of a fraction under bounds on both terms,
// e.g. to pick PLL multiplier/divider pairs for a requested clock ratio.

// llmigrate:begin rational_best_approximation
// Walk the continued fraction expansion of given_numerator/given_denominator,
// building convergents p/q until the next one would exceed a bound. At that
// point the best candidate is either the last convergent or the largest
// semiconvergent (p_prev + t*p)/(q_prev + t*q) that still fits: the
// semiconvergent wins when t is more than half the next partial quotient, and
// at exactly half only if it is the closer of the two.
//
// A zero denominator yields 1/0, a zero numerator 0/1.
pub fn rational_best_approximation(
    given_numerator: u32,
    given_denominator: u32,
    max_numerator: u32,
    max_denominator: u32,
    best_numerator: Option<&mut u32>,
    best_denominator: Option<&mut u32>,
) {
    // p_prev/q_prev and p/q are the last two convergents.
    let mut p_prev: u64 = 0u64;
    let mut q_prev: u64 = 1u64;
    let mut p: u64 = 1u64;
    let mut q: u64 = 0u64;
    let mut num: u64 = given_numerator as u64;
    let mut den: u64 = given_denominator as u64;
    'l1: while den != 0 {
        let a: u64 = num.wrapping_div(den);
        let rem: u64 = num.wrapping_rem(den);
        let p_next: u64 = p_prev.wrapping_add(a.wrapping_mul(p));
        let q_next: u64 = q_prev.wrapping_add(a.wrapping_mul(q));
        if p_next > max_numerator as u64 || q_next > max_denominator as u64 {
            let mut t: u64 = u64::MAX;
            if q != 0 {
                t = (max_denominator as u64)
                    .wrapping_sub(q_prev)
                    .wrapping_div(q);
            }
            if p != 0 {
                t = {
                    let __min1: u64 = t;
                    let __min2: u64 = (max_numerator as u64).wrapping_sub(p_prev).wrapping_div(p);
                    if __min1 < __min2 {
                        __min1
                    } else {
                        __min2
                    }
                };
            }
            // On the first step p/q is 1/0, which is no approximation
            // at all, so any semiconvergent beats it. At t == a/2 the
            // two are equally far from the value in units of the
            // partial quotient; the remaining terms break the tie.
            if q == 0
                || 2u64.wrapping_mul(t) > a
                || 2u64.wrapping_mul(t) == a && q_prev.wrapping_mul(den) > q.wrapping_mul(rem)
            {
                p = p_prev.wrapping_add(t.wrapping_mul(p));
                q = q_prev.wrapping_add(t.wrapping_mul(q));
            }
            break 'l1;
        }
        p_prev = p;
        q_prev = q;
        p = p_next;
        q = q_next;
        num = den;
        den = rem;
    }
    *best_numerator.unwrap() = p as u32;
    *best_denominator.unwrap() = q as u32;
}
// llmigrate:end rational_best_approximation
