#ifndef BYADDRESS_CLOCK_H
#define BYADDRESS_CLOCK_H

struct clock { int hour, min; };
typedef void (*clock_fn)(struct clock *c, struct clock *now, int *num);
typedef void (*tick_fn)(struct clock *c, int *step);
struct node { int v; struct node *next; };
typedef void (*node_fn)(struct node *n, int *out);

clock_fn clock_op(int i);
int run_op(int i, int hour, int num);
tick_fn ticker(void);
int tick_own(struct clock *c);
node_fn peeker(void);

#endif
