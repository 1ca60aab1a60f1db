#include <string.h>
#include <ctype.h>
static void reverse(char *s) {
    for (size_t i = 0, j = strlen(s); j-- > i; i++) { char t = s[i]; s[i] = s[j]; s[j] = t; } }
long str_run(int k) { char buf[32] = "Hello, World 42"; reverse(buf); long h = 0;
    for (char *p = buf; *p; p++) { if (isalpha((unsigned char)*p)) *p = (char)toupper((unsigned char)*p);
        h = h * 131 + *p; } return (h % 1000003) * 10 + (buf[k] == 'O'); }
