typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
int mul(int a, int b) { return a * b; }
static int apply(binop f, int a, int b) { return f ? f(a, b) : -1; }
int ex_fn_table(int i) { binop t[3] = { add, mul, 0 }; return apply(t[i], 6, 7); }
int ex_fn_direct(void) { int (*f)(int, int) = &mul; return (*f)(3, 4) + f(1, 1); }
