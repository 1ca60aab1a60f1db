#include <stdlib.h>
struct buf { int n; long data[]; };
long fa_sum(int n) { struct buf *b = malloc(sizeof(struct buf) + n * sizeof(long)); b->n = n;
    for (int i = 0; i < n; i++) b->data[i] = (long)i * i; long s = 0;
    for (int i = 0; i < b->n; i++) s += b->data[i]; free(b); return s * 10 + (long)sizeof(struct buf); }
