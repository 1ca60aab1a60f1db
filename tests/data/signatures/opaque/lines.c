#include <stdio.h>
#include "lines.h"

/* A stream is only passed on to the C library: an opaque handle. */
int put_num(FILE *out, int v) { return fprintf(out, "%d\n", v); }

int put_two(FILE *out, int v) { return put_num(out, v) + put_num(out, v + 1); }

int count_lines(FILE *in)
{
	int n = 0, c;

	if (!in)
		return -1;
	while ((c = fgetc(in)) != EOF)
		n += c == '\n';
	return n;
}

static FILE *last;

/* stored in a global: stays raw */
long skip_to_end(FILE *f)
{
	last = f;
	fseek(f, 0, SEEK_END);
	return ftell(last);
}
