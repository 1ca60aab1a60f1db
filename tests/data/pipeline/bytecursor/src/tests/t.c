#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

uint64_t fold8(const void *data, size_t len);
uint64_t fold_words(const void *data, size_t len);
uint32_t fold4(const uint8_t *p, size_t n);
uint32_t fold_swapped(const void *data, size_t len);

/* the same sums read byte by byte, little-endian (the machine's order) */
static uint64_t le(const uint8_t *p, int k) { uint64_t v = 0; while (k--) v = v << 8 | p[k]; return v; }

static uint64_t ref8(const uint8_t *d, size_t len)
{
    size_t i = 0, full = len - len % 8;
    uint64_t b = ((uint64_t)len) << 56;
    for (; i < full; i += 8)
        b = (b ^ le(d + i, 8)) * 31 + 7;
    const uint8_t *e = d + i;
    size_t k = len % 8;
    if (k == 1)
        return b - e[0];
    if (k == 2 || k == 3)
        return (k == 3 ? b ^ (uint64_t)e[2] << 9 : b) + le(e, 2);
    if (k >= 7) b += e[6];
    if (k >= 6) b += le(e, 2) << 20;
    if (k >= 5) b ^= e[4];
    if (k >= 4) b += le(e, 4);
    return b;
}

static uint64_t ref_words(const uint8_t *d, size_t len)
{
    size_t i = 0, full = len - len % 8, k = len % 8;
    uint64_t b = 3;
    for (; i < full; i += 8)
        b = b * 131 + le(d + i, 8);
    if (k >= 3) b += d[i + 2];
    if (k >= 2) b += d[i + 1];
    if (k >= 1) b += d[i];
    return b;
}

static uint32_t ref4(const uint8_t *d, size_t n)
{
    size_t i = 0, full = n - n % 4, k = n % 4;
    uint32_t h = 2166136261u;
    for (; i < full; i += 4)
        h = (h ^ d[i + 1]) * 16777619u + d[i + 2];
    for (size_t j = k; j > 0; j--)
        h ^= (uint32_t)d[i + j - 1] << (8 * (j - 1));
    return k ? h * 5 : h;
}

int main(void)
{
    uint8_t buf[24];
    int bad = 0;
    for (int i = 0; i < 24; i++)
        buf[i] = (uint8_t)(i * 37 + 11);
    for (size_t len = 0; len <= 20; len++) {
        bad |= fold8(buf + 1, len) != ref8(buf + 1, len);
        bad |= fold_words(buf, len) != ref_words(buf, len);
        bad |= fold4(buf + 3, len) != ref4(buf + 3, len);
        bad |= fold_swapped(buf, len) == 0 && len == 1000;
    }
    bad |= fold8(NULL, 0) != 0 || fold4(NULL, 0) != 2166136261u || fold_words(NULL, 0) != 3;
    printf("%s\n", bad ? "FAIL" : "ok");
    return bad;
}
