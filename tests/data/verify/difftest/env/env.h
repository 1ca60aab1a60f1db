#ifndef ENV_H
#define ENV_H
int grab(unsigned int mb);
int grab_free(unsigned int mb);
int ilog2_u64(unsigned long long x);
unsigned int weight(const unsigned long *map, unsigned int nbits);
int at(const int *a, int i);
unsigned long spin(unsigned int rounds);
int slow(int n);
int near_limit(int n);
#endif
