#ifndef CYCLES_LIB_H
#define CYCLES_LIB_H

struct cfg { int skip; char *label; };
struct node { int v; struct node *kid[2]; };
struct item { const char *name; struct item *next; };

int total(struct cfg *c, const struct node *n);
int count(const struct item *it, char *name);
int tall(struct cfg *c, const struct node *n);
int mark(struct cfg *c, int d);
int run(int d);
int hop(struct cfg *c, const struct node *n);
void setup(void);
struct cfg *last_marked(void);

#endif
