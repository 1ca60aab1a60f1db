#include <math.h>

/* <math.h> functions of scalars (rule pure-libm): safe fns calling the C library's own libm, or f64::abs
   for fabs; NaN results keep their sign bit (the harness prints the bits). */
double lm_roots(double x) { return sqrt(x) + cbrt(x) + hypot(x, 3.0); }
double lm_trig(double x) { return sin(x) * cos(x) + atan2(x, 2.0) - tan(x / 7.0); }
double lm_exp(double x, double y) { return pow(x, y) + exp(x / 9.0) + log(fabs(x) + 1.0) + ldexp(x, 3); }
double lm_round(double x) { return floor(x) + 10.0 * ceil(x) + 100.0 * fmod(x, 0.75) + round(x); }
float lm_floats(float x) { return sqrtf(fabsf(x)) + powf(x, 2.0f) + floorf(x) + sinf(x); }
double lm_nan(double x) { return sqrt(x); }  /* sqrt(-1): glibc's NaN, sign set */
double lm_nan_abs(double x) { return fabs(sqrt(x)); }  /* (no NaN + NaN: which one an add keeps is the compiler's) */
double lm_apply(double (*f)(double), double x) { return f(x); }
double lm_by_pointer(double x) { return lm_apply(sqrt, x) + lm_apply(floor, x); }
