#include <stddef.h>
static size_t cpy(char *d, const char *s, size_t size) { size_t ret = __builtin_strlen(s);
    if (size) { size_t len = ret >= size ? size - 1 : ret; __builtin_memcpy(d, s, len); d[len] = 0; }
    return ret; }
int run_libc_builtins(int k) { char buf[8]; const char *words[] = { "pear", "apple", "plum" };
    size_t r = cpy(buf, words[k % 3], (size_t)k);
    return (int)r * 1000 + (k ? buf[0] : 0) + (__builtin_strcmp(words[0], words[2]) < 0) * 7
        + (__builtin_strchr(words[1], 'l') - words[1]) * 10000 + __builtin_memcmp(words[0], "pea", 3) * 3; }
