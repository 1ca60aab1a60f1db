/* The address of a member of a proven reference's pointee lent to a callee's reference parameter
   (signatures/members.py): `&p->f`, `&p->a[i]` become `&mut p.f`, `&p.a[i as usize]` when no other argument
   names `p` but as `p->g` of another member; beside pointers that must stay raw. */
struct ml_writer { unsigned char cache[8]; int pos; };
struct ml_enc { int first; struct ml_writer w; unsigned counts[4]; long total; };

static void ml_put(struct ml_writer *w, unsigned char b) { w->cache[w->pos & 7] = b; w->pos++; }
static void ml_add(unsigned *c, unsigned v) { *c += v; }
static long ml_peek(const struct ml_writer *w) { return w->pos * 10 + w->cache[0]; }

/* proven: lent mutably, lent shared (converted to const), an element lent, read back through const */
static void ml_write(struct ml_enc *s, unsigned char b) {
    if (s->first) s->first = 0;
    ml_put(&s->w, b);
    ml_add(&s->counts[b & 3], b);
    s->total += ml_peek(&s->w);
}
static long ml_read(const struct ml_enc *s) { return ml_peek(&s->w) + s->counts[1]; }
/* other arguments read other members of `s`: places apart from `s.w` */
static void ml_put2(struct ml_writer *w, unsigned char b, int n) { w->cache[n & 7] = b; w->pos += n; }
static void ml_more(struct ml_enc *s, unsigned char b) { ml_put2(&s->w, b, s->first + (int)s->total); }

/* raw: `p` is also another argument, the member's address is kept, the callee's parameters stay raw, the
   lent member is read by another argument */
static void ml_both(struct ml_writer *a, struct ml_enc *e) { a->pos++; e->total += a->pos; }
static void ml_twice(struct ml_enc *s) { ml_both(&s->w, s); }
static struct ml_writer *ml_last;
static void ml_keep(struct ml_enc *s) { ml_last = &s->w; s->total++; }
static void ml_two(unsigned *a, unsigned *b) { *a += *b; }
static void ml_pair(struct ml_enc *s) { ml_two(&s->counts[0], &s->counts[1]); }
static void ml_same(struct ml_enc *s) { ml_put2(&s->w, 1, s->w.pos); }  /* reads the member it lends */

long long ml_run(int k) {
    struct ml_enc s = { 1, { { 0 }, 0 }, { 1, 2, 3, 4 }, 0 };
    for (int i = 0; i < 6; i++) ml_write(&s, (unsigned char)(k + i));
    ml_twice(&s);
    ml_keep(&s);
    ml_last->pos += 2;
    ml_pair(&s);
    ml_more(&s, (unsigned char)k);
    ml_same(&s);
    return ml_read(&s) * 1000 + s.total * 10 + s.counts[0] + s.counts[2] + s.w.pos + s.first;
}
