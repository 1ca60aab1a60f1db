int se_min(int a, int b) { return min(a, b); }
u32 se_max_t(int a, u32 b) { return max_t(u32, a, b); }
int se_block(int a) { int r = ({ int t = a * 2; t + 1; }); return r; }
int se_swap(int a, int b) { swap(a, b); return a * 100 + b; }
