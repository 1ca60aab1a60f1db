struct pt { int x, y; };
static struct pt pts[5];
long ap_fill(int n) {
    for (int i = 0; i < 5; i++) { pts[i].x = i * n; pts[i].y = -i; }
    struct pt *p = &pts[1], *q = pts + 4;
    p->x += 100;
    return (q - p) * 1000 + p->x + (q - 1)->y;
}
int ap_2d(int k) { int m[3][4]; for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
    int *flat = &m[0][0]; return flat[k] + m[2][3]; }
int ap_ptr_cmp(void) { int a[4]; int *p = a + 1, *q = a + 3; return (p < q) + 2 * (q == &a[3]); }
long ap_sum(int n) { long a[16]; for (int i = 0; i < 16; i++) a[i] = (long)i * i; long s = 0;
    for (long *p = a; p < a + n; p++) s += *p; return s; }
