#ifndef MEMBER_H
#define MEMBER_H

#include <stdint.h>

/* a running hash's state: the words it folded and the tail bytes it keeps in an array member */
struct acc32 {
	uint32_t total;
	uint32_t v;
	uint32_t tail[4];
	uint32_t used; /* bytes of tail in use: at most 16 while the state is valid */
};

struct acc64 {
	uint64_t v;
	uint64_t tail[2];
	uint16_t used;
};

struct floaty {
	float tail[4];
	uint32_t used;
};

uint32_t finish32(const struct acc32 *s);
uint64_t finish64(const struct acc64 *s);
void clear_tail(struct acc32 *s);
uint32_t float_bytes(const struct floaty *s);
const uint8_t *tail_end(const struct acc32 *s);
uint32_t inner_start(const struct acc32 *s);

#endif
