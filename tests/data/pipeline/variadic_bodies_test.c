#include <stdlib.h>
#include <string.h>

int log_line(char *buf, size_t size, const char *fmt, ...);
char *format(const char *fmt, ...);
long twice(int n, ...);
size_t total_length(const char *first, ...);
size_t three_lengths(const char *a, const char *b, const char *c);
typedef struct { int v; } box;
int sum_boxes(int n, ...);

int main(void)
{
	char buf[32];
	box a = {4}, b = {5};
	char *s = format("%s=%d/%.2f", "pi", 3, 3.14159);
	int ok = log_line(buf, sizeof buf, "[%c] %s %u", 'w', "disk", 90u) == 11
		&& strcmp(buf, "[w] disk 90") == 0 && strcmp(s, "pi=3/3.14") == 0
		&& log_line(buf, 4, "%d", 123456) == 6 && strcmp(buf, "123") == 0
		&& twice(7, 12, 2.5, "abc") == 2 * (12000 + 25 + 3) + 7
		&& total_length("ab", "cde", (char *)NULL) == 5 && three_lengths("a", "bc", "def") == 6
		&& sum_boxes(2, &a, &b) == 9;
	free(s);
	return !ok;
}
