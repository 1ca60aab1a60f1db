int div_s(int a, int b) { return a / b; }
int mod_s(int a, int b) { return a % b; }
long mod_l(long a, long b) { return a % b; }
unsigned div_u(unsigned a, unsigned b) { return a / b; }
