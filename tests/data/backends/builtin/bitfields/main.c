#include <stdio.h>
#include <string.h>
static void dump(const void *p, unsigned n) { const unsigned char *b = p; for (unsigned i = 0; i < n; i++)
    printf("%02x", b[i]); printf("\n"); }
int main(void) {
    printf("%zu %zu %zu %zu\n", sizeof(struct flags), sizeof(struct straddle), sizeof(struct gaps),
           sizeof(struct mixed));
    struct flags f; memset(&f, 0, sizeof f);
    f.a = 13; f.b = 31; f.c = -1; f.s = 7; f.s += 2; f.on = 1;
    dump(&f, sizeof f); printf("%u %u %d %d %d\n", f.a, f.b, f.c, f.s, f.on);
    struct straddle t; memset(&t, 0xff, sizeof t);
    t.lo = 0x2aaaaaaa; t.hi = 9; t.tail = 1;
    dump(&t, sizeof t); printf("%u %u %u\n", t.lo, t.hi, t.tail);
    struct mixed m; memset(&m, 0, sizeof m); m.k = 3; m.w = -2; m.m = 100;
    dump(&m, sizeof m); printf("%u %lld %u\n", m.k, m.w, m.m);
    dump(&g_flags, sizeof g_flags); printf("%u %u %d %d\n", g_flags.a, g_flags.b, g_flags.s, g_flags.on);
    dump(&g_gaps, sizeof g_gaps); printf("%lu %d %c\n", (unsigned long)g_gaps.big, g_gaps.sh, g_gaps.x);
    return 0;
}
