/* Out-slots: a `T **` parameter the function only stores a pointer into. */
#include <stdlib.h>

/* Copies `n` bytes into a fresh buffer padded to a multiple of 8, hands it out through `out`. */
void pad8(const unsigned char *in, size_t n, unsigned char **out, size_t *out_len)
{
	size_t m = (n / 8 + 1) * 8;
	unsigned char *buf = malloc(m);
	if (!buf) {
		*out = NULL;
		*out_len = 0;
		return;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = in[i];
	for (size_t i = n; i < m; i++)
		buf[i] = (unsigned char)(m - n);
	*out = buf;
	*out_len = m;
}

/* Counts the entries of `tbl` equal to `code` into `hits`; names the outcome through `name` unless NULL
 * (a `const char **`: the slot itself is written, whatever its pointee's const). */
void name_of(int code, const unsigned char *tbl, int n, const char **name, int *hits)
{
	*hits = 0;
	for (int i = 0; i < n; i++)
		if (tbl[i] == code)
			*hits += 1;
	if (name)
		name[0] = *hits ? "found" : "missing";
}

/* Reads what `slot` holds: a pointer loaded from memory, no run-time range check bounds it. */
void grow(char **slot, size_t *len)
{
	*slot = realloc(*slot, *len + 1);
	*len += 1;
}

/* A caller in SRC: its Rust calls pad8 through the C ABI entry, which compares the ranges. */
size_t padded_sum(const unsigned char *in, size_t n)
{
	unsigned char *p = NULL;
	size_t len = 0, sum = 0;
	pad8(in, n, &p, &len);
	for (size_t i = 0; i < len; i++)
		sum += p[i];
	free(p);
	return sum;
}
