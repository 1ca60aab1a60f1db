typedef unsigned long long u64;
u64 wm_mul_hi(u64 a, u64 b) { return (u64)(((unsigned __int128)a * b) >> 64); }
u64 wm_mul_shr(u64 a, u64 b, unsigned s) { return (u64)(((unsigned __int128)a * b) >> s); }
