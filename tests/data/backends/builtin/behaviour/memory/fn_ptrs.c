typedef int (*binop_t)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
int op_mul(int a, int b) { return a * b; }
static int apply(binop_t f, int a, int b) { return f ? f(a, b) : -1; }
int fp_table(int which, int a, int b) {
    binop_t table[3] = { op_add, op_sub, op_mul };
    return apply(table[which % 3], a, b);
}
int fp_null(void) { return apply(0, 1, 2); }
