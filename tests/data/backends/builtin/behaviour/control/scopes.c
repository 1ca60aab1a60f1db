int shadow(int x) { int r = x; { int x = 5; r += x; { int x = 7; r = r * 10 + x; } } return r * 10 + x; }
int for_scope(void) { int i = 42; for (int i = 0; i < 3; i++) { } return i; }
