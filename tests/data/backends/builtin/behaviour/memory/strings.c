#include <string.h>
#include <stdlib.h>
int str_len(void) { const char *s = "hello, world"; return (int)strlen(s); }
int str_cmp(void) { return (strcmp("abc", "abd") < 0) + 2 * (strncmp("abcx", "abcy", 3) == 0); }
int str_arr(void) { char buf[8] = "hi"; return sizeof(buf) * 100 + buf[1] + buf[5]; }
int str_copy(int n) { char *p = malloc(16); memset(p, 'a', 15); p[15] = 0; p[n] = 0;
    int r = (int)strlen(p); char *q = strchr(p, 'a'); r += (int)(q - p) * 100; free(p); return r; }
int str_escape(void) { const char *s = "a\tb\x41\101"; return s[1] * 1000 + s[3] + s[4] + (int)strlen(s); }
