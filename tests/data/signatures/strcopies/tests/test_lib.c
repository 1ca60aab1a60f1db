#include <stdlib.h>
#include <string.h>
#include "lib.h"

static int same(char *got, const char *want) {
    int ok = got != NULL && strcmp(got, want) == 0;
    free(got);
    return ok;
}

int main(void) {
    if (!same(copy_string("hello"), "hello") || !same(copy_string(""), "")) return 1;
    if (!same(copy_body("abc"), "abc") || !same(copy_body(""), "")) return 2;
    if (!same(bounded_dup("abcdef", 3), "abc") || !same(bounded_dup("ab", 8), "ab")) return 3;
    if (!same(dup_any("key"), "key")) return 4;
    char buf[8] = "xy";
    if (!same(copy_past_nul(buf), "xy")) return 5;
    if (!same(copy_grown("grow"), "grow")) return 6;
    if (!same(copy_int_count("int"), "int")) return 7;
    char *c = copy_other_length("longer", "abc");
    if (c == NULL || memcmp(c, "lon\0", 3) != 0) return 8;
    free(c);
    if (copy_other_length("a", "abc") != NULL) return 9;
    char line[] = "one two";
    char *t = first_token(line);
    if (t == NULL || strcmp(t, "one") != 0) return 10;
    c = copy_outer_count("four", 3);
    if (c == NULL || memcmp(c, "fou", 3) != 0) return 11;
    free(c);
    return 0;
}
