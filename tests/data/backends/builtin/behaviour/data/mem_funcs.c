#include <string.h>
#include <stdlib.h>
int mf_move(void) { char b[8] = "abcdef"; memmove(b + 1, b, 5); return b[1] * 1000 + b[5]; }
int mf_cmp(void) { unsigned char x[3] = { 1, 200, 3 }, y[3] = { 1, 100, 3 }; return memcmp(x, y, 3) > 0; }
long mf_alloc(int n) { long *p = calloc(n, sizeof *p); for (int i = 0; i < n; i++) p[i] = i;
    p = realloc(p, 2 * n * sizeof *p); memcpy(p + n, p, n * sizeof *p); long s = 0;
    for (int i = 0; i < 2 * n; i++) s = s * 3 + p[i]; free(p); return s; }
