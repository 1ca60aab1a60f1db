"""Constructs found failing on unseen C (tests/data/corpus), each pinned by a C-standard rule, gcc vs the
builtin translation."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # C11 6.5.3.2: `&` of an lvalue whose type is const-qualified (a const static, or a member reached through
    # a pointer to const) yields a pointer to const; Rust only allows a shared raw borrow of such a place.
    Case("addr_of_const_lvalue", """
struct sl { unsigned key; int v; };
struct tb { struct sl slots[8]; int used; };
static const struct sl table[] = { {1, 10}, {2, 20}, {3, 30} };
static const int nums[4] = {5, 6, 7, 8};
static int find(const struct tb *t, unsigned k) {
    for (int i = 0; i < 8; i++) { const struct sl *s = &t->slots[i]; if (s->key == k) return s->v; }
    return -1; }
static const struct sl *lookup(unsigned k) {
    for (int i = 0; i < 3; i++) if (table[i].key == k) return &table[i];
    return 0; }
int run_const_addr(int k) { struct tb t; const int *p = &nums[1]; const int *q = nums;
    for (int i = 0; i < 8; i++) { t.slots[i].key = i * 3; t.slots[i].v = i * 100; }
    t.used = 1;
    const struct sl *e = lookup(k); const struct tb *ct = &t; const int *u = &ct->used;
    return find(ct, k) + (e ? e->v : -7) + p[1] + q[0] + *u + *(&ct->used); }
""", [("run_const_addr", [3]), ("run_const_addr", [1]), ("run_const_addr", [4])]),
    # GCC manual, Other Builtins: `__builtin_constant_p(e)` is 1 for an integer constant expression and may be
    # 0 otherwise, with `e` never evaluated; kernel macros pick a compile-time or a run-time path with it.
    Case("builtin_constant_p", """
static int ilog2_rt(unsigned long n) { return 63 - __builtin_clzl(n); }
#define ilog2(n) (__builtin_constant_p(n) ? ((n) >= 16 ? 4 : (n) >= 4 ? 2 : 0) : ilog2_rt(n))
int run_constant_p(int v) { int calls = 0;
    int k = __builtin_constant_p(16) * 100 + __builtin_constant_p(calls++) * 0;
    return k + ilog2(16) * 10 + ilog2((unsigned long)v) + calls * 1000; }
""", [("run_constant_p", [1]), ("run_constant_p", [1000])]),
    # GCC manual, Other Builtins: `__builtin_strlen`, `__builtin_strcmp`, ... are the C library functions
    # (kernel-style code calls them to get the compiler's folding); each is a call of the library function.
    Case("libc_builtins", """
#include <stddef.h>
static size_t cpy(char *d, const char *s, size_t size) { size_t ret = __builtin_strlen(s);
    if (size) { size_t len = ret >= size ? size - 1 : ret; __builtin_memcpy(d, s, len); d[len] = 0; }
    return ret; }
int run_libc_builtins(int k) { char buf[8]; const char *words[] = { "pear", "apple", "plum" };
    size_t r = cpy(buf, words[k % 3], (size_t)k);
    return (int)r * 1000 + (k ? buf[0] : 0) + (__builtin_strcmp(words[0], words[2]) < 0) * 7
        + (__builtin_strchr(words[1], 'l') - words[1]) * 10000 + __builtin_memcmp(words[0], "pea", 3) * 3; }
""", [("run_libc_builtins", [8]), ("run_libc_builtins", [0]), ("run_libc_builtins", [2])]),
    # C11 6.7.6.1/6.7.6.2: a parameter declared `int (*row)[N]` points to an array of N int (not an array
    # parameter, so it does not decay further); `p++` steps over a whole row.
    Case("pointer_to_array_param", """
#define N 4
static int row_sum(int (*row)[N]) { int s = 0; for (int i = 0; i < N; i++) s += (*row)[i]; return s; }
static long grid_sum(const double (*g)[2][3], int n) { double t = 0; for (int k = 0; k < n; k++)
    for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) t += g[k][i][j]; return (long)(t * 10); }
int run_ptr_to_array(int k) { int m[3][N]; double cube[2][2][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < N; j++) m[i][j] = i * k + j;
    for (int i = 0; i < 12; i++) (&cube[0][0][0])[i] = i * 0.5 + k;
    int (*p)[N] = m; p++;
    return row_sum(p) * 100 + row_sum(&m[2]) + (int)grid_sum(cube, 2) * 10000; }
""", [("run_ptr_to_array", [5]), ("run_ptr_to_array", [-3])]),
    # C11 6.7.6.2: an array parameter's inner dimensions are integer constant expressions, often over macros
    # (`[MAXN + 1]`); the parameter is a pointer to an array of that many elements.
    Case("constant_expression_dims", """
#define MAXN 4
#define COLS (2 * MAXN)
static int fill(int dp[][MAXN + 1], char names[][COLS - 1], int n) { int s = 0;
    for (int i = 0; i < n; i++) { names[i][0] = (char)('a' + i); names[i][COLS - 2] = 0;
        for (int j = 0; j <= MAXN; j++) { dp[i][j] = i * 10 + j; s += dp[i][j] * (j + 1); } }
    return s + names[n - 1][0]; }
int run_const_dims(int n) { int dp[3][MAXN + 1]; char names[3][COLS - 1];
    return fill(dp, names, n) * 100 + dp[n - 1][MAXN] + (int)sizeof(names[0]); }
""", [("run_const_dims", [3]), ("run_const_dims", [1])]),
    # GCC's __int128 (kernel-style 64x64->128 multiplies) as parameter and return types of SRC functions.
    Case("int128_signatures", """
typedef unsigned __int128 u128;
static u128 mul_wide(unsigned long a, unsigned long b) { return (u128)a * b; }
static __int128 neg_wide(__int128 x) { return -x; }
long long run_int128(long long a, long long b) { u128 p = mul_wide((unsigned long)a, (unsigned long)b);
    __int128 n = neg_wide((__int128)p);
    return (long long)(p >> 64) * 1000003 + (long long)(unsigned long long)p + (long long)(n >> 100); }
""", [("run_int128", [0x7FFFFFFFFFFFFFFF, 0x123456789]), ("run_int128", [-1, -1]), ("run_int128", [3, 5])]),
    # C11 6.7.6.3: declarators the text signature mapper must not garble: a function returning a function
    # pointer, a pointer to a function pointer (an out-parameter for a callback).
    Case("function_pointer_declarators", """
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int (*get_op(char c))(int, int) { return c == '+' ? add : c == '-' ? sub : 0; }
static void set_cb(int (**slot)(int, int), int (*fn)(int, int)) { *slot = fn; }
int run_fn_declarators(int a, int b) { int (*f)(int, int) = get_op('-'); int (*g)(int, int) = 0;
    set_cb(&g, get_op('+'));
    return f(a, b) * 1000 + g(a, b) + (get_op('?') == 0) * 7; }
""", [("run_fn_declarators", [9, 4]), ("run_fn_declarators", [-3, 8])]),
    # C11 6.7.2.1p13: members of an anonymous struct/union are members of the containing object, so static
    # initializers may designate them directly (`.i = 5`) or brace the anonymous member positionally.
    Case("anonymous_member_static_init", """
struct tagged { int kind; union { int i; float f; }; struct { char tag; short w; }; };
static struct tagged by_name = { .kind = 1, .i = 5, .w = -3 };
static const struct tagged by_pos = { 2, { 7 }, { 'q', 9 } };
static struct tagged by_float = { .f = 2.5f, .tag = 'z' };
int run_anon_init(int k) { struct tagged *t = k ? &by_name : &by_float;
    return t->i + t->kind * 10 + t->tag * 100 + t->w * 1000 + by_pos.i * 100000 + by_pos.tag + by_pos.w; }
""", [("run_anon_init", [1]), ("run_anon_init", [0])]),
    # C11 6.5.2.5p5/p16: a compound literal in a block is an object living until the block ends (re-created
    # each time its block runs); a pointer initialised from its address or from an array literal's decay.
    Case("compound_literal_object", """
struct pt { int x, y; };
static int manh(const struct pt *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }
int run_complit_obj(int k) { int s = 0;
    for (int i = 0; i < 3; i++) { struct pt *p = &(struct pt){ k + i, -2 };
        const struct pt *q = &(struct pt){ .y = i }; p->x *= 2; s = s * 10 + manh(p) + manh(q); }
    int *v = (int []){ k, 2, 3 }; v[1] += 5; void *raw = &(struct pt){ 1, 1 };
    return s + v[0] + v[1] * 100 + manh(raw); }
""", [("run_complit_obj", [5]), ("run_complit_obj", [-4])]),
]

batch, test_behaviour = behaviour_module(CASES, "corpus")
