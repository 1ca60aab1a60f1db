static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int (*get_op(char c))(int, int) { return c == '+' ? add : c == '-' ? sub : 0; }
static void set_cb(int (**slot)(int, int), int (*fn)(int, int)) { *slot = fn; }
int run_fn_declarators(int a, int b) { int (*f)(int, int) = get_op('-'); int (*g)(int, int) = 0;
    set_cb(&g, get_op('+'));
    return f(a, b) * 1000 + g(a, b) + (get_op('?') == 0) * 7; }
