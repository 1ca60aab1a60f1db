int promo_add(unsigned char a, unsigned char b) { return a + b; }
int promo_mul(unsigned short a, unsigned short b) { return a * b > 65535; }
int promo_not(unsigned char a) { return ~a; }
int promo_neg(unsigned short a) { return -a; }
