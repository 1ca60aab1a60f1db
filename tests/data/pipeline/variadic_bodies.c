#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a logger forwarding its arguments to vsnprintf through a helper taking a va_list */
static int vlog(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

int log_line(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vlog(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* va_start a second time after va_end: the arguments are read again from the first */
char *format(const char *fmt, ...)
{
	va_list ap;
	int size;
	char *s;

	va_start(ap, fmt);
	size = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = malloc(size + 1);
	va_start(ap, fmt);
	vsnprintf(s, size + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* va_arg through a pointer to a va_list, and va_copy */
static long take(va_list *args)
{
	long a = va_arg(*args, int);
	double b = va_arg(*args, double);
	const char *c = va_arg(*args, const char *);
	return a * 1000 + (long)(b * 10) + (long)strlen(c);
}

static void ignore(const char *why, ...) {}

long twice(int n, ...)
{
	va_list ap, again;
	long first, second;

	va_start(ap, n);
	va_copy(again, ap);
	first = take(&ap);
	second = take(&again);
	va_end(again);
	va_end(ap);
	ignore("unused", n);
	return first + second + n;
}

/* a NULL-terminated list of strings, and a caller in the same file */
size_t total_length(const char *first, ...)
{
	va_list ap;
	size_t n = 0;
	const char *s;

	va_start(ap, first);
	for (s = first; s != NULL; s = va_arg(ap, const char *))
		n += strlen(s);
	va_end(ap);
	return n;
}

size_t three_lengths(const char *a, const char *b, const char *c)
{
	return total_length(a, b, c, (const char *)NULL);
}

/* va_arg of a pointer to a typedef'd struct (clang shows the type's name as a child of va_arg) */
typedef struct { int v; } box;

int sum_boxes(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, const box *)->v;
	va_end(ap);
	return s;
}
