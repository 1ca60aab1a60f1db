int sb_and(int a) { return a & 3; }
int sb_shr(int a) { return a >> 1; }
int sb_xor(int a, int b) { return (a ^ b) < 0; }
unsigned sb_max(void) { return ~0u >> 1; }
int sb_narrow(long v) { int x = v; return x; }
int sb_mixed_cmp(unsigned char a, signed char b) { return a < b; }
