#include <stddef.h>
int main(void) {
    printf("%zu %zu %zu %zu\n", sizeof(struct list), sizeof(anon_t), offsetof(anon_t, s), sizeof(struct ops));
    printf("%zu %zu %zu %zu\n", sizeof(struct flex), offsetof(struct flex, data), sizeof(struct pk),
           offsetof(struct pk, s));
    printf("%zu %zu %zu %zu\n", sizeof(struct al), _Alignof(struct al), sizeof(struct mixed),
           offsetof(struct mixed, bytes));
    printf("%zu %zu %zu\n", sizeof(struct ptr_bf), sizeof(struct pk2), offsetof(struct pk2, l));
    printf("%d %d %d %d %d\n", RED, GREEN, BLUE, M1, Z);
    printf("%d %s %a %lu %d %u\n", N, NAME, (double)HALF, BIG, NEG, U32_ALL);
    printf("%d %d %d %d %d %d\n", table[0], table[1], table[2], table[3], table[4], table[5]);
    printf("%d %s %d %d\n", head.v, head.name, head.next == 0, my_ops.cmp == 0);
    printf("%s %d %d %a %d\n", msg, *pp, small, dbl, counter);
    printf("%d %s %d %d\n", *p_member, p_name, p_self->v, p_ops->release == free);
    printf("%d %d %d %d %d %d\n", nested.i.a, nested.i.b, nested.arr[0], nested.arr[1], nested.arr[2],
           ranged[0] + ranged[1] * 10 + ranged[3] * 100 + ranged[4] * 1000 + ranged[5] * 10000
           + ranged[6] * 100000);
    printf("%d %d %d %d %d\n", pts[0].x, pts[1].y, pts[2].x, pts[2].y, pts[1].x);
    printf("%d %d %d\n", u_first.i, u_str.i, u_last.i);
    printf("%d %d %d %d %d %d\n", grid2[0][2], grid2[1][0], grid2[1][1], els[0].in.q, els[0].s[1],
           els[1].a[0]);
    printf("%d %d\n", zf.l.v, zf.k);
    printf("%d %d %d %d %d\n", lhead.next == &lhead && lhead.prev == &lhead, (int)(table_end - (char *)table),
           *last, *before_last, *fifth);
    return 0;
}
