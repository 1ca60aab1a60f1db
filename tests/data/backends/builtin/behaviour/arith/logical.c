static int hits;
static int touch(int v) { hits++; return v; }
int logic_sc(int a) { hits = 0; int r = (a && touch(a)) || touch(0); return r * 10 + hits; }
int logic_not(int a) { return !a + !!a * 2; }
int logic_ptr(void) { int x = 1; int *p = &x; int *q = 0; return !p * 2 + !q; }
int ternary_mix(int a) { return a > 0 ? a : -a; }
unsigned ternary_conv(int c) { return c ? -1 : 2u; }
