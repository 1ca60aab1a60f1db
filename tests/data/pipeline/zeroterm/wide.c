/* Zero-terminated arrays of 16/32-bit integers read up to their zero (rule zero-terminated), one beside an
 * out-parameter its C ABI entry compares with the elements up to the zero. */
typedef unsigned short u16;

unsigned long wide_utf8size(const u16 *src)
{
	unsigned long i, j = 0;

	for (i = 0; src[i]; i++) {
		u16 c = src[i];

		if (c >= 0x800)
			j += 3;
		else if (c >= 0x80)
			j += 2;
		else
			j += 1;
	}
	return j;
}

int wide_count(const int *v, int *out)
{
	int n = 0;

	while (v[n] != 0)
		n++;
	*out = n;
	return n + v[0];
}
