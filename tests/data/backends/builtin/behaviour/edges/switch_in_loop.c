int sl_mix(int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: s += 1; break;
        case 1: continue;
        case 2: s += 100;
        default: s += 10; break;
        }
        s += 1000;
    }
    return s;
}
int sl_while(int n) { int i = 0, hits = 0; while (i < n) { switch (i++ & 1) { case 0: continue; } hits++; }
    return hits; }
