/* api.h - the public interface */
#ifndef API_H
#define API_H

typedef int (*cmp_fn)(const void *, const void *);

struct ops {
	int (*apply)(int);
	void (*release)(void *);
};

int is_even(unsigned int n);
int is_odd(unsigned int n);
unsigned long fact(unsigned int n);
void sort_ints(int *v, int n, cmp_fn cmp);
int run_ops(const struct ops *o, int x);
int never_defined(int x);

static inline int twice(int x)
{
	return x * 2;
}

#endif
