int st_counter(void) {
    static int n; static int hist[3] = { 7, 8, 9 };
    n++; hist[n % 3] += n; return n * 100 + hist[n % 3];
}
int st_shadow(int x) {
    int r = x; { int x = 5; r += x; { int x = 7; r = r * 10 + x; } r += x; } return r + x;
}
int st_stmt_expr(int a) { int v = ({ int t = a * 2; if (t > 10) t = 10; t + 1; }); return v; }
