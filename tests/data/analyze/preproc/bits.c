/* Compiled out on a 64-bit configuration; main is renamed by -Dmain=lib_main. */
#if BITS_PER_LONG < 64
unsigned long long div_small(unsigned long long n, unsigned int d)
{
	return n / d;
}
#endif

int main(void)
{
	return 0;
}
