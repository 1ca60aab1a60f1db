/* strcmp/strncmp of C strings (&CStr parameters, literals) compared with 0: comparisons of their bytes in
   safe fns (backends/builtin/cstrs.py); a result used as a number stays the library's call. */
#include <string.h>

int sc_eq(const char *a, const char *b) { return strcmp(a, b) == 0; }
int sc_order(const char *a, const char *b) { if (strcmp(a, b) < 0) return -1; if (0 < strcmp(a, b)) return 1;
    return 0; }
int sc_is(const char *a) { if (!strcmp(a, "yes")) return 1; if (strcmp("no", a)) return 2; return 3; }
int sc_pre(const char *a, int n) { return strlen(a) > 1 && strncmp(a, "app\xe9", n) >= 0; }
int sc_value(const char *a, const char *b) { return strcmp(a, b) > 0; }
int sc_run(int k) {
    const char *w[] = {"apple", "apples", "banana", "", "yes", "no", "app\xe9z"};
    const char *x = w[k % 7], *y = w[(k / 7) % 7];
    return sc_eq(x, y) + 2 * sc_order(x, y) + 8 * sc_is(x) + 32 * sc_pre(x, k % 6 - 1)
        + 64 * sc_value(x, y);
}
