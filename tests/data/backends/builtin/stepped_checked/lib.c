/* Stepped slices (rule stepped-count) that another pointer parameter may overlap, so the C ABI entry
   checks them at run time (rule disjoint-checked): `*p++` inside expressions reads the element at the
   offset and advances it. */
#include <stddef.h>

unsigned char sc_crc(const unsigned char t[256], unsigned char *d, size_t n, unsigned char c)
{
	while (n-- > 0)
		c = t[(c ^ *d++) & 0xff];
	return c;
}

int sc_plus(const int *k, int *p, int n) { int x = 0; while (n-- > 0) x = *p++ + k[0] + x * 3; return x; }

int sc_cond(const int *k, int *p, size_t n)
{
	int s = 0;
	while (n--) {
		if (*p++ > k[0])
			continue;
		s = s * 5 + 1;
	}
	return s;
}

int sc_store(const int *k, int *p, int n) { int x = 0; while (n-- > 0) x += (*p++ = k[0] + n) * 2; return x; }

int sc_short(const int *k, int *p, int n) { int s = 0; while (n-- > 0) s = s * 2 + (k[0] > n && *p++ > 1); return s; }

int sc_pick(const int *k, int *p, int n) { int s = 0; while (n-- > 0) s = s * 3 + (n & 1 ? *p++ : k[1]); return s; }

static int twice(int v) { return v * 2; }
int sc_arg(const int *k, int *p, int n) { int s = k[0]; while (n-- > 0) s = twice(*p++) - s; return s; }

/* must stay raw: the pointer read again beside the step, a step before the read, a step in an index */
int sc_again(const int *k, int *p, int n) { int x = 0; while (n-- > 0) { x += *p++ * k[0]; x -= p[-1]; } return x; }
int sc_pre(const int *k, int *p, int n) { int x = 0; while (n-- > 0) x += *++p * k[0]; return x; }
int sc_index(const int *k, int *p, int n) { int x = 0; while (n-- > 0) x += p++[0] * k[0]; return x; }

int sc_run(int v)
{
	unsigned char t[256], d[6] = {1, 2, 3, 4, 5, (unsigned char)v};
	int a[8] = {v, 2, -3, 4, 5, -6, 7, v * 2}, b[6] = {0}, k[2] = {v, 3};
	int s;

	for (int i = 0; i < 256; i++)
		t[i] = (unsigned char)(i * 13 + v);
	s = sc_crc(t, d, 6, 1) + sc_crc(t, t + 7, 5, 2) * 3;	/* the data lies in the table: the C runs */
	s = s * 7 + sc_plus(k, a, 5) + sc_plus(a, a + 1, 4);
	s = s * 7 + sc_cond(k, a, 8) + sc_store(k, b, 6) + b[0] + b[5] * 3 + sc_store(a, a, 3) + a[1];
	s = s * 7 + sc_short(k, a, 7) + sc_pick(k, a, 6) + sc_arg(k, a, 5) + sc_arg(a, a, 0);
	s = s * 7 + sc_again(k, a, 6) + sc_pre(k, a, 6) + sc_index(k, a, 7);
	return s;
}
