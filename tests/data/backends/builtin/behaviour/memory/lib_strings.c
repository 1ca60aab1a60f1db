/* Strings read by C library functions (signatures/libfns.py): strdup, remove, fopen and strcpy's source
   take `&CStr` parameters, called from C with literals and buffers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *lstr_copy(const char *s) { return strdup(s); }

int lstr_gone(const char *path) { return remove(path); }

int lstr_open(const char *path, const char *mode) {
    FILE *f = fopen(path, mode);
    if (!f)
        return -1;
    fclose(f);
    return 1;
}

void lstr_put(char *dst, const char *src) { strcpy(dst, src); }

int lstr_run(int k) {
    char *c = lstr_copy(k ? "hello" : "hi");
    char buf[16];
    lstr_put(buf, c);
    int n = (int)strlen(c) * 100 + (int)strlen(buf);
    free(c);
    return n + lstr_gone("/nonexistent/llmigrate-lstr") * 1000 + lstr_open("/nonexistent/lstr", "r") * 10000;
}
