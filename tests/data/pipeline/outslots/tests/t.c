#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pad8(const unsigned char *in, size_t n, unsigned char **out, size_t *out_len);
void name_of(int code, const unsigned char *tbl, int n, const char **name, int *hits);
void grow(char **slot, size_t *len);
size_t padded_sum(const unsigned char *in, size_t n);

int main(void)
{
	int bad = 0;
	unsigned char data[5] = {1, 2, 3, 4, 5}, *p = NULL;
	size_t len = 0;
	pad8(data, 5, &p, &len);	/* disjoint: the Rust runs */
	printf("%zu %d %d %d\n", len, p[0], p[4], p[7]);
	bad |= !(len == 8 && p[0] == 1 && p[4] == 5 && p[7] == 3);
	free(p);
	/* `out` and `out_len` share one buffer: the C ABI entry sees it and runs the C */
	union { unsigned char *p; size_t n; unsigned char b[16]; } u;
	memset(&u, 0, sizeof u);
	pad8(data, 3, &u.p, &u.n);
	printf("%zu\n", u.n);
	bad |= u.n != 8;
	/* `in` overlaps the slot: the C reads it before the store */
	unsigned char *q = NULL;
	memcpy(u.b, data, 5);
	pad8(u.b, 12, (unsigned char **)(u.b + 8), &len);
	memcpy(&q, u.b + 8, sizeof q);
	printf("%zu %d %d\n", len, q[0], q[12]);
	bad |= !(len == 16 && q[0] == 1 && q[12] == 4);
	free(q);
	unsigned char tbl[6] = {1, 0, 1, 1, 2, 1};
	const char *name = NULL;
	int hits = -1;
	name_of(1, tbl, 6, &name, &hits);	/* disjoint */
	printf("%d %s\n", hits, name);
	bad |= !(hits == 4 && strcmp(name, "found") == 0);
	name_of(7, tbl, 6, NULL, &hits);
	printf("%d\n", hits);
	bad |= hits != 0;
	/* `hits` lies in the table the function reads: zeroing it changes what is counted */
	union { unsigned char t[8]; int h; } w = {{1, 1, 1, 1, 0, 1, 1, 0}};
	name_of(1, w.t, 8, NULL, &w.h);
	printf("%d\n", w.h);
	bad |= w.h != 2;
	/* the slot lies in the table */
	union { unsigned char t[16]; const char *s; } z;
	memset(&z, 1, sizeof z);
	name_of(1, z.t, 16, &z.s, &hits);
	printf("%d %s\n", hits, z.s);
	bad |= !(hits == 16 && strcmp(z.s, "found") == 0);
	char *g = malloc(1);
	size_t gl = 1;
	grow(&g, &gl);
	printf("%zu\n", gl);
	bad |= gl != 2;
	free(g);
	size_t sum = padded_sum(data, 5);
	printf("%zu\n", sum);
	return bad || sum != 24;	/* what gcc's build of the C gives */
}
