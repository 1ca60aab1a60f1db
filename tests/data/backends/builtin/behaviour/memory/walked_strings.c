/* `const char *` parameters walked forward (rule c-string-cursor): &CStr plus an offset in the Rust. */
#include <string.h>

static const char *const words[] = {"", "a", "abcab", "+12", "-7x", "#x", "ab\nab"};

int ws_len(const char *s) { int n = 0; while (*s) { s++; n++; } return n; }

unsigned ws_hash(const char *key)
{
	unsigned long h = 5381;
	int c;
	while ((c = *key++))
		h = h * 33 + c;
	return (unsigned)(h % 1021);
}

int ws_count_ab(const char *s)
{
	int n = 0;
	for (; *s != '\0'; ++s)
		if (s[0] == 'a' && s[1] == 'b')
			n++;
	return n;
}

int ws_digits(const char *s)
{
	int neg = 0, v = 0;
	if (*s == '+')
		s++;
	else if (s[0] == '-') {
		s++;
		neg = 1;
	}
	while (*s && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		s++;
	}
	return neg ? -v : v;
}

int ws_rest(const char *s) { if (*s == '#') s++; return (int)strlen(s) * 10 + (strcmp(s, "x") == 0); }

int ws_same(const char *a, const char *b)
{
	int i;
	for (i = 0; *a; a++, b++, i++)
		if (*a != *b)
			break;
	return i;
}

/* An `Option<&CStr>` (NULL-tested) passed to a C library call beside a raw pointer. */
struct ws_node { const char *key; int v; };
static const struct ws_node nodes[] = {{"abcab", 5}, {"", 9}};

int ws_find(int k, const char *key)
{
	if (key == NULL)
		return -1;
	if (strcmp(nodes[k].key, key) == 0)
		return nodes[k].v * 10000 + (int)ws_hash(key);
	return -2;
}

int ws_all(int k)
{
	const char *w = words[k];
	return ws_len(w) * 1000000 + (int)ws_hash(w) * 1000 + ws_count_ab(w) * 100 + ws_digits(w) * 10 +
		ws_rest(w) + ws_same(w, "abc") + ws_find(0, w) + ws_find(1, w) * 3 + ws_find(0, NULL) * 7;
}

int ws_literals(void) { return ws_len("hello") + ws_digits("+42") + ws_rest("#x") + ws_count_ab("abab"); }
