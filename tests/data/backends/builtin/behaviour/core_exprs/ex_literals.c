unsigned long ex_hex(void) { return 0xFFFFFFFFu + 0x10UL + 010 + 'A'; }
long long ex_big(void) { return 9223372036854775807LL - 07777; }
int ex_char_neg(void) { return '\xff' + '\n'; }
int ex_str_len(void) {
    const char *s = "ab\0cd"; int n = 0; while (s[n]) n++; return n + (int)sizeof("ab\0cd"); }
int ex_str_index(int i) { return "hello"[i]; }
