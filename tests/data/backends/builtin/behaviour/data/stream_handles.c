/* C library calls on a stream parameter proven valid (rule opaque-handle) are checked operations: functions
   taking only the stream and scalars are safe fns. fclose, which ends the stream its caller still holds,
   and a stream the function did not receive (stdin) keep their functions unsafe. */
#include <stdio.h>

static int sh_next(FILE *in) { return fgetc(in); }
static int sh_peek(FILE *in) { int c = fgetc(in); ungetc(c, in); return c; }
static int sh_skip_spaces(FILE *in) { int n = 0; while (sh_peek(in) == ' ') { sh_next(in); n++; } return n; }
static int sh_put(FILE *out, int c) { fprintf(out, "<%c>", c); return fputc(c, out) == c && !ferror(out); }
static int sh_close(FILE *f) { return fclose(f); }
static int sh_stdin_done(void) { return feof(stdin); }

int sh_roundtrip(int c) {
    FILE *f = tmpfile();
    if (!f)
        return -1;
    fputs("   ", f);
    int put = sh_put(f, c);
    rewind(f);
    int spaces = sh_skip_spaces(f);
    int a = sh_next(f), b = sh_next(f), d = sh_next(f), e = sh_next(f), end = sh_next(f);
    int eof = feof(f) != 0;
    sh_close(f);
    return put + 10 * spaces + 100 * (a == '<') + 1000 * (b == c) + 10000 * (d == '>') + 100000 * (e == c)
        + 1000000 * (end == EOF && eof);
}
