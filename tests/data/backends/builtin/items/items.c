#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <stdint.h>
#define N 16
#define NAME "hello"
#define HALF 0.5f
#define BIG (1UL << 40)
#define NEG (-3)
#define U32_ALL ((uint32_t)~0U)
#define SQR(x) ((x) * (x))
#define NOT_CONST malloc(1)
struct list { struct list *next; int v; char name[N]; };
typedef struct { int a; union { int x; float y; }; struct { char c; } s; } anon_t;
typedef int (*cb_t)(const void *, const void *);
struct ops { cb_t cmp; void (*release)(void *); };
enum color { RED, GREEN = 5, BLUE };
enum neg { M1 = -1, Z };
struct bf { unsigned a:3; unsigned b:5; };
union ubf { unsigned a:3; int i; };
struct flex { short n; long data[]; };
struct __attribute__((packed)) pk { char c; int i; short s; };
struct __attribute__((aligned(16))) al { char c; };
struct mixed { char c; double d; struct pk p; struct al a; uint8_t bytes[3]; };
struct holds_bf { union ubf inner; int z; };
struct ptr_bf { union ubf *p; long n; };
#pragma pack(push, 2)
struct pk2 { char c; long l; };
#pragma pack(pop)
static int counter = 3;
int table[6] = {1, 2, [4] = 9};
struct list head = { .v = -4, .name = "hd" };
struct ops my_ops = { .cmp = 0, .release = free };
const char *msg = "hi\tthere";
int *pp = &table[4];
int *p_member = &head.v;
char *p_name = head.name;
const struct list *p_self = &head;
struct ops *p_ops = &my_ops;
unsigned char small = 300;
double dbl = 1.0 / 3;
struct nest { struct { int a, b; } i; int arr[3]; };
struct nest nested = { .i.b = 4, .arr[1] = 9, .arr[2] = 8 };
int ranged[8] = { [1 ... 3] = 7, [5] = 2, 6 };
struct pt2 { int x, y; } pts[3] = { [1].y = 5, [2] = { 1, 2 } };
union ui { int i; char c[4]; } u_first = { 0x01020304 }, u_str = { .c = "ab" },
    u_last = { .i = 1, .c[3] = 5 };
int grid2[2][3] = { 1, 2, 3, 4 };
struct el { int a[2]; struct { short p, q; } in; char s[3]; } els[2] = { 1, 2, 3, 4, "xy", 5 };
struct zero_first { struct list l; int k; } zf = { 0 };
struct lh { struct lh *next, *prev; } lhead = { &lhead, &lhead };
char *table_end = (char *)table + sizeof(table);
int *last = table + 5, *before_last = &table[5] - 1, *fifth = 4 + table;
int probe(void) { return printf("%d", counter) + (int)strlen(msg); }
