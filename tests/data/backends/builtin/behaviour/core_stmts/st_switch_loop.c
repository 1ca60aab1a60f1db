int st_sw_in_loop(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: continue;
        case 1: s += 1; break;
        default: s += 10;
        case 3: s += 100;
        }
        s += 1000;
    }
    return s;
}
int st_do_zero(int a) {
    int r = 0; do { if (a > 5) break; r = 1; if (a > 2) continue; r = 2; } while (0); return r; }
unsigned st_sw_unsigned(unsigned char c) {
    switch (c) { default: return 1; case 200: return 2; case 255: return 3; case 0 ... 9: return 4; }
}
int st_sw_decl(int v) {
    switch (v) { int t; case 1: t = 5; return t; case 2: t = 7; return t * 2; } return 0; }
