#include <xmmintrin.h>

/* Prefetches are hints and fences order memory: neither changes a value the function computes. */
int pf_sum(int n)
{
	int a[8];
	int s = 0;
	for (int i = 0; i < 8; i++)
		a[i] = i * n;
	for (int i = 0; i < 8; i++) {
		_mm_prefetch((const char *)&a[i] + 4, _MM_HINT_T0);
		__builtin_prefetch(&a[i], 0, 3);
		s += a[i];
	}
	_mm_sfence();
	_mm_mfence();
	return s;
}
