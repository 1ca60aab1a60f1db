#include <stdint.h>
#include <stddef.h>
#include <stdio.h>

uint32_t stripes(const void *input, size_t len, uint32_t seed);
uint32_t pairs(const uint8_t *data, size_t n);
uint32_t unguarded(const void *input, size_t len);
uint32_t skipping(const void *input, size_t len);
void scramble(uint8_t *buf, size_t len);
int32_t signed_sum(const char *s, size_t n);
int32_t signed_void(const void *in, size_t n);
uint32_t char_words(const char *s, size_t n);
int32_t mixed(const uint8_t *data, size_t n);

/* the same hashes by index, little-endian words (the machine's order) */
static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static uint32_t ref_stripes(const uint8_t *d, size_t len, uint32_t seed)
{
	size_t i = 0;
	uint32_t h;
	if (len >= 16) {
		uint32_t a = seed + 101, b = seed ^ 0x5bd1e995u, c = seed, e = seed - 7;
		for (; i + 16 <= len; i += 16) {
			a = (a ^ le32(d + i)) * 2246822519u;
			b = (b + le32(d + i + 4)) * 3266489917u;
			c = (c ^ le32(d + i + 8)) * 668265263u;
			e = (e + le32(d + i + 12)) * 374761393u;
		}
		h = a + (b << 3) + (c >> 5) + e;
	} else {
		h = seed * 31 + 17;
	}
	h += (uint32_t)len;
	for (; i + 4 <= len; i += 4)
		h = (h + le32(d + i) * 3266489917u) * 668265263u;
	for (; i < len; i++)
		h = (h ^ d[i]) * 2654435761u;
	return h ^ (h >> 15);
}

static uint32_t ref_pairs(const uint8_t *d, size_t n)
{
	size_t i = 0;
	uint32_t h = 2166136261u;
	for (; n >= 8 && i + 8 <= n; i += 8)
		h = (h ^ le32(d + i)) * 16777619u + d[i + 5];
	for (; i < n; i++)
		h = (h ^ d[i]) * 16777619u;
	return h;
}

int main(void)
{
	static const uint32_t seeds[] = {0, 1, 0x9e3779b9u, 0xffffffffu};
	uint8_t buf[48];
	int bad = 0;
	for (int i = 0; i < 48; i++)
		buf[i] = (uint8_t)(i * 53 + 5);
	for (size_t len = 0; len <= 40; len++) {
		for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
			uint32_t h = stripes(buf + 1, len, seeds[s]);
			bad |= h != ref_stripes(buf + 1, len, seeds[s]);
			printf("%zu %u %08x\n", len, seeds[s], h);
		}
		bad |= pairs(buf + 2, len) != ref_pairs(buf + 2, len);
		printf("%zu %08x\n", len, pairs(buf + 2, len));
		printf("%zu %d %d %u\n", len, signed_sum((const char *)buf + 3, len), signed_void(buf + 4, len),
		       char_words((const char *)buf + 5, len));
		printf("%zu %d\n", len, mixed(buf + 6, len));
	}
	bad |= stripes(NULL, 0, 5) != ref_stripes(NULL, 0, 5) || pairs(NULL, 0) != 2166136261u;
	/* the raw ones, called where their reads stay in buf */
	printf("%08x %08x\n", unguarded(buf, 20), skipping(buf, 10));
	scramble(buf, 7);
	printf("%u %u\n", buf[0], buf[7]);
	printf("%s\n", bad ? "FAIL" : "ok");
	return bad;
}
