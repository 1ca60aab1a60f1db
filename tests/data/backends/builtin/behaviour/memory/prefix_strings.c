/* Strings the C may stop reading before their NUL, called with literals only (rule c-string-prefix): `&CStr`
 * parameters, the calls passing `c"..."`; one given a char array with no NUL stays raw. */
#include <ctype.h>
#include <string.h>

int ps_number(const char *s)
{
	int neg = 0, v = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		s++;
	}
	return neg ? -v : v;
}

int ps_find(const char *s, char c)
{
	for (int i = 0; s[i]; i++)
		if (s[i] == c)
			return i;
	return -1;
}

int ps_ab(const char *s) { return s[0] == 'a' && s[1] == 'b' ? 2 : s[0] == 'a'; }

int ps_scan(const char *s)
{
	/* stops at the first '.', or the NUL: given a buffer with no NUL below */
	int i;
	for (i = 0; s[i] && s[i] != '.'; i++)
		;
	return i;
}

int ps_run(int k)
{
	char raw[3] = {'x', (char)('0' + (k & 7)), '.'};
	switch (k) {
	case 0:
		return ps_number("") * 1000 + ps_find("", 'a') * 100 + ps_ab("") * 10 + ps_scan("");
	case 1:
		return ps_number("  -42z") * 1000 + ps_find("xyz", 'z') * 100 + ps_ab("ab") * 10 + ps_scan("a.b");
	case 2:
		return ps_number("7") * 1000 + ps_find("abc", 'q') * 100 + ps_ab("a") * 10 + ps_scan(raw);
	default:
		return ps_number("-") + ps_find("a", 'a') + ps_ab("b") + ps_scan("...");
	}
}
