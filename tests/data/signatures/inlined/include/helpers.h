/* static inline helpers outside SRC: which of them are known code (signatures/inlined.py) */
#ifndef HELPERS_H
#define HELPERS_H
#include <stdint.h>
#include <string.h>

typedef uint8_t byte_t;
#define ROT_MASK 63
extern const byte_t mix_table[16];
extern int helper_calls;
extern void (*helper_hook)(void);

/* pure arithmetic on its scalar arguments */
static inline uint64_t rot64(uint64_t w, unsigned int s) { return (w << (s & ROT_MASK)) | (w >> ((-s) & ROT_MASK)); }
/* a lookup in a const table SRC defines */
static inline byte_t mix_byte(byte_t acc, byte_t b) { return mix_table[(byte_t)((acc << 1) ^ b) & 15]; }
/* reads the bytes it is given */
static inline uint32_t load32(const void *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }
/* writes a global */
static inline int counted(int x) { helper_calls++; return x + 1; }
/* calls through a function pointer */
static inline int hooked(int x) { if (helper_hook) helper_hook(); return x; }
/* writes through its pointer argument */
static inline void store32(uint32_t v, void *p) { memcpy(p, &v, sizeof v); }
#endif
