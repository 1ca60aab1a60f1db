unsigned wrap_add(unsigned a, unsigned b) { return a + b; }
unsigned wrap_sub(unsigned a, unsigned b) { return a - b; }
unsigned long long wrap_mul(unsigned long long a, unsigned long long b) { return a * b; }
unsigned wrap_neg(unsigned a) { return -a; }
unsigned char wrap_uchar(unsigned char a) { a += 200; return a; }
