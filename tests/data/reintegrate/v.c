#include <stdarg.h>

int sum_ints(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

int sum3(int a, int b, int c)
{
	return sum_ints(3, a, b, c);
}
