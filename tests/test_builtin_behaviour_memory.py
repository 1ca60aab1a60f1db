"""C11 data: struct layout, unions, arrays, pointers, strings, sizeof, statics, function pointers, enums,
macros and globals, gcc vs the builtin translation (shared items come from items.translate_shared)."""

from __future__ import annotations

from builtin_harness import Case, behaviour_module

CASES = [
    # 6.7.2.1: members in order with padding; offsetof/sizeof as gcc lays them out.
    Case("struct_layout", """
#include <stddef.h>
struct pad { char c; int i; short s; long l; };
struct inner { short a; char b; };
struct outer { char tag; struct inner in; double d; struct inner arr[3]; };
long lay_sizeof(void) { return sizeof(struct pad) * 1000 + sizeof(struct outer); }
long lay_offsets(void) { return offsetof(struct pad, l) * 100 + offsetof(struct outer, arr); }
int lay_fields(int v) {
    struct outer o = {0};
    o.tag = (char)v; o.in.a = (short)(v * 2); o.arr[2].b = 3;
    struct outer copy = o;
    copy.in.a += 1;
    return o.in.a * 100 + copy.in.a + copy.arr[2].b + o.tag;
}
""", [("lay_sizeof", []), ("lay_offsets", []), ("lay_fields", [7])]),
    # 6.5.2.3 / 6.7.2.1p16: union members share storage.
    Case("unions", """
union word { unsigned int u; unsigned char b[4]; float f; };
unsigned un_bytes(unsigned v) { union word w; w.u = v; return w.b[0] + w.b[3] * 1000u; }
unsigned un_float(void) { union word w; w.f = 1.0f; return w.u; }
int un_size(void) { return sizeof(union word); }
""", [("un_bytes", [0x11223344]), ("un_float", []), ("un_size", [])]),
    # Arrays of structs, struct pointers, -> and pointer arithmetic / difference (6.5.6).
    Case("arrays_ptrs", """
struct pt { int x, y; };
static struct pt pts[5];
long ap_fill(int n) {
    for (int i = 0; i < 5; i++) { pts[i].x = i * n; pts[i].y = -i; }
    struct pt *p = &pts[1], *q = pts + 4;
    p->x += 100;
    return (q - p) * 1000 + p->x + (q - 1)->y;
}
int ap_2d(int k) { int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
    int *flat = &m[0][0]; return flat[k] + m[2][3]; }
int ap_ptr_cmp(void) { int a[4]; int *p = a + 1, *q = a + 3; return (p < q) + 2 * (q == &a[3]); }
long ap_sum(int n) { long a[16]; for (int i = 0; i < 16; i++) a[i] = (long)i * i; long s = 0;
    for (long *p = a; p < a + n; p++) s += *p; return s; }
""", [("ap_fill", [3]), ("ap_2d", [5]), ("ap_ptr_cmp", []), ("ap_sum", [10])]),
    # String literals, char arrays, libc string functions, malloc/free.
    Case("strings", """
#include <string.h>
#include <stdlib.h>
int str_len(void) { const char *s = "hello, world"; return (int)strlen(s); }
int str_cmp(void) { return (strcmp("abc", "abd") < 0) + 2 * (strncmp("abcx", "abcy", 3) == 0); }
int str_arr(void) { char buf[8] = "hi"; return sizeof(buf) * 100 + buf[1] + buf[5]; }
int str_copy(int n) { char *p = malloc(16); memset(p, 'a', 15); p[15] = 0; p[n] = 0;
    int r = (int)strlen(p); char *q = strchr(p, 'a'); r += (int)(q - p) * 100; free(p); return r; }
int str_escape(void) { const char *s = "a\\tb\\x41\\101"; return s[1] * 1000 + s[3] + s[4] + (int)strlen(s); }
""", [("str_len", []), ("str_cmp", []), ("str_arr", []), ("str_copy", [5]), ("str_escape", [])]),
    # sizeof of types and expressions (6.5.3.4); the operand of sizeof is not evaluated.
    Case("sizeofs", """
long sz_types(void) { return sizeof(char) + sizeof(short) * 10 + sizeof(int) * 100 + sizeof(long) * 1000
    + sizeof(void *) * 10000; }
int sz_noeval(int a) { long n = sizeof(a++); return a * 100 + (int)n; }
int sz_array(void) { int arr[7]; return sizeof arr / sizeof arr[0]; }
""", [("sz_types", []), ("sz_noeval", [3]), ("sz_array", [])]),
    # Static locals keep their value across calls (6.2.4p3).
    Case("static_locals", """
int counter_next(void) { static int n = 10; return n++; }
int counter_arr(int i) { static int hist[4]; hist[i & 3]++; return hist[0] * 10 + hist[i & 3]; }
""", [("counter_next", []), ("counter_next", []), ("counter_next", []), ("counter_arr", [0]),
      ("counter_arr", [1]), ("counter_arr", [4])]),
    # Function pointers through a table and as parameters.
    Case("fn_ptrs", """
typedef int (*binop_t)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
int op_mul(int a, int b) { return a * b; }
static int apply(binop_t f, int a, int b) { return f ? f(a, b) : -1; }
int fp_table(int which, int a, int b) {
    binop_t table[3] = { op_add, op_sub, op_mul };
    return apply(table[which % 3], a, b);
}
int fp_null(void) { return apply(0, 1, 2); }
""", [("fp_table", [0, 7, 3]), ("fp_table", [1, 7, 3]), ("fp_table", [2, 7, 3]), ("fp_null", [])]),
    # Enums are int-sized constants; implicit values continue from the previous one.
    Case("enums", """
enum color { RED, GREEN = 5, BLUE, NEG = -2 };
enum color next_color(enum color c) { return c == RED ? GREEN : c == GREEN ? BLUE : RED; }
int enum_vals(void) { return RED + GREEN * 10 + BLUE * 100 + NEG * 1000; }
int enum_size(void) { return sizeof(enum color); }
""", [("next_color", [0]), ("next_color", [5]), ("enum_vals", []), ("enum_size", [])]),
    # Object-like macros as constants, with their C types.
    Case("macros", """
#define LIMIT 100
#define MASK 0xF0u
#define BIGSHIFT (1UL << 40)
#define SCALE 2.5
#define GREETING "hey"
#define SQR(x) ((x) * (x))
unsigned long mac_vals(int v) { return (v & MASK) + LIMIT + (BIGSHIFT >> 38) + SQR(v); }
int mac_float(int v) { return (int)(v * SCALE); }
int mac_str(void) { return GREETING[1] + (int)sizeof(GREETING); }
""", [("mac_vals", [0x3C]), ("mac_float", [3]), ("mac_str", [])]),
    # Globals with initializers, mutated by functions; file-statics; designated initializers.
    Case("globals", """
struct cfg { int id; const char *name; int vals[3]; };
int g_count = 5;
static unsigned g_hidden;
int g_table[6] = { 1, 2, [4] = 9 };
struct cfg g_cfg = { .name = "cfg", .vals = { 7, 8 }, .id = 3 };
int *g_ptr = &g_table[4];
int gl_bump(int by) { g_count += by; g_hidden -= 1; return g_count; }
unsigned gl_hidden(void) { return g_hidden; }
int gl_table(int i) { return g_table[i] + *g_ptr * 100; }
int gl_cfg(void) { return g_cfg.id * 1000 + g_cfg.vals[1] * 10 + g_cfg.vals[2] + g_cfg.name[2]; }
""", [("gl_bump", [3]), ("gl_bump", [-10]), ("gl_hidden", []), ("gl_table", [4]), ("gl_table", [3]),
      ("gl_cfg", [])]),
    # Two files each with a file-static `state` and a static helper `step` (6.2.2p3: internal linkage keeps
    # them apart); shared.rs must not let one file's functions reach the other's variable.
    Case("file_static_a", """
static int state = 10;
static int step(int d) { state += d; return state; }
int fsa_next(void) { return step(1); }
""", [("fsa_next", []), ("fsa_next", [])]),
    Case("file_static_b", """
static int state = 500;
static int step(int d) { state -= d; return state; }
int fsb_next(void) { return step(7); }
""", [("fsb_next", []), ("fsb_next", [])]),
    # A self-referential list built on the stack and walked through pointers.
    Case("linked", """
#include <stddef.h>
struct node { int v; struct node *next; };
int list_sum(int n) {
    struct node nodes[8];
    struct node *head = NULL;
    for (int i = 0; i < n && i < 8; i++) { nodes[i].v = i + 1; nodes[i].next = head; head = &nodes[i]; }
    int s = 0;
    for (struct node *p = head; p; p = p->next) s = s * 2 + p->v;
    return s;
}
""", [("list_sum", [5]), ("list_sum", [0])]),
]


batch, test_behaviour = behaviour_module(CASES, "memory")
