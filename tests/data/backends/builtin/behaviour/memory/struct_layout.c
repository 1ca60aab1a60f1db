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
