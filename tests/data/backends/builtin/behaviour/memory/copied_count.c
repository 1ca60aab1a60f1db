/* A count copied into a local (`int m = n`) is still the loop's bound: the pointer is a slice. */
static int sum_first(const int *p, int n) {
    int m = n;
    int s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s * 10 + m;
}
int cc_sum(int n) {
    int a[6] = {3, 1, 4, 1, 5, 9};
    return sum_first(a, n > 6 ? 6 : n);
}
