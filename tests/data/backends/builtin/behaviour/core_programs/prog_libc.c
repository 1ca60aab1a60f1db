#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <ctype.h>
int checked(int x)
{
	char buf[64];
	assert(x >= 0);
	snprintf(buf, sizeof buf, "%s:%d", __func__, x);
	return (int)strlen(buf) * 100 + buf[0];
}
int words(const char *s)
{
	int n = 0, in = 0;
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) in = 0;
		else if (!in) { in = 1; n++; }
	}
	return n;
}
int words_demo(int k)
{
	const char *t[] = { "  a bb  ccc ", "", "x", "one two\tthree\nfour" };
	return words(t[k & 3]);
}
