#include <assert.h>

unsigned gcd(unsigned a, unsigned b);
unsigned lcm(unsigned a, unsigned b);
int sign(int x);

int main(void)
{
	assert(gcd(12, 18) == 6 && gcd(7, 0) == 7);
	assert(lcm(4, 6) == 12 && lcm(0, 5) == 0);
	assert(sign(-5) == -1 && sign(0) == 0 && sign(9) == 1);
	return 0;
}
