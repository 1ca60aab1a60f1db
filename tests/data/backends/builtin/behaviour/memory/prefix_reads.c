/* Strings the C reads only a prefix of on some calls (rule c-string refuses them: a caller may pass bytes
 * with no NUL where the scan stops first), beside ones it reads up to the NUL on every call. */

/* leaves the loop at the first c: "ab" with no NUL after it is a valid argument for 'a' or 'b' */
int pr_has(const char *s, char c)
{
	for (int i = 0; s[i]; i++)
		if (s[i] == c)
			return 1;
	return 0;
}

/* a second condition ends the scan after n bytes */
int pr_upto(const char *s, int n)
{
	int i = 0;
	while (s[i] && i < n)
		i++;
	return i;
}

/* stops at the first non-digit */
int pr_digits(const char *s)
{
	int v = 0, i = 0;
	while (s[i]) {
		if (s[i] < '0' || s[i] > '9')
			break;
		v = v * 10 + s[i++] - '0';
	}
	return v;
}

/* read to the NUL on every call: a break leaves only the switch */
int pr_vowels(const char *s)
{
	int n = 0;
	for (int i = 0; s[i]; i++)
		switch (s[i]) {
		case 'a': case 'e': case 'i': case 'o': case 'u':
			n++;
			break;
		default:
			break;
		}
	return n;
}

int pr_run(int k)
{
	char raw[3] = {'x', (char)('0' + (k & 7)), 'y'}; /* no NUL: only prefixes of it are read */
	char text[] = "audio 42";
	return pr_has(raw, 'x') * 1000 + pr_has(raw, (char)('0' + (k & 7))) * 100 + pr_upto(raw, 2) * 10 +
	       pr_digits(raw + 1) + pr_vowels(text) * 10000 + pr_digits(text + 6) * 100000;
}
