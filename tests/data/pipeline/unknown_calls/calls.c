/* Reference parameters and calls of code the inference cannot see: each callee may write the parameter's
 * object through a global pointer C outside SRC set, so no parameter here may be a reference held across
 * the call (`plain` calls only the C library, and stays one). A function defined outside SRC is such code
 * too (tests/signatures/test_signatures_unknown.py): here it would make calls.c test support. */
#include <string.h>

struct m { int a; };
struct ops { void (*f)(void); };

void (*hook)(void);

void through_param(struct m *r, void (*c)(void))
{
	r->a = 1;
	c();
	r->a += 1;
}

int through_member(int *p, const struct ops *o)
{
	*p = 1;
	o->f();
	return *p + 1;
}

int through_global(const int *p)
{
	int x = *p;
	hook();
	return x + *p;
}

static void notify(void)
{
	if (hook)
		hook();
}

int through_callee(int *p)
{
	*p = 3;
	notify();
	return *p * 2;
}

int plain(int *p)
{
	*p = 7;
	return *p + (int)strlen("ab");
}
