/* The address of a member of a packed struct (gcc: -Waddress-of-packed-member) is not aligned for the
 * member's type; reads and writes through it are unaligned, the members themselves read as fields. */
#include <stdint.h>
struct __attribute__((packed)) pk { uint8_t tag; uint32_t val; uint16_t half; };
static struct pk pks[3];
uint32_t pk_sum(int n) {
    uint32_t s = 0;
    for (int i = 0; i < 3; i++) { pks[i].tag = i; pks[i].val = n * 1000 + i; pks[i].half = i + 7; }
    for (int i = 0; i < 3; i++) { uint32_t *v = &pks[i].val; *v += 1; s += *v + pks[i].half; }
    struct pk *q = &pks[1];
    uint16_t *h = &q->half;
    return s + *h;
}
