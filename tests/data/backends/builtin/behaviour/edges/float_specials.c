int fs_nan(double z) { double n = z / z; return (n != n) + (n == n) * 2 + (n < 1.0) * 4 + (n > 1.0) * 8; }
int fs_negzero(double z) { double nz = -z; return (nz == z) + (1.0 / nz < 0) * 2; }
int fs_inf(double z) { double inf = 1.0 / z; return (inf > 1e308) + (-inf < -1e308) * 2; }
long fs_big(double d) { return (long)d; }
