/* Byte pointers given to memcpy/memset/memcmp with a constant count (signatures/counted.py, rule
   constant-count): slices of that many bytes, a scalar's bytes copied in Rust (signatures/scalarbytes.py);
   the shapes after the marker stay raw. */
#include <endian.h>
#include <stdint.h>
#include <string.h>

void kc_put16(uint8_t *dest, uint16_t v) { memcpy(dest, &v, sizeof(v)); }
uint32_t kc_get32(uint8_t *src) { uint32_t v; memcpy(&v, src, sizeof v); return v; }
void kc_tag(unsigned char *out, int c) { memset(out, c, 4); }
int kc_magic(const char *s) { return memcmp(s, "LLM", sizeof(uint16_t)) == 0; }
void kc_putbe(uint8_t *dest, uint32_t v) { v = htobe32(v); memcpy(dest, &v, sizeof v); }
uint16_t kc_getle(const uint8_t *src) { uint16_t v; memcpy(&v, src, sizeof v); return le16toh(v); }
double kc_getd(const uint8_t *src) { double d; memcpy(&d, src, sizeof(double)); return d; }
uint64_t kc_get64(const uint8_t *src) { uint64_t v = 0; memcpy(&v, src, 8); return v + src[7]; }

/* a copy on every path (both branches): a slice of 4 */
void kc_either(uint8_t *d, int k) { if (k & 1) memset(d, 0x11, 4); else memset(d, 0x22, 4); }

/* must stay raw: a wider element counted in bytes, a shadowed name, a struct's size, a count of 0, a copy
   only some calls make (a caller may pass fewer bytes on the others) */
struct kc_two { uint8_t a, b; };
void kc_wide(uint16_t *d, uint32_t v) { memcpy(d, &v, sizeof v); }
void kc_shadow(uint8_t *d, uint64_t v) { { uint16_t v = 7; memcpy(d, &v, sizeof(v)); } d[0] += (uint8_t)v; }
void kc_struct(uint8_t *d) { struct kc_two t = {1, 2}; memcpy(d, &t, sizeof(struct kc_two)); }
void kc_none(uint8_t *d) { memset(d, 1, 0); }
uint32_t kc_maybe(const uint8_t *s, int k) { uint32_t v = 0; if (k > 0) memcpy(&v, s, 4); return v; }

long kc_run(int k) {
    uint8_t buf[16] = {0};
    uint16_t w[2] = {0, 0};
    long s = 0;
    kc_put16(buf + 3, (uint16_t)(k * 7));
    kc_tag(buf + 10, k & 0x7f);
    kc_putbe(buf + 5, (uint32_t)k * 2654435761u);
    s = (long)kc_get32(buf + 2) + kc_magic("LLMIGRATE") + kc_magic("XYZ") + (long)(kc_get64(buf + 8) % 1000003);
    kc_wide(w, (uint32_t)k * 3u);
    kc_shadow(buf, (uint64_t)k);
    kc_struct(buf + 12);
    kc_none(buf);
    kc_either(buf + 1, k);
    s += (long)(kc_maybe(buf + 9, k) % 65521) + (long)kc_maybe(buf, 0);
    double half = k * 0.5;
    uint8_t db[8];
    memcpy(db, &half, sizeof half);
    s += (long)(kc_getd(db) * 4.0) + kc_getle(buf + 6);
    for (int i = 0; i < 16; i++) s = s * 3 + buf[i];
    return s + w[0] + w[1];
}
