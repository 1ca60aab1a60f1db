unsigned bit_mix(unsigned a, unsigned b) { return (a & b) | (a ^ ~b); }
int bit_not_char(signed char c) { return ~c; }
unsigned long bit_long(unsigned a) { return ~(unsigned long)a; }
int popc(unsigned v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }
