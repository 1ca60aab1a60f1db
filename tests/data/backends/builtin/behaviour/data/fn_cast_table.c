#include <stdlib.h>
typedef int (*cmp_t)(const void *, const void *);
int by_value(const int *a, const int *b) { return (*a > *b) - (*a < *b); }
static int by_abs(const long *a, const long *b) { return labs(*a) < labs(*b) ? -1 : labs(*a) > labs(*b); }
static const cmp_t cmps[] = { (cmp_t)by_value, (cmp_t)by_abs };
int fct_sort(int which) { int a[4] = { 3, -8, 1, 5 }; long l[4] = { 3, -8, 1, -5 };
    if (which == 0) { qsort(a, 4, sizeof a[0], cmps[0]); return a[0] * 1000 + a[3]; }
    qsort(l, 4, sizeof l[0], cmps[1]); return (int)(l[0] * 1000 + l[3]); }
