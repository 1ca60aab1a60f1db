int f_trunc(double d) { return (int)d; }
double f_div(int a, int b) { return (double)a / b; }
float f_sum(float a, float b) { return a + b; }
int f_cmp(double a, int b) { return a < b; }
long f_mix(long a) { return a * 1.5; }
