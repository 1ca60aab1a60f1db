unsigned long lit_hex(void) { return 0xFFFFFFFFu + 1UL; }
int lit_oct(void) { return 0755; }
int lit_char(void) { return 'A' + '\n' + sizeof('x'); }
long long lit_big(void) { return 0x7fffffffffffffffLL; }
int lit_int_overflow_type(void) { return sizeof(2147483648) ; }
