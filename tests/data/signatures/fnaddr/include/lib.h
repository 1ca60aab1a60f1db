#ifndef FNADDR_LIB_H
#define FNADDR_LIB_H

struct counter { int n; };
typedef void (*counter_fn)(struct counter *c, int by);
typedef void (*pair_fn)(struct counter *dst, struct counter *src);
struct holder { counter_fn fn; };

extern const counter_fn counter_ops[2];
pair_fn mover(void);
void install(struct holder *h);
int bump_twice(struct counter *c);
int apply(int i, int start, int by);
int apply_bump(int start, int by);

#endif
