#ifndef CALLS_H
#define CALLS_H
typedef void (visit_fn)(int *item); /* a function type, not a pointer to one */
void bump(int *item);
void mix(unsigned char s[4]);
void mix_bad(unsigned char s[4]);
int visit_all(int *items, int n, visit_fn *visit);
int visit_all_bad(int *items, int n, visit_fn *visit);
#endif
