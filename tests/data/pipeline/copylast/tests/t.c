#include <stdio.h>
#include <string.h>

unsigned char *flip(const unsigned char *src, unsigned long len, unsigned char *out, unsigned long cap,
		    unsigned long *out_len);
unsigned char *flip_to_nul(const unsigned char *src, unsigned long len, unsigned char *out,
			   unsigned long *out_len);

int main(void)
{
	unsigned char out[32];
	unsigned long n = 99, bad = 0;
	union { unsigned char c[32]; unsigned long n; } u;
	bad |= flip((const unsigned char *)"abc", 3, out, sizeof out, &n) != out || n != 3 || out[0] != 'A';
	bad |= flip((const unsigned char *)"abc", 3, out, 2, &n) != 0 || n != 3;	/* `n` untouched */
	memset(&u, 0, sizeof u);
	/* the length lies in the first bytes the C writes: its last write wins */
	bad |= flip((const unsigned char *)"xyz12345", 8, u.c, sizeof u.c, &u.n) != u.c || u.n != 8;
	memset(&u, 0, sizeof u);
	u.n = 7;
	bad |= flip((const unsigned char *)"abc", 3, u.c + 8, 16, &u.n) != u.c + 8 || u.n != 3;
	bad |= flip_to_nul((const unsigned char *)"ab", 3, out, &n) != 0 || n != 3 || out[2] != 0x20;
	bad |= flip_to_nul((const unsigned char *)"ab", 2, out, &n) != out || n != 2;
	memset(&u, 0, sizeof u);
	bad |= flip_to_nul((const unsigned char *)"q", 2, u.c, &u.n) != 0 || u.c[0] != 'Q';	/* kept the write */
	printf("%lu %lu\n", bad, n);
	return (int)bad;
}
