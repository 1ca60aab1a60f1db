long ex_ptr_diff(int i, int j) {
    long a[10]; long *p = &a[i], *q = a + j; return (q - p) * 10 + (p < q) + (p == q) * 2; }
int ex_ptr_walk(void) {
    int v[5] = {1, 2, 3, 4, 5}; int s = 0; for (int *p = v + 4; p >= v; p--) s = s * 10 + *p; return s; }
int ex_ptr_void(void) { char buf[8] = "abcdefg"; void *p = buf; p = (char *)p + 2; return *(char *)p; }
int ex_ptr_of_ptr(void) { int x = 4; int *p = &x; int **pp = &p; **pp += 3; return x; }
