typedef unsigned __int128 u128;
static u128 mul_wide(unsigned long a, unsigned long b) { return (u128)a * b; }
static __int128 neg_wide(__int128 x) { return -x; }
long long run_int128(long long a, long long b) { u128 p = mul_wide((unsigned long)a, (unsigned long)b);
    __int128 n = neg_wide((__int128)p);
    return (long long)(p >> 64) * 1000003 + (long long)(unsigned long long)p + (long long)(n >> 100); }
