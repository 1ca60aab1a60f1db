#include <stdio.h>
#include <string.h>
#include "../strutil.h"

static int failures;
#define CHECK(c) do { if (!(c)) { printf("FAIL %d: %s\n", __LINE__, #c); failures++; } } while (0)

int main(void)
{
	char buf[64], *end, *save, *tok;
	int n;

	CHECK(my_strlen("") == 0 && my_strlen("hello") == 5);
	CHECK(strcmp(my_strcpy(buf, "abc"), "abc") == 0);
	CHECK(strcmp(my_strcat(buf, "def"), "abcdef") == 0);
	my_strncpy(buf, "xy", 5);
	CHECK(buf[0] == 'x' && buf[2] == 0 && buf[4] == 0);
	CHECK(my_strcmp("abc", "abd") < 0 && my_strcmp("b", "a") > 0 && my_strcmp("q", "q") == 0);
	CHECK(my_strcmp("\xff", "a") > 0);
	strcpy(buf, "hello");
	str_reverse(buf);
	CHECK(strcmp(buf, "olleh") == 0);
	CHECK(my_atoi("  -123x") == -123 && my_atoi("+42") == 42 && my_atoi("z") == 0);
	CHECK(my_strtol("0x1fZ", &end, 0) == 31 && *end == 'Z');
	CHECK(my_strtol(" -777", &end, 8) == -511);
	CHECK(my_strtol("017", NULL, 0) == 15);
	CHECK(my_strtol("zz", &end, 10) == 0 && *end == 'z');
	CHECK(strcmp(my_itoa(-2147483647 - 1, buf, 10), "-2147483648") == 0);
	CHECK(strcmp(my_itoa(255, buf, 16), "ff") == 0);
	CHECK(strcmp(my_itoa(0, buf, 2), "0") == 0);
	CHECK(strcmp(my_itoa(5, buf, 40), "") == 0);
	CHECK(kmp_search("abxabcabcaby", "abcaby") == 6);
	CHECK(kmp_search("aaaa", "b") == -1 && kmp_search("x", "") == 0);
	CHECK(naive_search("abxabcabcaby", "abcaby") == 6 && naive_search("abc", "d") == -1);
	CHECK(count_words("  the quick\tbrown  fox ") == 4 && count_words("") == 0);
	strcpy(buf, "   padded \t\n");
	CHECK(strcmp(str_trim(buf), "padded") == 0);
	strcpy(buf, "MiXed 12z");
	str_upper(buf);
	CHECK(strcmp(buf, "MIXED 12Z") == 0);
	CHECK(is_palindrome("racecar") && is_palindrome("") && !is_palindrome("ab"));
	strcpy(buf, ",a,,bb;c;");
	n = 0;
	for (tok = tokenize(buf, ",;", &save); tok; tok = tokenize(NULL, ",;", &save))
		n += (int)strlen(tok);
	CHECK(n == 4);
	CHECK(str_count_char("banana", 'a') == 3 && str_count_char("x", 'y') == 0);
	return failures != 0;
}
