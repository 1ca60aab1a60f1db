int counter_next(void) { static int n = 10; return n++; }
int counter_arr(int i) { static int hist[4]; hist[i & 3]++; return hist[0] * 10 + hist[i & 3]; }
