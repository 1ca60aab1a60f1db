"""More C11 data rules, gcc vs the builtin translation: rank rules, bool, floating conversions, arrays as
parameters, struct values, libc memory functions, global tables of functions and strings."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.3.1.8: long long vs unsigned long (same width) -> unsigned long long; 6.3.1.2: to _Bool is != 0.
    Case("ranks", """
#include <stdbool.h>
int rk_ll_ul(void) { return -1LL < 1UL; }
int rk_short_u(unsigned short a, short b) { return a > b; }
long rk_uint_long(unsigned a, long b) { return a + b; }
int rk_bool(int v) { bool b = v; _Bool c = (_Bool)0.5; return b + c * 10; }
bool rk_ret_bool(long v) { return v & 256; }
""", [("rk_ll_ul", []), ("rk_short_u", [65535, -1]), ("rk_uint_long", [4294967295, 1]), ("rk_bool", [256]),
      ("rk_ret_bool", [768])]),
    # 6.3.1.4/6.3.1.5: floating conversions.
    Case("fconv", """
unsigned fc_to_u(double d) { return (unsigned)d; }
float fc_narrow(double d) { return (float)d; }
double fc_from_ll(long long v) { return (double)v; }
int fc_round_trip(int v) { float f = v; return (int)f; }
unsigned char fc_uchar(float f) { return (unsigned char)f; }
""", [("fc_to_u", [3000000000.7]), ("fc_narrow", [0.1]), ("fc_from_ll", [9007199254740993]),
      ("fc_round_trip", [16777217]), ("fc_uchar", [200.9])]),
    # Arrays as parameters decay to pointers (6.7.6.3p7); 2-D arrays keep their row length.
    Case("array_params", """
static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static void fill(int a[], int n, int v) { while (n--) a[n] = v + n; }
static int trace(int m[][3], int n) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }
int apar_sum(int v) { int a[6]; fill(a, 6, v); return sum(a, 6) + sum(a + 2, 2) * 1000; }
int apar_2d(void) { int m[3][3] = { {1, 2, 3}, {4, 5, 6}, {7, 8, 9} }; return trace(m, 3); }
""", [("apar_sum", [10]), ("apar_2d", [])]),
    # Structs passed and returned by value are copies (6.5.2.2p4).
    Case("struct_values", """
struct vec { long x, y; };
static struct vec vadd(struct vec a, struct vec b) { a.x += b.x; a.y += b.y; return a; }
static void vscale(struct vec *v, long k) { v->x *= k; v->y *= k; }
long sv_add(long x, long y) { struct vec a = { x, y }, b = { .y = 5 }; struct vec c = vadd(a, b);
    vscale(&c, 2); return c.x * 1000 + c.y + a.y * 100000; }
int sv_assign(void) { struct vec a = { 1, 2 }; struct vec b = a; b.x = 9; return a.x * 10 + b.x; }
""", [("sv_add", [3, 4]), ("sv_assign", [])]),
    # memcpy/memmove (overlapping)/memcmp/calloc/realloc through the C library.
    Case("mem_funcs", """
#include <string.h>
#include <stdlib.h>
int mf_move(void) { char b[8] = "abcdef"; memmove(b + 1, b, 5); return b[1] * 1000 + b[5]; }
int mf_cmp(void) { unsigned char x[3] = { 1, 200, 3 }, y[3] = { 1, 100, 3 }; return memcmp(x, y, 3) > 0; }
long mf_alloc(int n) { long *p = calloc(n, sizeof *p); for (int i = 0; i < n; i++) p[i] = i;
    p = realloc(p, 2 * n * sizeof *p); memcpy(p + n, p, n * sizeof *p); long s = 0;
    for (int i = 0; i < 2 * n; i++) s = s * 3 + p[i]; free(p); return s; }
""", [("mf_move", []), ("mf_cmp", []), ("mf_alloc", [5])]),
    # Global tables: function pointers (static and exported functions), strings, 2-D arrays, nested structs.
    Case("global_tables", """
static int t_neg(int v) { return -v; }
int t_dbl(int v) { return 2 * v; }
typedef int (*unop)(int);
static unop ops[3] = { t_neg, t_dbl, 0 };
static const char *names[] = { "zero", "one", "two" };
static const short grid[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };
struct entry { const char *key; struct { int lo, hi; } range; };
static struct entry entries[] = { { "a", { 1, 2 } }, { .key = "b", .range = { .hi = 9 } } };
int gt_call(int i, int v) { return ops[i] ? ops[i](v) : 12345; }
int gt_name(int i) { return names[i][1] + (int)sizeof(names) / (int)sizeof(names[0]); }
int gt_grid(int r, int c) { return grid[r][c] * 10 + grid[1][2]; }
int gt_entries(int i) { return entries[i].key[0] * 100 + entries[i].range.lo * 10 + entries[i].range.hi; }
""", [("gt_call", [0, 5]), ("gt_call", [1, 5]), ("gt_call", [2, 5]), ("gt_name", [2]), ("gt_grid", [0, 1]),
      ("gt_entries", [0]), ("gt_entries", [1])]),
    # Character arithmetic over a string (digits), with early return and pointer walking.
    Case("parse_digits", """
static const char *input = "12345x9";
long pd_parse(int stop_at_x) { long v = 0; for (const char *p = input; *p; p++) {
    if (*p < '0' || *p > '9') { if (stop_at_x) break; continue; } v = v * 10 + (*p - '0'); } return v; }
""", [("pd_parse", [1]), ("pd_parse", [0])]),
    # The C library through extern declarations: variadic snprintf, strtol's out-pointer, qsort with a static
    # comparator, stderr as an extern variable.
    Case("libc_calls", """
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
int lc_format(int v) { char buf[32]; int n = snprintf(buf, sizeof buf, "<%d:%x:%s>", v, v, "ok");
    return n * 1000 + buf[1] + (int)strlen(buf); }
long lc_strtol(void) { const char *s = "  -1234rest"; char *end; long v = strtol(s, &end, 10);
    return v * 100 + (end - s); }
int lc_qsort(void) { int a[5] = { 3, 9, 1, 7, 5 }; qsort(a, 5, sizeof a[0], cmp_desc);
    return a[0] * 10000 + a[1] * 1000 + a[2] * 100 + a[3] * 10 + a[4]; }
int lc_stderr(int v) { return fprintf(stderr, "%d", v) > 0 ? abs(-v) : -1; }
""", [("lc_format", [255]), ("lc_strtol", []), ("lc_qsort", []), ("lc_stderr", [-7])]),
    # 6.3.2.3p8: a function pointer converted to another function pointer type and back calls the function;
    # here stored converted in a global table, called through the type the function really has.
    Case("fn_cast_table", """
#include <stdlib.h>
typedef int (*cmp_t)(const void *, const void *);
int by_value(const int *a, const int *b) { return (*a > *b) - (*a < *b); }
static int by_abs(const long *a, const long *b) { return labs(*a) < labs(*b) ? -1 : labs(*a) > labs(*b); }
static const cmp_t cmps[] = { (cmp_t)by_value, (cmp_t)by_abs };
int fct_sort(int which) { int a[4] = { 3, -8, 1, 5 }; long l[4] = { 3, -8, 1, -5 };
    if (which == 0) { qsort(a, 4, sizeof a[0], cmps[0]); return a[0] * 1000 + a[3]; }
    qsort(l, 4, sizeof l[0], cmps[1]); return (int)(l[0] * 1000 + l[3]); }
""", [("fct_sort", [0]), ("fct_sort", [1])]),
    # switch on an enum with default first; do/while with break.
    Case("switch_more", """
enum op { OP_ADD, OP_SUB, OP_MUL };
int sm_eval(int o, int a, int b) { switch ((enum op)o) { default: return -1; case OP_ADD: return a + b;
    case OP_SUB: return a - b; case OP_MUL: return a * b; } }
int sm_dowhile(int n) { int i = 0; do { if (i * i >= n) break; i += 1; } while (i < 100); return i; }
""", [("sm_eval", [0, 3, 4]), ("sm_eval", [2, 3, 4]), ("sm_eval", [7, 3, 4]), ("sm_dowhile", [30])]),
]

batch, test_behaviour = behaviour_module(CASES, "data")
