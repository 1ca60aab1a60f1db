typedef unsigned long long u64;
int ex_mul_ovf(long a, long b) {
    int r; int o = __builtin_mul_overflow(a, b, &r); return o * 1000000 + r % 1000; }
int ex_add_ovf_u(unsigned a, unsigned b) {
    unsigned r; return __builtin_add_overflow(a, b, &r) * 10 + (r & 7); }
int ex_mul_ovf_u64(u64 a, u64 b) { u64 r; return __builtin_mul_overflow(a, b, &r) * 10 + (int)(r & 7); }
int ex_sub_ovf(int a, int b) { short r; return __builtin_sub_overflow(a, b, &r) * 100000 + r; }
int ex_ffs(unsigned long v) { return __builtin_ffsl(v) * 100 + __builtin_ffs((int)(v >> 3)); }
int ex_abs(int v) { return __builtin_abs(v) + (int)__builtin_labs(-7L); }
int ex_mem(int v) {
    int a[4] = { 1, 2, 3, 4 }, b[4];
    __builtin_memcpy(b, a, sizeof a);
    __builtin_memmove(a + 1, a, 2 * sizeof(int));
    __builtin_memset(b, v, 2);
    return a[1] * 1000 + a[3] * 100 + b[0] + b[3];
}
