// SPDX-License-Identifier: GPL-2.0
// Comparators for sort() and ksearch(). They return the sign of a - b
// without computing a - b, which could overflow.

// llmigrate:begin cmp_int
pub fn cmp_int(a: &i32, b: &i32) -> i32 {
    let x: i32 = *a;
    let y: i32 = *b;
    ((x > y) as i32).wrapping_sub((x < y) as i32)
}
// llmigrate:end cmp_int

// llmigrate:begin cmp_u64
pub fn cmp_u64(a: &u64, b: &u64) -> i32 {
    let x: u64 = *a;
    let y: u64 = *b;
    ((x > y) as i32).wrapping_sub((x < y) as i32)
}
// llmigrate:end cmp_u64
