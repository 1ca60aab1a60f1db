int pi_fill(int n) { int a[8] = {0}; int *p = a; for (int i = 0; i < n; i++) *p++ = i + 1;
    p -= 2; *p += 100; return a[n - 2] + a[n - 1] * 1000; }
int pi_countdown(unsigned n) { int s = 0; for (unsigned i = n; i-- > 0;) s = s * 2 + (int)(i & 1);
    return s; }
int pi_rows(void) { int m[3][4]; for (int i = 0; i < 12; i++) m[i / 4][i % 4] = i;
    int (*row)[4] = m; row++; return (*row)[3] + row[1][0] * 100; }
long pi_uintptr(void) { long buf[4]; char *c = (char *)&buf[1];
    return (long)(((unsigned long)c & 7) + (c - (char *)buf)); }
