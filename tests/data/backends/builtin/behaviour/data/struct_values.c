struct vec { long x, y; };
static struct vec vadd(struct vec a, struct vec b) { a.x += b.x; a.y += b.y; return a; }
static void vscale(struct vec *v, long k) { v->x *= k; v->y *= k; }
long sv_add(long x, long y) { struct vec a = { x, y }, b = { .y = 5 }; struct vec c = vadd(a, b);
    vscale(&c, 2); return c.x * 1000 + c.y + a.y * 100000; }
int sv_assign(void) { struct vec a = { 1, 2 }; struct vec b = a; b.x = 9; return a.x * 10 + b.x; }
