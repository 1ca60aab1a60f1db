/* copies out of a C string that stop at its NUL (rule c-string: signatures/strcopies.py), and ones that
   stay raw */
#include <stdlib.h>
#include <string.h>
#include "lib.h"

/* proven: memcpy of its strlen + 1, through a local assigned once */
char *copy_string(const char *s) {
    size_t len;
    char *c;
    len = strlen(s) + 1;
    c = malloc(len);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    return c;
}

/* proven: memmove of its strlen, written in the call */
char *copy_body(const char *s) {
    char *d = malloc(strlen(s) + 1);
    if (!d)
        return NULL;
    memmove(d, s, strlen(s));
    d[strlen(s)] = 0;
    return d;
}

/* proven: strncpy stops at the NUL whatever its count */
char *bounded_dup(const char *s, size_t n) {
    size_t len = strlen(s);
    char *d = calloc(n + 1, 1);
    if (!d)
        return NULL;
    strncpy(d, s, n);
    d[len < n ? len : n] = 0;
    return d;
}

/* proven: a `void *` only strdup reads is a C string */
static void *dup_key(const void *key) { return strdup(key); }

void *dup_any(const char *k) { return dup_key(k); }

/* raw: the count runs one byte past the NUL */
char *copy_past_nul(const char *s) {
    size_t len = strlen(s) + 1;
    char *c = malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, s, strlen(s) + 2);
    return c;
}

/* raw: the count is written again */
char *copy_grown(const char *s) {
    size_t len = strlen(s) + 1;
    char *c = malloc(len + 4);
    if (!c)
        return NULL;
    len += 4;
    memcpy(c, s, len - 4);
    return c;
}

/* raw: an int count (a huge string's length would wrap) */
char *copy_int_count(const char *s) {
    int len = strlen(s) + 1;
    char *c = malloc(len);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    return c;
}

/* raw: the length of another string */
char *copy_other_length(const char *s, const char *t) {
    size_t len = strlen(t) + 1;
    char *c = malloc(len);
    if (!c || strlen(s) + 1 < len) {
        free(c);
        return NULL;
    }
    memcpy(c, s, len);
    return c;
}

/* raw: strtok keeps the string between calls (and writes it) */
char *first_token(char *s) {
    (void)strlen(s);
    return strtok(s, " ");
}

/* raw: the count is the parameter, the local of that name lies in another block */
char *copy_outer_count(const char *s, size_t len) {
    char *c = malloc(len);
    if (!c)
        return NULL;
    {
        size_t len = strlen(s) + 1;
        (void)len;
    }
    memcpy(c, s, len);
    return c;
}
