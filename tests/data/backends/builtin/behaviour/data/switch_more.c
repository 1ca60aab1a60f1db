enum op { OP_ADD, OP_SUB, OP_MUL };
int sm_eval(int o, int a, int b) { switch ((enum op)o) { default: return -1; case OP_ADD: return a + b;
    case OP_SUB: return a - b; case OP_MUL: return a * b; } }
int sm_dowhile(int n) { int i = 0; do { if (i * i >= n) break; i += 1; } while (i < 100); return i; }
