int cmp_uchar_add(int v) { unsigned char c = 250; c += v; return c; }
int cmp_short_mul(int v) { short s = 300; s *= v; return s; }
int cmp_uchar_sub(void) { unsigned char c = 1; c -= 2; return c; }
int cmp_div_assign(int v) { unsigned char c = 200; c /= v; return c; }
int cmp_shift_char(void) { unsigned char c = 0x81; c <<= 1; return c; }
