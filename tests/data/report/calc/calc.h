#ifndef CALC_H
#define CALC_H
int add(int a, int b);
int twice(int a);
long double halve(long double x);
#endif
