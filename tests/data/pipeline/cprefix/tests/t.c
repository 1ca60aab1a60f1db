#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pf_number(const char *s);
int pf_has(const char *s, char c);
int pf_hex_prefix(const char *s);
int pf_key(const char *s);
int pf_word(const char *s);
int pf_match(const char *pat, const char *str);

static const char *const inputs[] = {"", "0", "42", " -17x", "+8", "0x1f", "0X", "0xg", "key=v", "key",
				     "#c", "a_b1 c", "?b", "ab", "-", "  "};

int main(void)
{
	int bad = 0;
	for (unsigned i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		const char *s = inputs[i];
		const char *at = strchr(s, 'b');
		int word = (int)strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		bad += pf_number(s) != (int)strtol(s, NULL, 10);
		bad += pf_has(s, 'b') != (at ? (int)(at - s) + 1 : 0);
		bad += pf_word(s) != word;
		printf("%s|%d %d %d %d %d %d %d\n", s, pf_number(s), pf_has(s, 'b'), pf_hex_prefix(s), pf_key(s),
		       pf_word(s), pf_match("?b", s), pf_match(s, "ab"));
	}
	bad += pf_hex_prefix("0x1f") != 1 || pf_hex_prefix("0xg") != 0 || pf_hex_prefix("0") != 0;
	bad += pf_key("key=v") != 1 || pf_key("#") != 2 || pf_key("ke") != 0;
	bad += pf_match("?b", "ab") != 1 || pf_match("?b", "a") != 0 || pf_match("", "") != 1;
	return bad != 0;
}
