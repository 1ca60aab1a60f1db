int shl_uchar(unsigned char a) { return a << 8; }
unsigned shr_u(unsigned a, int n) { return a >> n; }
int shr_s(int a, int n) { return a >> n; }
unsigned long long shl_ull(unsigned n) { return 1ULL << n; }
unsigned shl_wrap(unsigned a) { return a << 31; }
int shl_assign(int a, int n) { a <<= n; return a; }
