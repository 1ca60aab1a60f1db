/* each unsafe block around the one operation needing it: a conditional's test or branch, a call's
   arguments bound to temporaries first, a store through a cursor stepped after the statement. */
#include <stdint.h>

struct nu_node { int depth; struct nu_node *left; };
struct nu_node *nu_seen; /* a pointer parked here stays raw */

static int nu_height(struct nu_node *n)
{
    nu_seen = n;
    return n->left ? n->left->depth + 1 : 0;
}

static int nu_branch(struct nu_node *n, int k)
{
    nu_seen = n;
    return k > 0 ? n->depth * k : -k;
}

static void nu_set(struct nu_node *n, int v)
{
    nu_seen = n;
    n->depth = v;
}

static int nu_whole(struct nu_node *n, int k)
{
    nu_seen = n;
    int v = n->depth + (k ? n->left->depth : 100);
    k > 1 ? nu_set(n, k) : nu_set(n->left, k);
    return v + n->depth + n->left->depth;
}

struct nu_node **nu_slot; /* likewise */

/* `return a, b;`: the store first, in its own block; the value read after it */
static int nu_store(struct nu_node **it, struct nu_node *n, int k)
{
    nu_slot = it;
    nu_seen = n;
    if (k > 2)
        return *it = n, k + 1;
    return *it = n->left, (*it)->depth + k;
}

/* `a = b = e;`: e read once, stored into b, then into a */
static int nu_chain(struct nu_node **it, struct nu_node *n, int k)
{
    struct nu_node *p = 0;
    nu_slot = it;
    nu_seen = n;
    if (k > 0)
        p = *it = n->left;
    return p ? p->depth : -1;
}

int nu_tree(int k)
{
    struct nu_node leaf = {4, 0};
    struct nu_node root = {1, &leaf};
    int h = nu_height(&root) * 10 + nu_height(&leaf);
    struct nu_node *slot = 0;
    h += nu_store(&slot, &root, k) + slot->depth * 100;
    h += nu_chain(&slot, &root, k) * 7 + slot->depth;
    return h * 1000 + nu_branch(&root, k) * 10 + nu_whole(&root, k);
}

struct nu_w { int pos; int buf[4]; };
struct nu_s { struct nu_w w; int other; };
struct nu_s *nu_parked;

static void nu_put(struct nu_w *w, int v, int at)
{
    w->buf[at & 3] = v;
    w->pos = at + 1;
}

static int nu_twice(int x) { return 2 * x; }

int nu_calls(int k)
{
    struct nu_s s = {{1, {0, 0, 0, 0}}, k};
    struct nu_s *p = &s;
    nu_parked = p;
    nu_put(&p->w, nu_twice(k), p->w.pos);
    nu_put(&p->w, p->other, p->w.pos);
    nu_parked = 0;
    return s.w.buf[1] * 10000 + s.w.buf[2] * 100 + s.w.pos;
}

/* `out` may be a byte buffer cast by a caller outside SRC: stored to unaligned */
unsigned long nu_widen(const unsigned char *in, int n, uint16_t *out)
{
    uint16_t *start = out;
    for (int i = 0; i < n; i++)
        *out++ = in[i];
    return (unsigned long)(out - start);
}

int nu_widened(int k)
{
    unsigned char in[4] = {1, 2, 3, (unsigned char)k};
    uint16_t out[4];
    unsigned long n = nu_widen(in, 4, out);
    return (int)n * 1000 + out[0] + out[3];
}

/* a chain storing into a bit-field: the next store gets its truncated bits */
struct nu_bits { unsigned lo : 3; unsigned hi : 5; };
struct nu_bits *nu_bits_seen;

static unsigned nu_bits_store(struct nu_bits *b, unsigned v)
{
    unsigned x = 1;
    nu_bits_seen = b;
    if (v > 2)
        x = b->lo = v;
    return x * 100 + b->lo + b->hi;
}

int nu_bits(int v)
{
    struct nu_bits b = {1, 9};
    int a, c;
    a = c = v * 3;
    return (int)nu_bits_store(&b, (unsigned)v) + a - c;
}
