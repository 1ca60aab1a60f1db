int ss_sizeof(void) { return sizeof("a\0b") * 100 + sizeof("") * 10 + sizeof("\x41\101"); }
int ss_walk(void) { const char *p = "abc\0def"; int n = 0; while (*p++) n++; return n * 10 + p[2]; }
