"""C11 arithmetic rules, gcc vs the builtin translation: promotions, conversions, wrap-around, shifts."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.3.1.1: unsigned char/short operands promote to int before arithmetic, so no wrap at 8/16 bits.
    Case("promo_uchar", """
int promo_add(unsigned char a, unsigned char b) { return a + b; }
int promo_mul(unsigned short a, unsigned short b) { return a * b > 65535; }
int promo_not(unsigned char a) { return ~a; }
int promo_neg(unsigned short a) { return -a; }
""", [("promo_add", [200, 100]), ("promo_mul", [300, 300]), ("promo_not", [5]), ("promo_neg", [7])]),
    # 6.3.1.8: int vs unsigned int converts to unsigned: -1 < 1u is false.
    Case("usual_conv", """
int cmp_mixed(int a, unsigned b) { return a < b; }
int cmp_long(int a, unsigned b) { return (long)a < (long)b; }
long add_mixed(int a, unsigned long b) { return (long)(a + b); }
unsigned div_mixed(int a, unsigned b) { return a / b; }
int lit_cmp(void) { return -1 < 1u; }
int lit_cmp_long(void) { return -1L < 1u; }
""", [("cmp_mixed", [-1, 1]), ("cmp_mixed", [3, 5]), ("cmp_long", [-1, 1]), ("add_mixed", [-5, 3]),
      ("div_mixed", [-8, 2]), ("lit_cmp", []), ("lit_cmp_long", [])]),
    # 6.2.5p9: unsigned arithmetic wraps modulo 2^N.
    Case("unsigned_wrap", """
unsigned wrap_add(unsigned a, unsigned b) { return a + b; }
unsigned wrap_sub(unsigned a, unsigned b) { return a - b; }
unsigned long long wrap_mul(unsigned long long a, unsigned long long b) { return a * b; }
unsigned wrap_neg(unsigned a) { return -a; }
unsigned char wrap_uchar(unsigned char a) { a += 200; return a; }
""", [("wrap_add", [4294967295, 2]), ("wrap_sub", [1, 2]), ("wrap_mul", [18446744073709551615, 3]),
      ("wrap_neg", [1]), ("wrap_uchar", [100])]),
    # 6.3.1.3: conversion to a narrower unsigned type keeps the value modulo 2^N; to signed, gcc wraps.
    Case("narrowing", """
unsigned char to_uchar(int v) { return (unsigned char)v; }
unsigned short to_ushort(long v) { return v; }
signed char to_schar(int v) { return (signed char)v; }
int from_ulong(unsigned long v) { return (int)v; }
unsigned to_uint_neg(int v) { return v; }
""", [("to_uchar", [-1]), ("to_uchar", [300]), ("to_ushort", [-70000]), ("to_schar", [200]),
      ("from_ulong", [4294967296 + 5]), ("to_uint_neg", [-2])]),
    # 6.5.7: shifts act on the promoted left operand; the result has its type.
    Case("shifts", """
int shl_uchar(unsigned char a) { return a << 8; }
unsigned shr_u(unsigned a, int n) { return a >> n; }
int shr_s(int a, int n) { return a >> n; }
unsigned long long shl_ull(unsigned n) { return 1ULL << n; }
unsigned shl_wrap(unsigned a) { return a << 31; }
int shl_assign(int a, int n) { a <<= n; return a; }
""", [("shl_uchar", [255]), ("shr_u", [4294967295, 4]), ("shr_s", [-16, 2]), ("shl_ull", [40]),
      ("shl_wrap", [3]), ("shl_assign", [5, 3])]),
    # x86-64: plain char is signed.
    Case("char_sign", """
int char_val(int v) { char c = (char)v; return c; }
int char_cmp(int v) { char c = (char)v; return c < 0; }
int uchar_val(int v) { unsigned char c = (unsigned char)v; return c; }
""", [("char_val", [200]), ("char_cmp", [128]), ("uchar_val", [200])]),
    # 6.5.5: integer division truncates toward zero; (a/b)*b + a%b == a.
    Case("division", """
int div_s(int a, int b) { return a / b; }
int mod_s(int a, int b) { return a % b; }
long mod_l(long a, long b) { return a % b; }
unsigned div_u(unsigned a, unsigned b) { return a / b; }
""", [("div_s", [-7, 2]), ("div_s", [7, -2]), ("mod_s", [-7, 2]), ("mod_s", [7, -2]), ("mod_l", [-9, 4]),
      ("div_u", [4294967295, 2])]),
    # Compound assignment on narrow types converts back to the narrow type.
    Case("compound_narrow", """
int cmp_uchar_add(int v) { unsigned char c = 250; c += v; return c; }
int cmp_short_mul(int v) { short s = 300; s *= v; return s; }
int cmp_uchar_sub(void) { unsigned char c = 1; c -= 2; return c; }
int cmp_div_assign(int v) { unsigned char c = 200; c /= v; return c; }
int cmp_shift_char(void) { unsigned char c = 0x81; c <<= 1; return c; }
""", [("cmp_uchar_add", [10]), ("cmp_short_mul", [300]), ("cmp_uchar_sub", []), ("cmp_div_assign", [3]),
      ("cmp_shift_char", [])]),
    # ++/-- in expression position: value before (postfix) or after (prefix).
    Case("incdec", """
int inc_post(int a) { int b = a++; return b * 100 + a; }
int inc_pre(int a) { int b = ++a; return b * 100 + a; }
int dec_ptr_walk(void) { int arr[4] = {1, 2, 3, 4}; int *p = arr; int s = *p++;
    s = s * 10 + *p++; return s * 10 + *--p; }
int inc_uchar_wrap(void) { unsigned char c = 255; c++; return c; }
int inc_in_cond(int n) { int i = 0, c = 0; while (i++ < n) c += i; return c * 100 + i; }
""", [("inc_post", [5]), ("inc_pre", [5]), ("dec_ptr_walk", []), ("inc_uchar_wrap", []),
      ("inc_in_cond", [4])]),
    # Comma operator: left operand evaluated first, value of the right one.
    Case("comma", """
int comma_val(int a) { int b; b = (a += 2, a * 3); return b + a; }
int comma_for(int n) { int i, j, s = 0; for (i = 0, j = n; i < j; i++, j--) s += j - i; return s; }
""", [("comma_val", [1]), ("comma_for", [7])]),
    # Logical operators yield int 0/1 and short-circuit; ! on pointers and integers.
    Case("logical", """
static int hits;
static int touch(int v) { hits++; return v; }
int logic_sc(int a) { hits = 0; int r = (a && touch(a)) || touch(0); return r * 10 + hits; }
int logic_not(int a) { return !a + !!a * 2; }
int logic_ptr(void) { int x = 1; int *p = &x; int *q = 0; return !p * 2 + !q; }
int ternary_mix(int a) { return a > 0 ? a : -a; }
unsigned ternary_conv(int c) { return c ? -1 : 2u; }
""", [("logic_sc", [0]), ("logic_sc", [3]), ("logic_not", [5]), ("logic_not", [0]), ("logic_ptr", []),
      ("ternary_mix", [-9]), ("ternary_conv", [1])]),
    # Literals: suffixes, hex, octal, character constants (int in C).
    Case("literals", """
unsigned long lit_hex(void) { return 0xFFFFFFFFu + 1UL; }
int lit_oct(void) { return 0755; }
int lit_char(void) { return 'A' + '\\n' + sizeof('x'); }
long long lit_big(void) { return 0x7fffffffffffffffLL; }
int lit_int_overflow_type(void) { return sizeof(2147483648) ; }
""", [("lit_hex", []), ("lit_oct", []), ("lit_char", []), ("lit_big", []), ("lit_int_overflow_type", [])]),
    # Bitwise operators and their promotions.
    Case("bitwise", """
unsigned bit_mix(unsigned a, unsigned b) { return (a & b) | (a ^ ~b); }
int bit_not_char(signed char c) { return ~c; }
unsigned long bit_long(unsigned a) { return ~(unsigned long)a; }
int popc(unsigned v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }
""", [("bit_mix", [12, 10]), ("bit_not_char", [-3]), ("bit_long", [5]), ("popc", [4294967295])]),
    # Floating point: conversions to integer truncate toward zero; int to float rounds.
    Case("floats", """
int f_trunc(double d) { return (int)d; }
double f_div(int a, int b) { return (double)a / b; }
float f_sum(float a, float b) { return a + b; }
int f_cmp(double a, int b) { return a < b; }
long f_mix(long a) { return a * 1.5; }
""", [("f_trunc", [-2.7]), ("f_trunc", [2.7]), ("f_div", [1, 3]), ("f_sum", [0.1, 0.2]), ("f_cmp", [2.5, 3]),
      ("f_mix", [7])]),
]


batch, test_behaviour = behaviour_module(CASES, "arith")
