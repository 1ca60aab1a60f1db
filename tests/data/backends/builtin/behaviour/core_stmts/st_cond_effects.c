int st_while_effect(int n) { int i = 0, c = 0; while (i++ < n) c += i; return c * 100 + i; }
int st_do_effect(int n) { int c = 0; do c++; while (--n > 0); return c; }
int st_nested_ret(int n) {
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (i + j == 5) return i * 10 + j;
    return -1;
}
