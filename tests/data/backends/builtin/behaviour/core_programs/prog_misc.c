#include <stdlib.h>
#include <string.h>
struct buf { int len; int data[]; };
int flex(int n) {
    struct buf *b = malloc(sizeof(*b) + n * sizeof(int));
    b->len = n;
    for (int i = 0; i < n; i++) b->data[i] = i * i;
    int s = 0;
    int *p = b->data;
    for (int i = 0; i < b->len; i++) s += p[i];
    free(b);
    return s;
}
volatile int vflag;
int vol(int x) { vflag = x; int y = vflag; *(volatile int *)&y += 1; return y; }
char names[3][8] = { "ab", "cde", "f" };
int names_len(int i) { return (int)strlen(names[i]) + names[i][0]; }
