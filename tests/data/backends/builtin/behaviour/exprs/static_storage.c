static int *slot(int i) { static int cells[4]; return &cells[i & 3]; }
int ss_accumulate(int i, int v) { *slot(i) += v; return *slot(i) + *slot(i + 4) * 0; }
