/* void * parameters used only with a count by memset/memcmp/memcpy (rule byte-count), and ones that stay raw. */
#include <stdlib.h>
#include <string.h>
#include "lib.h"

void *last;

/* proven: a writable byte slice of n, memset as fill */
void wipe(void *buf, size_t n) { memset(buf, 0, n); }

void fill_with(void *buf, int c, unsigned n) { memset(buf, c, n); }

/* proven: two shared byte slices of n, memcmp compared in Rust */
int same_bytes(const void *a, const void *b, size_t n) { return memcmp(a, b, n) == 0; }

int order(const void *a, const void *b, size_t n) { return memcmp(a, b, n); }

/* proven: the source of a copy into a fresh buffer (the function stays unsafe: malloc) */
void *copy_out(const void *src, size_t n) {
    void *dst = malloc(n ? n : 1);
    if (dst)
        memcpy(dst, src, n);
    return dst;
}

/* a caller in SRC passing a local array and its size */
int cleared(void) {
    unsigned char b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    wipe(b, sizeof b);
    fill_with(b + 2, 9, 3);
    return b[0] + b[2] + b[4] + b[7] + same_bytes(b, b + 1, 1);
}

/* a `const void *` only read by strcmp/strlen: a C string (`&CStr`), called through a pointer and by name */
static int keycmp(const void *k0, const void *k1) { return strcmp(k0, k1); }

static size_t keylen(const void *key) { return strlen(key); }

int (*key_cmp)(const void *, const void *) = keycmp;

int compare_keys(const char *a, const char *b) { return key_cmp(a, b) < 0 ? -1 : key_cmp(a, b) > 0; }

size_t key_length(const char *k) { return keylen(k); }

/* raw: the count changes */
void wipe_half(void *buf, size_t n) { n /= 2; memset(buf, 0, n); }

/* raw: a signed count */
void wipe_int(void *buf, int n) { memset(buf, 0, n); }

/* raw: stored in a global */
void remember(void *buf, size_t n) { last = buf; memset(buf, 0, n); }

/* raw: also read as an int */
int wipe_then_read(void *p, size_t n) { memset(p, 0, n); return *(int *)p; }

/* raw: memcpy's value (its destination) returned */
void *copy_into(void *dst, const void *src, size_t n) { return memcpy(dst, src, n); }

/* a caller in SRC passing a count past its array: the callee's pointer stays raw */
static void zero_n(void *p, size_t n) { memset(p, 0, n); }

int overrun_caller(void) {
    unsigned char small[4] = {1, 2, 3, 4};
    if (small[0] == 0)
        zero_n(small, 16); /* never runs: the C would write past small */
    zero_n(small, 2);
    return small[1] + small[2];
}
