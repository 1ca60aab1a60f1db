#include <stdio.h>

extern int weights[4];
extern unsigned char scratch[4];
extern int *cursor;
void scale(int out[4], int k);
void rescale(int k);
int mix(unsigned char dst[4]);
void step(int *out);

int main(void)
{
	int a[4];
	unsigned char b[4] = {1, 2, 3, 4};
	int c = 5, d = 0;

	scale(a, 2);		/* apart: the Rust runs */
	printf("%d %d %d %d\n", a[0], a[1], a[2], a[3]);
	scale(weights, 3);	/* `out` is the global: the C original runs */
	printf("%d %d %d %d\n", weights[0], weights[1], weights[2], weights[3]);
	rescale(2);		/* the same, from SRC */
	printf("%d %d %d %d\n", weights[0], weights[1], weights[2], weights[3]);
	printf("%d\n", mix(b));	/* apart */
	printf("%d %d %d %d\n", b[0], b[1], b[2], b[3]);
	printf("%d\n", mix(scratch));	/* the global a callee writes */
	printf("%d %d %d %d\n", scratch[0], scratch[1], scratch[2], scratch[3]);
	cursor = &c;
	step(&d);		/* apart */
	cursor = &d;
	step(&d);		/* `out` is where the global points: stays raw */
	printf("%d %d\n", c, d);
	return 0;
}
