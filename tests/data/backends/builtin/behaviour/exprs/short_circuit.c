static int calls;
static int bump(int v) { calls++; return v; }
int sc_and(int a) { calls = 0; int r = a && bump(a > 2); return r * 10 + calls; }
int sc_or(int a) { calls = 0; int r = a || bump(5); return r * 10 + calls; }
int sc_ternary(int a) { calls = 0; int r = a ? bump(1) : bump(2) + bump(3); return r * 10 + calls; }
