/* unsafe blocks around single statements and conditions; bindings the body never changes as plain `let`;
   limits and hex constants spelled as in Rust. */
static int counter = 3;
static int *us_cursor;
static const unsigned table[4] = {0x10, 0x20, 0x30, 0x40};

static void us_out2(int *a, int *b, int x)
{
    int u = x + 1;
    int v = x - 1;
    *a = u;
    *b += v;
}

int us_out_params(int x)
{
    int a = 0, b = 5;
    us_out2(&a, &b, x);
    return a * 100 + b;
}

/* one object for both: the parameters really alias at this call, so us_out2 keeps raw pointers */
int us_out_same(int x)
{
    int a = 1;
    us_out2(&a, &a, x);
    return a;
}

int us_static_cond(int k)
{
    int t = k + 1;
    if (counter > t)
        return counter;
    while (counter < t)
        counter++;
    do {
        t--;
    } while (counter < t);
    switch (counter & 3) {
    case 0:
        return 7;
    case 1:
        t += (int)table[1];
        break;
    default:
        t -= 1;
    }
    for (int i = 0; i < counter % 5; i++)
        t += table[i & 3];
    return t;
}

unsigned long long us_limits(int k)
{
    unsigned long long m = 18446744073709551615ULL;
    unsigned mask = 0xff00;
    long long lo = -9223372036854775807LL - 1;
    return (m >> k) ^ mask ^ (unsigned long long)(lo >> 60);
}

int us_params(int x, int y)
{
    int z = x * y;
    if (z > 10)
        z = 10;
    return (z + 1);
}

int us_static_ptr(int k)
{
    int t = k + 1;
    if (us_cursor != 0)
        return *us_cursor;
    while (us_cursor == 0 && t < 3)
        t++;
    return t;
}

union us_num { int i; float f; struct { short lo, hi; } h; };
struct us_box { int tag; union us_num n; };

int us_union_store(int k)
{
    struct us_box b;
    b.tag = 1;
    b.n.i = k;    /* storing into a union field reads none: safe */
    b.n.h.lo = 7; /* through one too */
    return b.n.i + b.tag; /* reading one is not */
}

static int us_ring[4];

int us_addresses(int k)
{
    union us_num n;
    int *first = us_ring; /* an address only: no unsafe */
    int *ni = &n.i;       /* likewise */
    *first = k;
    *ni = k + 1;
    return us_ring[0] + n.i;
}

struct us_wheel { int pos; int buf[4]; };
struct us_car { struct us_wheel w; int x; };
struct us_car *us_parked; /* keeps us_park's pointer raw */

static void us_put(struct us_wheel *w, int v, int pos)
{
    w->buf[pos & 3] = v;
    w->pos = pos + 1;
}

void us_park(struct us_car *c, int k)
{
    us_parked = c;
    us_put(&c->w, k, c->w.pos); /* the read of c->w.pos must come before the reference to c->w */
}

int us_park_twice(int k)
{
    struct us_car c = {{0, {0, 0, 0, 0}}, 0};
    us_park(&c, k);
    us_park(&c, k + 1);
    us_parked = 0;
    return c.w.pos * 100 + c.w.buf[0] + c.w.buf[1];
}
