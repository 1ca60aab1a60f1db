int for_cont(int n) { int s = 0; for (int i = 0; i < n; i++) { if (i % 3 == 0) continue; s += i; } return s; }
int do_cont(int n) { int i = 0, s = 0; do { i++; if (i & 1) continue; s += i; } while (i < n); return s; }
int while_break(int n) { int i = 0; while (1) { if (i * i > n) break; i++; } return i; }
int for_empty(int n) { int i = 0; for (;;) { if (++i >= n) break; } return i; }
int nested_loops(int n) {
    int c = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (j > i) break;
            if ((i + j) % 2) continue;
            c++;
        }
    return c;
}
int do_once(void) { int n = 0; do n++; while (0); return n; }
