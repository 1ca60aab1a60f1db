static int ilog2_rt(unsigned long n) { return 63 - __builtin_clzl(n); }
#define ilog2(n) (__builtin_constant_p(n) ? ((n) >= 16 ? 4 : (n) >= 4 ? 2 : 0) : ilog2_rt(n))
int run_constant_p(int v) { int calls = 0;
    int k = __builtin_constant_p(16) * 100 + __builtin_constant_p(calls++) * 0;
    return k + ilog2(16) * 10 + ilog2((unsigned long)v) + calls * 1000; }
