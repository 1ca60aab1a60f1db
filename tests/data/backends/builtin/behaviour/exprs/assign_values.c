int av_chain(int v) { int a, b, c; a = b = c = v; return a + b * 10 + c * 100; }
int av_cond(int v) { int x; if ((x = v * 2) > 5) return x; return -x; }
int av_narrow(int v) { unsigned char c; int r = (c = v) + 1; return r; }
int av_strcopy(void) { char src[] = "hey", dst[8]; char *d = dst; const char *s = src; int n = 0;
    while ((*d++ = *s++)) n++; return n * 1000 + dst[2]; }
