#ifndef VOIDS_LIB_H
#define VOIDS_LIB_H
#include <stddef.h>

struct point { int x; int y; };
struct acc { long sum; int count; };
struct box { void *item; };

void sort_points(struct point *pts, size_t n);
void sort_ints(int *v, size_t n);
unsigned checksum(const void *data, size_t len);
unsigned twice_checksum(const unsigned char *buf, size_t n);
void reset_acc(void *ctx);
void visit(const int *v, size_t n, void (*cb)(int, void *), void *ctx);
long sum_all(const int *v, size_t n);
int add_checked(void *ctx, int x);
long first_of(const void *p, int wide);
void keep(struct box *b, void *p);
int same(const void *a, const void *b);
void forward(void *ctx);
#endif
