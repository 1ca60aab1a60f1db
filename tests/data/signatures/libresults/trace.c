/* What backtrace_symbols returns: NULL or an array of as many C strings as its count says (rule
 * library-result). Read only element by element within that count, it is a slice; any other use keeps the
 * pointer raw and the function an unsafe fn. */
#include <execinfo.h>
#include <stdio.h>
#include <string.h>

int named_frames(void)
{
	void *frames[16];
	int n = backtrace(frames, 16);
	char **names = backtrace_symbols(frames, n);
	int named = 0;
	for (int i = 0; i < n; i++)
		named += strlen(names[i]) > 0;
	return named == n;
}

int print_frames(void)
{
	void *frames[8];
	int levels = backtrace(frames, 8);
	char **symbols = backtrace_symbols(frames, levels);
	for (int i = 1; i < levels; i++)
		printf("%.0s", symbols[i]);  /* a frame's name depends on the binary: none of it printed */
	return levels >= 0;
}

int report(int bad)
{
	if (bad)
		return print_frames() + 1;
	return 0;
}

/* negatives: these stay unsafe fns */
int first_byte(void)
{
	void *frames[4];
	int n = backtrace(frames, 4);
	char **names = backtrace_symbols(frames, n);
	char *first = names[0];
	return first[0] != 0;
}

int cleared(void)
{
	void *frames[4];
	int n = backtrace(frames, 4);
	char **names = backtrace_symbols(frames, n);
	names[0] = NULL;
	return n > 0;
}

int grown(void)
{
	void *frames[4];
	int n = backtrace(frames, 4);
	if (n > 1)
		n--;
	char **names = backtrace_symbols(frames, n);
	return names[0] != NULL;
}
