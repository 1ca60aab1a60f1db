int sw_fall(int v) {
    int r = 0;
    switch (v) {
    case 1: r += 1;
    case 2: r += 10;
        break;
    case 3:
    case 4: r += 100;
    default: r += 1000;
    case 5: r += 10000;
    }
    return r;
}
int sw_none(int v) { int r = 7; switch (v) { case 1: r = 1; break; case 2: r = 2; } return r; }
int sw_char(char c) { switch (c) { case 'a': return 1; case -1: return 2; default: return 3; } }
int sw_nested(int a, int b) {
    int r = 0;
    switch (a) {
    case 0:
        switch (b) { case 0: r = 1; break; default: r = 2; }
        r += 10;
        break;
    default:
        for (int i = 0; i < 3; i++) { if (i == b) break; r++; }
    }
    return r;
}
