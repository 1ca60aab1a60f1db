"""Builtin translator core, expressions: gcc vs the translated Rust on the same inputs (one rustc run)."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # Comma operator, nested assignments and ++/-- inside larger expressions (C11 6.5.17, 6.5.16, 6.5.2.4).
    Case("ex_side_effects", """
int ex_comma(int a) { int b = (a++, a * 2); return (a, b) + a; }
int ex_chain(int a) { int x, y, z; x = y = z = a + 1; return x + y * 10 + z * 100; }
int ex_post_in_index(void) {
    int v[4] = {5, 6, 7, 8}; int i = 0; int s = v[i++]; s += v[i++] * 10; return s * 10 + i; }
int ex_pre_dec_loop(int n) { int c = 0; while (--n > 0) c += n; return c; }
int ex_assign_value(int a) { int b; if ((b = a * 3) > 10) return b; return -b; }
long ex_compound_chain(long a) { long b = 2; b += a -= 3; return a * 1000 + b; }
""", [("ex_comma", [4]), ("ex_chain", [2]), ("ex_post_in_index", []), ("ex_pre_dec_loop", [5]),
      ("ex_assign_value", [5]), ("ex_assign_value", [2]), ("ex_compound_chain", [10])]),
    # The conditional operator converts both arms to the common type (6.5.15).
    Case("ex_ternary", """
long ex_tern_mixed(int c, unsigned u, int s) { return c ? u : s; }
int ex_tern_nested(int a) { return a < 0 ? -1 : a == 0 ? 0 : 1; }
unsigned char ex_tern_narrow(int c) { unsigned char x = c ? 300 : 7; return x; }
int ex_tern_gnu(int a, int b) { return a ?: b; }
""", [("ex_tern_mixed", [1, 4000000000, -1]), ("ex_tern_mixed", [0, 4, -1]), ("ex_tern_nested", [-5]),
      ("ex_tern_nested", [0]), ("ex_tern_nested", [9]), ("ex_tern_narrow", [1]), ("ex_tern_gnu", [0, 3]),
      ("ex_tern_gnu", [2, 3])]),
    # Logical operators short-circuit and yield int 0/1 (6.5.13, 6.5.14); ! on pointers.
    Case("ex_logic", """
static int calls;
static int bump(int v) { calls++; return v; }
int ex_short_and(int a) { calls = 0; int r = a && bump(a); return r * 10 + calls; }
int ex_short_or(int a) { calls = 0; int r = a || bump(5); return r * 10 + calls; }
int ex_not_ptr(int a) { int x = 1; int *p = a ? &x : 0; return !p + (!!p) * 2; }
int ex_logic_value(int a, int b) { return (a > b) + (a == b) * 2 + (a != b) * 4 + (!a) * 8; }
""", [("ex_short_and", [0]), ("ex_short_and", [3]), ("ex_short_or", [0]), ("ex_short_or", [1]),
      ("ex_not_ptr", [0]), ("ex_not_ptr", [1]), ("ex_logic_value", [3, 2]), ("ex_logic_value", [0, 0])]),
    # Literals: suffixes, hex/octal, char constants are int, string literals are NUL-terminated arrays.
    Case("ex_literals", """
unsigned long ex_hex(void) { return 0xFFFFFFFFu + 0x10UL + 010 + 'A'; }
long long ex_big(void) { return 9223372036854775807LL - 07777; }
int ex_char_neg(void) { return '\\xff' + '\\n'; }
int ex_str_len(void) {
    const char *s = "ab\\0cd"; int n = 0; while (s[n]) n++; return n + (int)sizeof("ab\\0cd"); }
int ex_str_index(int i) { return "hello"[i]; }
""", [("ex_hex", []), ("ex_big", []), ("ex_char_neg", []), ("ex_str_len", []), ("ex_str_index", [1])]),
    # sizeof is computed by the compiler, not evaluated (6.5.3.4).
    Case("ex_sizeof", """
struct sz { char c; long l; short s; };
long ex_sizeof_all(void) {
    int n = 0; struct sz v; int arr[7][3];
    long r = sizeof(struct sz) + sizeof v.l * 100 + sizeof arr * 1000 + sizeof arr[0] * 100000;
    r += sizeof(n++);  /* not evaluated */
    return r * 10 + n;
}
""", [("ex_sizeof_all", [])]),
    # Casts between integer, floating and pointer types (6.3.1.4, 6.3.2.3).
    Case("ex_casts", """
int ex_float_trunc(double d) { return (int)d + (int)(float)(d * 2); }
unsigned long ex_ptr_roundtrip(void) {
    int x = 3; unsigned long a = (unsigned long)&x; int *p = (int *)a; return *p; }
double ex_int_to_double(long v) { return (double)v / 4; }
int ex_bool_conv(double d) { _Bool b = d; return b + (_Bool)0.5 * 2; }
signed char ex_trunc_chain(long v) { return (signed char)(short)v; }
""", [("ex_float_trunc", [3.75]), ("ex_float_trunc", [-3.75]), ("ex_ptr_roundtrip", []),
      ("ex_int_to_double", [-10]), ("ex_bool_conv", [0.0]), ("ex_bool_conv", [0.25]),
      ("ex_trunc_chain", [70000 + 200])]),
    # Pointer arithmetic, comparison and difference within one array (6.5.6, 6.5.8).
    Case("ex_pointers", """
long ex_ptr_diff(int i, int j) {
    long a[10]; long *p = &a[i], *q = a + j; return (q - p) * 10 + (p < q) + (p == q) * 2; }
int ex_ptr_walk(void) {
    int v[5] = {1, 2, 3, 4, 5}; int s = 0; for (int *p = v + 4; p >= v; p--) s = s * 10 + *p; return s; }
int ex_ptr_void(void) { char buf[8] = "abcdefg"; void *p = buf; p = (char *)p + 2; return *(char *)p; }
int ex_ptr_of_ptr(void) { int x = 4; int *p = &x; int **pp = &p; **pp += 3; return x; }
""", [("ex_ptr_diff", [2, 7]), ("ex_ptr_diff", [5, 1]), ("ex_ptr_walk", []), ("ex_ptr_void", []),
      ("ex_ptr_of_ptr", [])]),
    # Function pointers: exported and static functions, tables, NULL checks, calls through them.
    Case("ex_fnptr", """
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
int mul(int a, int b) { return a * b; }
static int apply(binop f, int a, int b) { return f ? f(a, b) : -1; }
int ex_fn_table(int i) { binop t[3] = { add, mul, 0 }; return apply(t[i], 6, 7); }
int ex_fn_direct(void) { int (*f)(int, int) = &mul; return (*f)(3, 4) + f(1, 1); }
""", [("ex_fn_table", [0]), ("ex_fn_table", [1]), ("ex_fn_table", [2]), ("ex_fn_direct", [])]),
    # Compound literals and designated initializers in expressions (6.5.2.5, 6.7.9).
    Case("ex_compound_lit", """
struct pair { int a; int b; };
static int psum(struct pair p) { return p.a * 10 + p.b; }
int ex_clit(int x) { return psum((struct pair){ .b = x, .a = 2 }); }
int ex_nested_init(void) {
    struct { struct pair p[2]; int n; } s = { { {1, 2}, {3, 4} }, 9 };
    return s.p[1].a * 100 + s.p[0].b * 10 + s.n;
}
""", [("ex_clit", [7]), ("ex_nested_init", [])]),
    # GCC builtins kernel code relies on: checked arithmetic, ffs, abs, mem* (GCC manual, "Other Builtins").
    Case("ex_gcc_builtins", """
typedef unsigned long long u64;
int ex_mul_ovf(long a, long b) {
    int r; int o = __builtin_mul_overflow(a, b, &r); return o * 1000000 + r % 1000; }
int ex_add_ovf_u(unsigned a, unsigned b) {
    unsigned r; return __builtin_add_overflow(a, b, &r) * 10 + (r & 7); }
int ex_mul_ovf_u64(u64 a, u64 b) { u64 r; return __builtin_mul_overflow(a, b, &r) * 10 + (int)(r & 7); }
int ex_sub_ovf(int a, int b) { short r; return __builtin_sub_overflow(a, b, &r) * 100000 + r; }
int ex_ffs(unsigned long v) { return __builtin_ffsl(v) * 100 + __builtin_ffs((int)(v >> 3)); }
int ex_abs(int v) { return __builtin_abs(v) + (int)__builtin_labs(-7L); }
int ex_mem(int v) {
    int a[4] = { 1, 2, 3, 4 }, b[4];
    __builtin_memcpy(b, a, sizeof a);
    __builtin_memmove(a + 1, a, 2 * sizeof(int));
    __builtin_memset(b, v, 2);
    return a[1] * 1000 + a[3] * 100 + b[0] + b[3];
}
""", [("ex_mul_ovf", [100000, 100000]), ("ex_mul_ovf", [-3, 7]), ("ex_add_ovf_u", [4000000000, 400000000]),
      ("ex_add_ovf_u", [1, 2]), ("ex_mul_ovf_u64", [18446744073709551615, 2]), ("ex_mul_ovf_u64", [3, 5]),
      ("ex_sub_ovf", [-32768, 1]), ("ex_sub_ovf", [5, 9]), ("ex_ffs", [0]), ("ex_ffs", [96]),
      ("ex_abs", [-5]), ("ex_mem", [1])]),
    # GCC atomic builtins (GCC manual, "__sync Builtins" and "__atomic Builtins").
    Case("ex_atomics", """
static int refs = 1;
static unsigned long bits;
int ex_sync(int v) {
    int old = __sync_fetch_and_add(&refs, v);
    int now = __sync_sub_and_fetch(&refs, 1);
    int swapped = __sync_bool_compare_and_swap(&refs, now, 100);
    int prev = __sync_val_compare_and_swap(&refs, 5, 6);
    __sync_synchronize();
    return old * 1000000 + now * 10000 + swapped * 1000 + prev;
}
long ex_atomic(int n) {
    __atomic_store_n(&bits, 3UL, __ATOMIC_RELEASE);
    unsigned long before = __atomic_fetch_or(&bits, 1UL << n, __ATOMIC_SEQ_CST);
    unsigned long after = __atomic_and_fetch(&bits, ~1UL, __ATOMIC_ACQ_REL);
    unsigned long expect = 99;
    int ok = __atomic_compare_exchange_n(&bits, &expect, 7UL, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    long r = (long)(before * 100000 + after * 100 + expect) * 10 + ok;
    return r + (long)__atomic_load_n(&bits, __ATOMIC_ACQUIRE);
}
""", [("ex_sync", [4]), ("ex_atomic", [4])]),
]


batch, test_behaviour = behaviour_module(CASES, "core_exprs")
