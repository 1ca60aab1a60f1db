/* Whole-object copies through memcpy/memmove/memset between references and locals: Rust assignments
   (signatures/copies.py), and the calls that stay C library calls. */
#include <assert.h>
#include <string.h>

struct wc_pt { int x; long y; unsigned char tag; };

void wc_swap(struct wc_pt *p, int v) { struct wc_pt t; memmove(&t, p, sizeof(struct wc_pt)); t.x += v; memcpy(p, &t, sizeof *p); }
int wc_reset(struct wc_pt *p) { assert(p); memset(p, 0, sizeof(*p)); p->tag = 7; return p->x; }
long wc_load(const struct wc_pt *p) { struct wc_pt t; memcpy(&t, p, sizeof t); return t.y + t.x; }
void wc_store(struct wc_pt *p, int v) { struct wc_pt t = {v, 2L * v, 3}; memcpy(p, &t, sizeof(t)); }

/* `sizeof(wc_box)` of a typedef name: tree-sitter parses it as a parenthesised identifier */
typedef struct { int a; short b; } wc_box;
void wc_box_set(wc_box *b, int v) { wc_box t = {v, (short)(v * 2)}; memcpy(b, &t, sizeof(wc_box)); }

/* must stay raw: part of the object, a byte pointer, the copy's value used */
void wc_half(struct wc_pt *dst, const struct wc_pt *src) { memcpy(dst, src, sizeof(int)); }
void wc_bytes(unsigned char *dst, const struct wc_pt *src) { memcpy(dst, src, sizeof(*src)); }
struct wc_pt *wc_value(struct wc_pt *dst, const struct wc_pt *src) { return memcpy(dst, src, sizeof(*dst)); }

long wc_run(int k) {
    struct wc_pt a = {k, 10L * k, 1}, b = {0, 0, 0}, c = {1, 1, 1};
    unsigned char raw[sizeof(struct wc_pt)];
    wc_store(&b, k - 1);
    long s = b.x + b.y + b.tag;
    wc_store(&c, k + 1);
    wc_swap(&a, k);
    s = s * 3 + a.x + a.y + wc_load(&a);
    s = s * 5 + wc_reset(&b) + b.tag + b.y;
    wc_half(&b, &a);
    wc_bytes(raw, &c);
    s = s * 7 + b.x + b.y + raw[0] + wc_value(&c, &a)->y;
    wc_box box;
    wc_box_set(&box, k);
    s = s * 11 + box.a + box.b;
    return s;
}
