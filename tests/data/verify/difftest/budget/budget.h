#ifndef BUDGET_H
#define BUDGET_H
unsigned int nap(unsigned int x);
int boom(int x);
#endif
