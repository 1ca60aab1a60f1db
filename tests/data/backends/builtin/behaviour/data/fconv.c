unsigned fc_to_u(double d) { return (unsigned)d; }
float fc_narrow(double d) { return (float)d; }
double fc_from_ll(long long v) { return (double)v; }
int fc_round_trip(int v) { float f = v; return (int)f; }
unsigned char fc_uchar(float f) { return (unsigned char)f; }
