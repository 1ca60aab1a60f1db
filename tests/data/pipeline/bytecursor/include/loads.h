#include <stdint.h>
#include <string.h>

/* readers returning exactly the bytes they read, in memory order */
static inline uint32_t get32(const void *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }
static inline uint16_t get16(const void *p) { uint16_t v; memcpy(&v, p, sizeof v); return v; }
static inline uint64_t word64(const uint64_t *p) { return *p; }
/* reads 4 bytes but returns them swapped: no plain read of them */
static inline uint32_t swapped32(const void *p) { uint32_t v; memcpy(&v, p, sizeof v); return __builtin_bswap32(v); }
