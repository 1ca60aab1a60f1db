static int state = 500;
static int step(int d) { state -= d; return state; }
int fsb_next(void) { return step(7); }
