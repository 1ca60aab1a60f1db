#define EACH(i, n) for (i = 0; i < (n); i++)
#define FOREVER for (;;)
#define UPTO(i, n) for (; i < (n); i++)
int st_for_macro(int n) { int i, s = 0; EACH(i, n) s += i; return s; }
int st_for_forever(int n) { int i = 0; FOREVER { if (++i > n) break; } return i; }
int st_for_noinit(int n) {
    int i = 2, s = 0; UPTO(i, n) { if (i == 4) continue; s += i; } return s * 100 + i; }
int st_for_noinc(int n) { int s = 0; for (int i = 0; i < n;) { s += i; i += 2; } return s; }
int st_for_comma(int n) { int s = 0; for (int i = 0, j = n; i < j; i++, j--) s += j - i; return s; }
