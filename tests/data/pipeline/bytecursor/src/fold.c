#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "loads.h"

uint64_t fold8(const void *data, size_t len)
{
    /* 8-byte windows while 8 bytes remain, then the tail from end under len % 8 */
    const uint8_t *end = data + len - (len % sizeof(uint64_t));
    const uint8_t left = len & (sizeof(uint64_t) - 1);
    uint64_t b = ((uint64_t)len) << 56;
    for (; data != end; data += sizeof(uint64_t)) {
        uint64_t m;
        memcpy(&m, data, 8);
        b = (b ^ m) * 31 + 7;
    }
    switch (left) {
    case 7: b += end[6]; /* fall through */
    case 6: b += (uint64_t)get16(end) << 20; /* fall through */
    case 5: b ^= end[4]; /* fall through */
    case 4: b += get32(end); break;
    case 3: b ^= (uint64_t)end[2] << 9; /* fall through */
    case 2: b += get16(end); break;
    case 1: b -= end[0];
    }
    return b;
}

uint64_t fold_words(const void *data, size_t len)
{
    /* the loop's read is a header's `*p` of a word */
    const uint8_t *end = data + len - (len % 8);
    uint64_t b = 3;
    for (; data != end; data += 8)
        b = b * 131 + word64(data);
    switch (len % 8) {
    case 7: case 6: case 5: case 4: case 3: b += end[2]; /* fall through */
    case 2: b += end[1]; /* fall through */
    case 1: b += end[0];
    }
    return b;
}

uint32_t fold4(const uint8_t *p, size_t n)
{
    /* a byte pointer stepped by 4, read at p[1] and p[2] (FNV-like) */
    const uint8_t *end = p + n - (n % 4);
    uint32_t h = 2166136261u;
    for (; p != end; p += 4)
        h = (h ^ p[1]) * 16777619u + p[2];
    switch (n & 3) {
    case 3: h ^= (uint32_t)end[2] << 16; /* fall through */
    case 2: h ^= (uint32_t)end[1] << 8; /* fall through */
    case 1: h ^= end[0];
        h *= 5;
    }
    return h;
}

uint32_t fold_swapped(const void *data, size_t len)
{
    /* a reader that swaps the bytes it reads: no plain read, the pointer stays raw */
    const uint8_t *end = data + len - (len % 4);
    uint32_t h = 1;
    for (; data != end; data += 4)
        h ^= swapped32(data);
    switch (len % 4) {
    case 3: h += end[2]; /* fall through */
    case 2: h += end[1]; /* fall through */
    case 1: h += end[0];
    }
    return h;
}
