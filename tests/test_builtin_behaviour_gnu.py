"""GNU C as kernel-style code writes it, gcc vs the builtin translation: statement expressions, typeof,
builtins, likely/unlikely, min/max/ARRAY_SIZE/BIT macros, do { } while (0) macro bodies."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

KCOMPAT = r"""
#include <stddef.h>
#include <stdint.h>
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define BIT(nr) (1UL << (nr))
#define min(x, y) ({ typeof(x) _a = (x); typeof(y) _b = (y); (void)(&_a == &_b); _a < _b ? _a : _b; })
#define max_t(type, x, y) ({ type _x = (x); type _y = (y); _x > _y ? _x : _y; })
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
"""

CASES = [
    Case("stmt_expr", KCOMPAT + """
int se_min(int a, int b) { return min(a, b); }
u32 se_max_t(int a, u32 b) { return max_t(u32, a, b); }
int se_block(int a) { int r = ({ int t = a * 2; t + 1; }); return r; }
int se_swap(int a, int b) { swap(a, b); return a * 100 + b; }
""", [("se_min", [3, -4]), ("se_max_t", [-1, 5]), ("se_block", [20]), ("se_swap", [1, 2])]),
    # __builtin_clz/ctz/popcount and friends, on the widths their names say.
    Case("bit_builtins", KCOMPAT + """
int bb_clz(unsigned v) { return __builtin_clz(v); }
int bb_ctz(unsigned v) { return __builtin_ctz(v); }
int bb_pop(unsigned long v) { return __builtin_popcountl(v); }
int bb_clzll(u64 v) { return __builtin_clzll(v); }
int bb_fls(u32 x) { return x ? sizeof(x) * 8 - __builtin_clz(x) : 0; }
""", [("bb_clz", [1]), ("bb_clz", [0x80000000]), ("bb_ctz", [40]), ("bb_pop", [0xFFFF000000000001]),
      ("bb_clzll", [1 << 40]), ("bb_fls", [1000])]),
    Case("kmacros", KCOMPAT + """
static const u32 table[] = { 1, 10, 100, 1000, 10000 };
int km_size(void) { return ARRAY_SIZE(table); }
u64 km_bit(int n) { return BIT(n) | BIT(0); }
int km_likely(int v) { if (likely(v > 0)) return 1; if (unlikely(v < -5)) return -2; return 0; }
u32 km_lookup(unsigned i) { return i < ARRAY_SIZE(table) ? table[i] : 0; }
""", [("km_size", []), ("km_bit", [33]), ("km_likely", [3]), ("km_likely", [-9]), ("km_likely", [-1]),
      ("km_lookup", [3]), ("km_lookup", [7])]),
    # 64-bit division helpers in the style of div64: remainder through a pointer.
    Case("div64", KCOMPAT + """
static u64 div_rem(u64 n, u32 base, u32 *rem) { *rem = (u32)(n % base); return n / base; }
u64 d64_quot(u64 n, u32 base) { u32 r; return div_rem(n, base, &r); }
u32 d64_rem(u64 n, u32 base) { u32 r; div_rem(n, base, &r); return r; }
s64 d64_signed(s64 a, s64 b) { return a / b + a % b; }
""", [("d64_quot", [10**18 + 7, 1000]), ("d64_rem", [10**18 + 7, 1000]), ("d64_signed", [-(10**15), 7])]),
]

batch, test_behaviour = behaviour_module(CASES, "gnu")
