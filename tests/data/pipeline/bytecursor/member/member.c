#include <stdint.h>
#include <stddef.h>
#include "loads.h"

#include "member.h"

uint32_t finish32(const struct acc32 *s)
{
	/* byte cursors over the tail's bytes, bounded by used (rule member-bytes) */
	const uint8_t *p = (const uint8_t *)s->tail;
	const uint8_t *const end = (const uint8_t *)(s->tail) + s->used;
	uint32_t h = s->v + s->total;

	while (p + 4 <= end) {
		h = (h ^ get32(p)) * 2654435761u;
		p += 4;
	}
	while (p < end) {
		h = (h + *p) * 16777619u;
		p++;
	}
	return h ^ (h >> 13);
}

uint64_t finish64(const struct acc64 *s)
{
	const unsigned char *p = (const unsigned char *)s->tail;
	const unsigned char *const end = (const unsigned char *)s->tail + s->used;
	uint64_t h = s->v;

	if (p + 8 <= end) {
		h ^= (uint64_t)get32(p) * 11400714785074694791u;
		p += 4;
		h += get32(p);
		p += 4;
	}
	while (p < end) {
		h = (h ^ p[0]) * 1099511628211u;
		p++;
	}
	return h;
}

/* written through its cursor: the pointer to the state stays raw */
void clear_tail(struct acc32 *s)
{
	uint8_t *p = (uint8_t *)s->tail;
	uint8_t *const end = (uint8_t *)s->tail + s->used;

	while (p < end) {
		*p = 0;
		p++;
	}
}

/* a float member: its bytes are not the integers' (raw) */
uint32_t float_bytes(const struct floaty *s)
{
	const uint8_t *p = (const uint8_t *)s->tail;
	const uint8_t *const end = (const uint8_t *)s->tail + s->used;
	uint32_t h = 0;

	while (p < end) {
		h = h * 31 + *p;
		p++;
	}
	return h;
}

/* the cursor escapes: returned (raw) */
const uint8_t *tail_end(const struct acc32 *s)
{
	const uint8_t *p = (const uint8_t *)s->tail;
	const uint8_t *const end = (const uint8_t *)s->tail + s->used;

	while (p < end && *p)
		p++;
	return p;
}

/* a cursor started in an inner block: the Rust's copy would not be in scope for every cursor (raw) */
uint32_t inner_start(const struct acc32 *s)
{
	uint32_t h = 5;

	if (s->used) {
		const uint8_t *p = (const uint8_t *)s->tail;
		const uint8_t *const end = (const uint8_t *)s->tail + s->used;

		while (p < end) {
			h = h * 33 + *p;
			p++;
		}
	}
	return h;
}
