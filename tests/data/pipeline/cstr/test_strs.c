/* Calls the string functions through their C ABI; greet's output is read back from a pipe. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int count_char(const char *s, char c);
void greet(const char *name);
int parse(const char *s);
int safe_len(const char *s);
int vowels(const char *s);
void report(int code, double ratio);

int main(void)
{
	char buf[64] = {0};
	int fds[2];
	if (pipe(fds))
		return 2;
	fflush(stdout);
	int saved = dup(1);
	dup2(fds[1], 1);
	greet("ann");
	greet("");
	fflush(stdout);
	dup2(saved, 1);
	close(fds[1]);
	ssize_t n = read(fds[0], buf, sizeof buf - 1);
	report(3, 0.5);
	return !(n == 17 && strcmp(buf, "hello ann\nhello \n") == 0 && count_char("banana", 'a') == 3 &&
		 count_char("", 'a') == 0 && parse("41") == 42 && safe_len(NULL) == -1 && safe_len("abc") == 3 &&
		 vowels("tree") == 2 && vowels("apple") == 3);
}
