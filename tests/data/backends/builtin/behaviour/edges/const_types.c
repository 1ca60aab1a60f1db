long ct_hex(void) { return 0x80000000 > 0 ? (long)sizeof(0x80000000) : -1; }
long ct_dec(void) { return (long)sizeof(2147483648) * 10 + (-2147483648 < 0); }
long ct_wrap(void) { return (long)(0xFFFFFFFF + 1) + (long)(4294967295 + 1) * 10; }
int ct_char_neg(void) { return (char)200 + (unsigned char)-56; }
