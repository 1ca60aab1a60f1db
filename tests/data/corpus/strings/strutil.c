/* String functions written the classic way: pointer walking and char arithmetic. */
#include <stdlib.h>
#include <string.h>
#include "strutil.h"

#define MAX_PAT 64

size_t my_strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

char *my_strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		;
	return dst;
}

char *my_strncpy(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

int my_strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

char *my_strcat(char *dst, const char *src)
{
	my_strcpy(dst + my_strlen(dst), src);
	return dst;
}

void str_reverse(char *s)
{
	char *e = s + strlen(s);

	if (e == s)
		return;
	for (e--; s < e; s++, e--) {
		char t = *s;
		*s = *e;
		*e = t;
	}
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

int my_atoi(const char *s)
{
	int sign = 1, n = 0;

	while (is_space(*s))
		s++;
	if (*s == '-' || *s == '+')
		sign = (*s++ == '-') ? -1 : 1;
	while (*s >= '0' && *s <= '9')
		n = 10 * n + (*s++ - '0');
	return sign * n;
}

long my_strtol(const char *s, char **end, int base)
{
	const char *p = s;
	unsigned long acc = 0;
	int neg = 0, any = 0, d;

	while (is_space((unsigned char)*p))
		++p;
	if (*p == '-') {
		neg = 1;
		p++;
	} else if (*p == '+') {
		p++;
	}
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (; (d = digit_value(*p)) < base; p++) {
		acc = acc * base + d;
		any = 1;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return neg ? -(long)acc : (long)acc;
}

char *my_itoa(int value, char *buf, int base)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char *p = buf;
	unsigned int v;

	if (base < 2 || base > 36) {
		*buf = '\0';
		return buf;
	}
	v = value < 0 && base == 10 ? -(unsigned int)value : (unsigned int)value;
	do {
		*p++ = digits[v % base];
		v /= base;
	} while (v);
	if (value < 0 && base == 10)
		*p++ = '-';
	*p = '\0';
	str_reverse(buf);
	return buf;
}

static void kmp_table(const char *pat, int m, int *fail)
{
	int k = 0;

	fail[0] = 0;
	for (int i = 1; i < m; i++) {
		while (k > 0 && pat[k] != pat[i])
			k = fail[k - 1];
		if (pat[k] == pat[i])
			k++;
		fail[i] = k;
	}
}

int kmp_search(const char *text, const char *pat)
{
	int fail[MAX_PAT];
	int m = (int)strlen(pat), k = 0;

	if (m == 0)
		return 0;
	if (m > MAX_PAT)
		return -2;
	kmp_table(pat, m, fail);
	for (int i = 0; text[i]; i++) {
		while (k > 0 && pat[k] != text[i])
			k = fail[k - 1];
		if (pat[k] == text[i])
			k++;
		if (k == m)
			return i - m + 1;
	}
	return -1;
}

int naive_search(const char *text, const char *pat)
{
	const char *t, *p, *start;

	for (start = text; *start; start++) {
		for (t = start, p = pat; *p && *t == *p; t++, p++)
			;
		if (!*p)
			return (int)(start - text);
	}
	return *pat ? -1 : 0;
}

int count_words(const char *s)
{
	int n = 0, in = 0;

	for (; *s; s++) {
		if (is_space(*s))
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

char *str_trim(char *s)
{
	char *end;

	while (is_space(*s))
		s++;
	if (*s == 0)
		return s;
	end = s + strlen(s) - 1;
	while (end > s && is_space(*end))
		end--;
	end[1] = '\0';
	return s;
}

void str_upper(char *s)
{
	for (; *s; ++s)
		if (*s >= 'a' && *s <= 'z')
			*s -= 'a' - 'A';
}

int is_palindrome(const char *s)
{
	size_t i = 0, j = strlen(s);

	while (j > i + 1) {
		if (s[i++] != s[--j])
			return 0;
	}
	return 1;
}

char *tokenize(char *s, const char *delims, char **save)
{
	char *tok;

	if (s == NULL)
		s = *save;
	s += strspn(s, delims);
	if (*s == '\0') {
		*save = s;
		return NULL;
	}
	tok = s;
	s = strpbrk(tok, delims);
	if (s == NULL) {
		*save = tok + strlen(tok);
	} else {
		*s = '\0';
		*save = s + 1;
	}
	return tok;
}

int str_count_char(const char *s, char c)
{
	int n = 0;
	const char *p = s;

	while ((p = strchr(p, c)) != NULL) {
		n++;
		p++;
	}
	return n;
}
