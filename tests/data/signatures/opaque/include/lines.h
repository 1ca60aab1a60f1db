#include <stdio.h>
int put_num(FILE *out, int v);
int put_two(FILE *out, int v);
int count_lines(FILE *in);
long skip_to_end(FILE *f);
