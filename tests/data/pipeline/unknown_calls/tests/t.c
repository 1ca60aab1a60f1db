#include <stdio.h>

struct m { int a; };
struct ops { void (*f)(void); };

extern void (*hook)(void);
void through_param(struct m *r, void (*c)(void));
int through_member(int *p, const struct ops *o);
int through_global(const int *p);
int through_callee(int *p);
int plain(int *p);

static struct m *target_m;
static int *target;

/* each writes the object the function was given, through a global pointer to it */
static void bump_m(void) { target_m->a += 100; }
static void bump(void) { *target += 100; }

int main(void)
{
	struct m x = {0};
	int v = 0, w = 5, bad = 0;
	struct ops o = {bump};

	target_m = &x;
	through_param(&x, bump_m);
	printf("%d\n", x.a);
	bad |= x.a != 102;
	target = &v;
	printf("%d\n", through_member(&v, &o));
	bad |= v != 101;
	hook = bump;
	target = &w;
	printf("%d\n", through_global(&w));
	bad |= w != 105;
	target = &v;
	printf("%d\n", through_callee(&v));
	bad |= v != 103;
	printf("%d\n", plain(&w));
	return bad;
}
