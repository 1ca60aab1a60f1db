"""C11 expression semantics, gcc vs the builtin translation: assignment values, side effects and sequencing
(6.5.13-6.5.17), argument and return conversions (6.5.2.2, 6.8.6.4), pointers, initialization (6.7.9)."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.5.16: an assignment expression has the value of the left operand after the assignment.
    Case("assign_values", """
int av_chain(int v) { int a, b, c; a = b = c = v; return a + b * 10 + c * 100; }
int av_cond(int v) { int x; if ((x = v * 2) > 5) return x; return -x; }
int av_narrow(int v) { unsigned char c; int r = (c = v) + 1; return r; }
int av_strcopy(void) { char src[] = "hey", dst[8]; char *d = dst; const char *s = src; int n = 0;
    while ((*d++ = *s++)) n++; return n * 1000 + dst[2]; }
""", [("av_chain", [7]), ("av_cond", [4]), ("av_cond", [1]), ("av_narrow", [511]), ("av_strcopy", [])]),
    # 6.5.13-6.5.15: && || ?: evaluate their second operand only when needed.
    Case("short_circuit", """
static int calls;
static int bump(int v) { calls++; return v; }
int sc_and(int a) { calls = 0; int r = a && bump(a > 2); return r * 10 + calls; }
int sc_or(int a) { calls = 0; int r = a || bump(5); return r * 10 + calls; }
int sc_ternary(int a) { calls = 0; int r = a ? bump(1) : bump(2) + bump(3); return r * 10 + calls; }
""", [("sc_and", [0]), ("sc_and", [3]), ("sc_or", [0]), ("sc_or", [4]), ("sc_ternary", [0]),
      ("sc_ternary", [1])]),
    # 6.5.2.2p7 and 6.8.6.4p3: arguments and return values convert as if by assignment.
    Case("call_conversions", """
static long widen(long v) { return v; }
static unsigned to_unsigned(unsigned v) { return v; }
static int trunc_arg(int v) { return v; }
int cv_args(int v) { return (int)(widen(v) + to_unsigned(v) % 1000 + trunc_arg(3.99)); }
int cv_ret_double(double d) { return d; }
unsigned char cv_ret_narrow(int v) { return v * 3; }
""", [("cv_args", [-5]), ("cv_ret_double", [-7.9]), ("cv_ret_narrow", [100])]),
    # Pointer idioms: *p++ = v, p += n, countdown loops on unsigned, pointer to array rows.
    Case("pointer_idioms", """
int pi_fill(int n) { int a[8] = {0}; int *p = a; for (int i = 0; i < n; i++) *p++ = i + 1;
    p -= 2; *p += 100; return a[n - 2] + a[n - 1] * 1000; }
int pi_countdown(unsigned n) { int s = 0; for (unsigned i = n; i-- > 0;) s = s * 2 + (int)(i & 1);
    return s; }
int pi_rows(void) { int m[3][4]; for (int i = 0; i < 12; i++) m[i / 4][i % 4] = i;
    int (*row)[4] = m; row++; return (*row)[3] + row[1][0] * 100; }
long pi_uintptr(void) { long buf[4]; char *c = (char *)&buf[1];
    return (long)(((unsigned long)c & 7) + (c - (char *)buf)); }
""", [("pi_fill", [5]), ("pi_countdown", [6]), ("pi_rows", []), ("pi_uintptr", [])]),
    # 6.7.9p21: missing initializers zero the rest; strings shorter than the array are NUL-padded.
    Case("init_rules", """
struct rec { int id; short tags[3]; struct { char c; long l; } in; };
int ir_partial(int i) { int a[5] = { 9 }; return a[i] + (i == 0) * 100; }
int ir_struct(void) { struct rec r = { .tags = { [2] = 7 }, .in.l = 5 };
    return r.id + r.tags[0] + r.tags[2] * 10 + (int)r.in.l * 100 + r.in.c; }
int ir_string(int i) { char s[6] = "ab"; return s[i] + (int)sizeof s * 1000; }
int ir_array_of_structs(void) { struct rec rs[2] = { { 1 }, { 2, { 3, 4 } } };
    return rs[0].id + rs[1].tags[1] * 10; }
""", [("ir_partial", [0]), ("ir_partial", [3]), ("ir_struct", []), ("ir_string", [1]), ("ir_string", [4]),
      ("ir_array_of_structs", [])]),
    # 128-bit intermediates, as kernel math helpers use for 64x64 multiplication.
    Case("wide_math", """
typedef unsigned long long u64;
u64 wm_mul_hi(u64 a, u64 b) { return (u64)(((unsigned __int128)a * b) >> 64); }
u64 wm_mul_shr(u64 a, u64 b, unsigned s) { return (u64)(((unsigned __int128)a * b) >> s); }
""", [("wm_mul_hi", [2**63 + 5, 2**62 + 3]), ("wm_mul_shr", [10**15, 10**9, 40])]),
    # Static storage: a pointer returned to a static local keeps pointing at live storage (6.2.4p3).
    Case("static_storage", """
static int *slot(int i) { static int cells[4]; return &cells[i & 3]; }
int ss_accumulate(int i, int v) { *slot(i) += v; return *slot(i) + *slot(i + 4) * 0; }
""", [("ss_accumulate", [1, 5]), ("ss_accumulate", [5, 6]), ("ss_accumulate", [2, 1])]),
]

batch, test_behaviour = behaviour_module(CASES, "exprs")
