#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static int cmp_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
int lc_format(int v) { char buf[32]; int n = snprintf(buf, sizeof buf, "<%d:%x:%s>", v, v, "ok");
    return n * 1000 + buf[1] + (int)strlen(buf); }
long lc_strtol(void) { const char *s = "  -1234rest"; char *end; long v = strtol(s, &end, 10);
    return v * 100 + (end - s); }
int lc_qsort(void) { int a[5] = { 3, 9, 1, 7, 5 }; qsort(a, 5, sizeof a[0], cmp_desc);
    return a[0] * 10000 + a[1] * 1000 + a[2] * 100 + a[3] * 10 + a[4]; }
int lc_stderr(int v) { return fprintf(stderr, "%d", v) > 0 ? abs(-v) : -1; }
int lc_errmsg(int v) { return fprintf(stderr, "%m % m:%d\n", v) > 3 ? v : -1; }  /* %m reads no argument */
