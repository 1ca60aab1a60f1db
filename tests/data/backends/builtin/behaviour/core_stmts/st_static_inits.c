int g = 5;
struct s { int a; const char *n; };
int st(int k) {
	static const char *msg = "hi";
	static int *p = &g;
	static int tbl[] = { 1, 2, 3 };
	static struct s st = { .a = 1, .n = "x" };
	static unsigned long long big = 1ULL << 40;
	static double d = 1.5;
	tbl[k % 3] += *p;
	st.a++;
	return msg[1] + tbl[k % 3] + st.a + st.n[0] + (int)(big >> 38) + (int)d;
}
