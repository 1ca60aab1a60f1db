/* Read-only C strings (issue 15): each parameter is only read as a NUL-terminated string. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int count_char(const char *s, char c)
{
	int n = 0;
	for (int i = 0; s[i]; i++)
		if (s[i] == c)
			n++;
	return n;
}

void greet(const char *name)
{
	printf("hello %s\n", name);
}

int parse(const char *s)
{
	return atoi(s) + 1;
}

int safe_len(const char *s)
{
	if (!s)
		return -1;
	return (int)strlen(s);
}

int vowels(const char *s)
{
	return count_char(s, 'a') + count_char(s, 'e') + count_char("aeiou", s[0]);
}

void report(int code, double ratio)
{
	fprintf(stderr, "code %d ratio %.2f\n", code, ratio);
}
