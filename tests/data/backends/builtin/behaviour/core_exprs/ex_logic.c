static int calls;
static int bump(int v) { calls++; return v; }
int ex_short_and(int a) { calls = 0; int r = a && bump(a); return r * 10 + calls; }
int ex_short_or(int a) { calls = 0; int r = a || bump(5); return r * 10 + calls; }
int ex_not_ptr(int a) { int x = 1; int *p = a ? &x : 0; return !p + (!!p) * 2; }
int ex_logic_value(int a, int b) { return (a > b) + (a == b) * 2 + (a != b) * 4 + (!a) * 8; }
