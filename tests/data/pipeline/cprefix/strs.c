/* Parsers and matchers that may stop reading a string before its NUL (rule c-string-prefix): each is a
 * `&CStr` in the Rust, its reads bounds-checked. */
#include <ctype.h>
#include <string.h>

int pf_number(const char *s)
{
	/* skips blanks, takes a sign, stops at the first non-digit */
	int neg = 0;
	unsigned v = 0;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-') {
		neg = 1;
		s++;
	} else if (*s == '+')
		s++;
	while (*s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned)(*s - '0');
		s++;
	}
	return (int)(neg ? 0u - v : v);
}

int pf_has(const char *s, char c)
{
	/* returns at the first c */
	for (int i = 0; s[i]; i++)
		if (s[i] == c)
			return i + 1;
	return 0;
}

int pf_hex_prefix(const char *s)
{
	/* reads s[1] only past a non-NUL s[0], s[2] past a non-NUL s[1] */
	return s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]);
}

int pf_key(const char *s)
{
	/* a prefix compared with a literal as long as the count */
	if (strncmp(s, "key=", 4) == 0)
		return 1;
	return *s == '#' ? 2 : 0;
}

int pf_word(const char *s)
{
	/* the length of the leading word */
	int n;
	for (n = 0; s[n] && (isalnum((unsigned char)s[n]) || s[n] == '_'); n++)
		;
	return n;
}

int pf_match(const char *pat, const char *str)
{
	/* '?' matches any one byte; returns at the first mismatch */
	while (*pat && *str) {
		if (*pat != '?' && *pat != *str)
			return 0;
		pat++;
		str++;
	}
	return *pat == *str;
}
