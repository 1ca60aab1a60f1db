#ifndef TALLY_H
#define TALLY_H
#include <stddef.h>
#include <stdint.h>

/* Four counters declared through typedefs of an array (one nested, one const-qualified on use). */
typedef uint32_t word4[4];
typedef word4 counters;

struct tally {
	uint32_t used;
	counters c;
};

int tally_load(struct tally *t, const unsigned char *src, size_t n);
void tally_bump(struct tally *t, unsigned k, uint32_t by);
uint32_t tally_sum(const struct tally *t);
#endif
