int ex_comma(int a) { int b = (a++, a * 2); return (a, b) + a; }
int ex_chain(int a) { int x, y, z; x = y = z = a + 1; return x + y * 10 + z * 100; }
int ex_post_in_index(void) {
    int v[4] = {5, 6, 7, 8}; int i = 0; int s = v[i++]; s += v[i++] * 10; return s * 10 + i; }
int ex_pre_dec_loop(int n) { int c = 0; while (--n > 0) c += n; return c; }
int ex_assign_value(int a) { int b; if ((b = a * 3) > 10) return b; return -b; }
long ex_compound_chain(long a) { long b = 2; b += a -= 3; return a * 1000 + b; }
