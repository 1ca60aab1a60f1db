unsigned gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;

		a = b;
		b = t;
	}
	return a;
}

unsigned lcm(unsigned a, unsigned b)
{
	return a && b ? a / gcd(a, b) * b : 0;
}

int sign(int x)
{
	return (x > 0) - (x < 0);
}
