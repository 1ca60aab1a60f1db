/* GCC's d/D suffix on double constants (clang has none): 2.5d in a comment is not touched */
double ds_weight(double mass) { return mass * 9.81d + 1e1D; }
float ds_half(float x) { return x * .5d; }
int ds_label_len(void) { const char *s = "1.5d"; int n = 0; while (s[n]) n++; return n; }
