int cmp_mixed(int a, unsigned b) { return a < b; }
int cmp_long(int a, unsigned b) { return (long)a < (long)b; }
long add_mixed(int a, unsigned long b) { return (long)(a + b); }
unsigned div_mixed(int a, unsigned b) { return a / b; }
int lit_cmp(void) { return -1 < 1u; }
int lit_cmp_long(void) { return -1L < 1u; }
