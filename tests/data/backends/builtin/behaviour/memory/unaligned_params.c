/* An exported function's pointer to wider integers is given whatever its C callers cast to it: a byte
 * buffer at an odd offset, a string literal (`(uint16_t *) "a\0b\0"`). x86-64 performs the accesses;
 * the Rust must read and write through that parameter without assuming its alignment. */
#include <stdint.h>

uint32_t upar_sum16(const uint16_t *p, int n) {
    uint32_t s = 0;
    while (n-- > 0)
        s = s * 31 + *p++;
    return s;
}

void upar_bump32(uint32_t *w, uint32_t v) {
    *(w + 1) = v;
    *w += 7;
}

uint32_t upar_odd(int off) {
    static unsigned char buf[32];
    for (int i = 0; i < 32; i++)
        buf[i] = (unsigned char)(i * 13 + 5);
    upar_bump32((uint32_t *)(buf + off), 0xa1b2c3d4u);
    return upar_sum16((const uint16_t *)(buf + off), 6) + upar_sum16((const uint16_t *)"\x61\x00\x62\x00", 2);
}

/* Indexed below its count only: a slice parameter, which a pointer not aligned for it cannot become. */
uint32_t upar_total(const uint16_t *p, int n) {
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

void upar_scale(uint32_t *w, int n) {
    for (int i = 0; i < n; i++)
        w[i] = w[i] * 3u + 1u;
}

uint32_t upar_slices(int off) {
    static unsigned char buf[32];
    for (int i = 0; i < 32; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
    upar_scale((uint32_t *)(buf + off), 4);
    return upar_total((const uint16_t *)(buf + off), 8) + upar_total((const uint16_t *)"\x61\x00\x62\x00", 2);
}
