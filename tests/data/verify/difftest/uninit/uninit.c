/* C that reads locals it never initialised: what it returns is whatever the stack held. */
struct token { int type; float value; };

/* Leaves its frame full of non-zero bytes, where the next call's locals will be. */
__attribute__((noinline)) static unsigned scribble(int seed)
{
	volatile unsigned junk[64];
	for (int i = 0; i < 64; i++)
		junk[i] = (unsigned)seed + 0x5a5a5a5au + (unsigned)i;
	return junk[seed & 63];
}

__attribute__((noinline)) static int last_set(int n)
{
	int a[8];
	for (int i = 0; i < n && i < 8; i++)
		a[i] = i;
	return a[7]; /* never set when n < 8 */
}

int last_of(int n)
{
	scribble(n);
	return last_set(n);
}

__attribute__((noinline)) static void copy_token(struct token *dst, const struct token *src)
{
	*dst = *src;
}

__attribute__((noinline)) static void fill_token(struct token *out, int type)
{
	struct token t;
	t.type = type;
	if (type & 1)
		t.value = 0.5f; /* else left as it is */
	copy_token(out, &t);
}

void make_token(struct token *out, int type)
{
	scribble(type);
	fill_token(out, type);
}

int twice(int x)
{
	return (int)((unsigned)x * 2u);
}

/* Callers: last_plus's verdict waits for last_of's, which only the run with filled locals settles (as the
   C's undefined behaviour, not a difference); twice_plus calls a function that really differs; last_halved
   waits for last_of too, and then no input of its own has defined behaviour (it divides by zero);
   last_plus_two waits for last_plus, which differs again when released (it reaches the same read) and is
   settled in its turn. */
int last_plus(int n)
{
	return (int)((unsigned)last_of(n) + 1u);
}

int last_plus_two(int n)
{
	return (int)((unsigned)last_plus(n) + 1u);
}

int twice_plus(int x)
{
	return (int)((unsigned)twice(x) + 1u);
}

int last_halved(int n)
{
	int zero = n - n;
	return last_of(n) / zero;
}
