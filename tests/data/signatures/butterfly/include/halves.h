#ifndef HALVES_H
#define HALVES_H
#define LEVELS 32

/* Each entry is its lower half's entry mixed with a step that depends on the bit the half adds. */
void level_table(unsigned short t[LEVELS], unsigned short seed);
/* Sums and differences of the first pair of each block, the blocks halving (a Walsh-Hadamard
 * transform's butterflies at the block starts only). */
void pair_fold16(int x[16]);
#endif
