static int state = 10;
static int step(int d) { state += d; return state; }
int fsa_next(void) { return step(1); }
