/* One function per inference rule of the signature mapper, and the negative cases beside them. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "lib.h"

static int calls;  /* an int global: int pointers used beside it stay raw */
static int *saved;  /* a pointer stored in a global */

/* A getter and a reset of a struct whose own pointer could lead back into it: neither follows a pointer
   loaded from memory, so the struct is borrowed. */
size_t buf_len(const buf *b)
{
	return b->len;
}

void buf_reset(buf *b)
{
	if (!b)
		return;
	b->len = 0;
}

/* Writes through b->data, which may point into *b: stays raw. */
void buf_put(buf *b, unsigned char c)
{
	if (b->len < b->cap)
		b->data[b->len++] = c;
}

int node_value(const struct node *n)
{
	return n ? n->v : -1;
}

/* Follows n->next, which may lead back into *n: a shared view only because nothing is written. */
int node_next_value(const struct node *n)
{
	return n->next ? n->next->v : -1;
}

/* NULL-checked: Option<&T>, Option<&mut T>. */
int get_or(const int *p, int dflt)
{
	return p != NULL ? *p : dflt;
}

void set_if(int *out, int v)
{
	if (out)
		*out = v;
}

/* Its address is taken: callers through the pointer reach its ffi.rs entry, which converts. */
int (*getter)(const int *, int) = get_or;

int call_getter(const int *p)
{
	return getter(p, 7);
}

/* Passes NULL and its own nullable pointer on to set_if. */
void set_twice(int *out, int v)
{
	set_if(out, v - 1);
	set_if(NULL, v);
	set_if(out, v + 1);
}

/* Two int pointers that may alias: its C ABI entry checks they do not overlap (else the C runs). */
void set_both(int *lo, int *hi, int v)
{
	set_if(lo, v - 1);
	set_if(hi, v + 1);
}

/* Zeroes the whole int through memset: a whole-object copy (signatures/copies.py), `*p = 0`. */
void clear(int *p)
{
	memset(p, 0, sizeof(int));
}

/* Uses an int global, but a struct cfg cannot live in it. */
int apply(struct cfg *c, int x)
{
	calls++;
	return x * c->scale + c->offset;
}

/* Stores the pointer in a global: stays raw. */
void remember(int *p)
{
	*p += 1;
	saved = p;
}

int recall(void)
{
	return saved ? *saved : 0;
}

/* Reads its last element past the loop, n not known positive: a slice whose index the Rust checks (rule
   last-element: n <= 0 is an empty slice, where the index panics and C reads before the array). */
int last_of(const int *a, int n)
{
	int s = 0;
	for (int i = 0; i < n; i++)
		s += a[i];
	return s + a[n - 1];
}

/* A buffer the library allocates itself: its bytes only ever hold malloc's fresh memory, never inside the
   struct, so the struct is borrowed even while the function writes through bytes. */
void owned_init(struct owned *o, size_t cap)
{
	o->bytes = malloc(cap ? cap : 1);
	o->used = 0;
}

void owned_put(struct owned *o, unsigned char c)
{
	o->bytes[o->used++] = c;
}

/* Recursion: p is a reference at the fixpoint of the cycle, each call reborrowing it. */
void count_down(int *p, int n)
{
	*p += n;
	if (n > 0)
		count_down(p, n - 1);
}

/* Exits, for a kind it refuses, before it writes through out: a caller may pass NULL then, so out is an
   Option (unwrapped where it is written), not a reference made from NULL before the call. */
void set_kind(int kind, int *out)
{
	if (kind != 2)
		exit(1);
	*out = kind;
}
