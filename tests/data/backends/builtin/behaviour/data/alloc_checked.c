/* Allocator calls have no precondition (rule checked-libc-call): a function that only allocates is a safe fn
   returning a raw pointer. Following that pointer, realloc and free keep their functions unsafe. */
#include <stdlib.h>

static int *ac_fresh(int n) { return calloc(n, sizeof(int)); }
static void *ac_block(unsigned long n) { return malloc(n * 2 + 1); }
static int ac_first(int n) { int *p = malloc(sizeof(int) * n); *p = n; int v = *p; free(p); return v; }

int ac_sum(int n) {
    int *p = ac_fresh(n);
    if (!p)
        return -1;
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i] + 1;
    p = realloc(p, 2 * n * sizeof(int));
    free(p);
    char *b = ac_block(n);
    int ok = b != 0;
    free(b);
    return s * 10 + ok + 100 * ac_first(n);
}
