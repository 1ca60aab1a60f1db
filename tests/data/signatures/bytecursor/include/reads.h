#include <stdint.h>
#include <string.h>

static inline uint64_t load_le64(const void *p) { uint64_t v; memcpy(&v, p, sizeof v); return v; }
static inline uint32_t load_le32(const void *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; }
static inline uint32_t first_word(const uint32_t *p) { return *p; }
typedef uint16_t le16_t; /* SRC never names it: its size is read from this typedef */
static inline uint16_t le16_at(const le16_t *p) { return *p; }
static inline uint64_t two_words(const void *p)
{
    uint64_t v, w;
    memcpy(&v, p, sizeof v);
    memcpy(&w, (const uint8_t *)p + 8, sizeof w);
    return v ^ w;
}
