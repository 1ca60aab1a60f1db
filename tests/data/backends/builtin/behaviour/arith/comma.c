int comma_val(int a) { int b; b = (a += 2, a * 3); return b + a; }
int comma_for(int n) { int i, j, s = 0; for (i = 0, j = n; i < j; i++, j--) s += j - i; return s; }
