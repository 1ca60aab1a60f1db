long ex_tern_mixed(int c, unsigned u, int s) { return c ? u : s; }
int ex_tern_nested(int a) { return a < 0 ? -1 : a == 0 ? 0 : 1; }
unsigned char ex_tern_narrow(int c) { unsigned char x = c ? 300 : 7; return x; }
int ex_tern_gnu(int a, int b) { return a ?: b; }
