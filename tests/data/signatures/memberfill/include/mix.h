#ifndef MIX_H
#define MIX_H
#include <stddef.h>
#include <stdint.h>

/* A toy streaming hash: bytes gather in mem until 16 are there, then mix into acc. */
struct mix_state {
	uint32_t total;
	uint32_t used;
	uint32_t acc;
	uint32_t mem[4];
};

void mix_reset(struct mix_state *s, uint32_t seed);
int mix_update(struct mix_state *s, const unsigned char *src, size_t n);
int mix_load(struct mix_state *s, const unsigned char *src, size_t n);
uint32_t mix_digest(const struct mix_state *s);
#endif
