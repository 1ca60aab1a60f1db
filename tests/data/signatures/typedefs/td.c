#include <stddef.h>
#include "td.h"

static pt_t kept;

/* proven: read through a const struct pointer typedef, written, NULL-tested through a typedef of a typedef */
int pt_get(cpt_t p) { return p->x * 3 + p->y; }
void pt_set(pt_t p, int v) { p->x = v; p->y += v; }
int pt_bump(pt_alias p)
{
	if (!p)
		return -1;
	p->y++;
	return p->x + p->y;
}

/* proven: a `char *` typedef read as a NUL-terminated string */
int str_len(string s)
{
	int n = 0;
	while (s[n])
		n++;
	return n;
}

/* proven: walked forward past bytes tested non-NUL (c-string-cursor) */
int str_count(string s, char c)
{
	int n = 0;
	while (*s) {
		if (*s == c)
			n++;
		s++;
	}
	return n;
}

/* raw: stored in a global */
void pt_keep(pt_t p) { kept = p; }
int pt_kept_x(void) { return kept ? kept->x : -1; }
/* proven beside that global: it points at `struct pt_s` objects, which hold no double */
void dbl_scale(double *d) { *d = kept ? *d * kept->x : -*d; }

/* raw: two typedef'd pointers a static function's caller passes the same object for */
static void exchange(pt_t a, pt_t b)
{
	int t = a->x;
	a->x = b->y;
	b->y = t;
}
/* exported, the same: references only where the C ABI entry finds their bytes apart (disjoint-checked),
   else the C runs */
void pt_swap(pt_t a, pt_t b)
{
	int t = a->x;
	a->x = b->y;
	b->y = t;
}

/* static, every call passes a typedef'd parameter beside a local's address: apart (disjoint-call-sites) */
static void exchange_apart(pt_t a, pt_t b)
{
	int t = a->x;
	a->x = b->y;
	b->y = t;
}
int pt_swap_local(pt_t p)
{
	struct pt_s tmp = {6, 8};
	exchange_apart(p, &tmp);
	return tmp.y;
}

int pt_swap_same(pt_t p)
{
	exchange(p, p);
	return p->x * 10 + p->y;
}

/* a typedef of a function pointer stays as it is; a typedef of an array stays raw, with its reason */
int apply(combine_fn f, int a, int b) { return f(a, b); }
int triple_sum(triple t) { return t[0] + t[1] + t[2]; }

/* raw: a pointer to a typedef of an array points at whole arrays (`*mut triple`), never at their elements */
int triples_mid(triple *p, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += p[i][1];
	return s;
}

/* an unused `void *`: raw, "unused" */
int ignore(void *p, int k) { return k; }

/* proven through calls: a typedef'd parameter passed on, a local's address lent */
void pt_reset(pt_t p) { pt_set(p, 0); }
int pt_twice(int v)
{
	struct pt_s q = {1, 2};
	pt_set(&q, v);
	pt_reset(&q);
	pt_set(&q, v);
	v = pt_get(&q);
	return v + pt_bump(&q);
}
