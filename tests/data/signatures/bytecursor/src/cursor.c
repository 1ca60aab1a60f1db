#include <stdint.h>
#include <string.h>
#include <stddef.h>
#include "reads.h"

/* the shape: 8-byte windows while at least 8 bytes remain, the tail read from end under len % 8 */
uint64_t mix8(const void *data, size_t len)
{
    const uint8_t *end = data + len - (len % 8);
    const uint8_t left = len & 7;
    uint64_t b = ((uint64_t)len) << 56;
    for (; data != end; data += 8) {
        uint64_t m;
        memcpy(&m, data, 8);
        b = (b ^ m) * 31;
    }
    switch (left) {
    case 7: b |= ((uint64_t)end[6]) << 48; /* fall through */
    case 6: b |= ((uint64_t)end[5]) << 40; /* fall through */
    case 5: b |= ((uint64_t)end[4]) << 32; /* fall through */
    case 4: { uint32_t w; memcpy(&w, data, 4); b |= w; break; }
    case 3: b |= ((uint64_t)end[2]) << 16; /* fall through */
    case 2: b |= ((uint64_t)end[1]) << 8; /* fall through */
    case 1: b |= end[0];
    }
    return b;
}

/* 4-byte steps over a byte pointer, the switch on the remainder itself, a sizeof step */
uint32_t mix4(const uint8_t *p, unsigned long n)
{
    const uint8_t *end = p + n - (n % sizeof(uint32_t));
    uint32_t h = 7;
    for (; p != end; p += sizeof(uint32_t))
        h = h * 33 + p[0] + p[3];
    switch (n % 4) {
    case 3: h += end[2]; /* fall through */
    case 2: h += end[1]; /* fall through */
    case 1: h += end[0];
    }
    return h;
}

/* steps 16 while the end keeps only 8 bytes: past the end */
uint64_t overstep(const void *data, size_t len)
{
    const uint8_t *end = data + len - (len % 8);
    uint64_t b = 0;
    for (; data != end; data += 16) {
        uint64_t m;
        memcpy(&m, data, 8);
        b ^= m;
    }
    return b;
}

/* end is the buffer's end, an 8-byte read at end - 4 */
uint64_t tail_window(const void *data, size_t len)
{
    const uint8_t *end = data + len;
    uint64_t m = 0;
    if (len >= 4)
        memcpy(&m, end - 4, 8);
    return m;
}

/* the cursor walks `a`, the end is computed from the count of `b` */
uint64_t other_count(const void *a, size_t na, const void *b, size_t nb)
{
    const uint8_t *end = b + nb - (nb % 8);
    uint64_t s = na;
    for (; a != end; a += 8) {
        uint64_t m;
        memcpy(&m, a, 8);
        s ^= m;
    }
    return s;
}

/* a tail byte read past what the case labels before it allow */
uint32_t late_tail(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n - (n % 4);
    uint32_t h = 0;
    for (; p != end; p += 4)
        h += p[1];
    switch (n % 4) {
    case 3: h += end[2]; /* fall through */
    case 1: h += end[1];
    }
    return h;
}

/* a break leaves the loop before the cursor reaches end; the tail then reads at the cursor */
uint32_t broken(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n - (n % 4);
    uint32_t h = 0;
    for (; p != end; p += 4) {
        if (p[0] == 0)
            break;
        h += p[0];
    }
    switch (n % 4) {
    case 3: h += p[2];
    }
    return h;
}

/* the cursor is returned */
const uint8_t *escapes(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n - (n % 4);
    for (; p != end; p += 4)
        if (p[0] == 0)
            return p;
    return end;
}

/* the reads are calls of header functions reading 8, 4 and 4 bytes at their argument */
uint64_t mix_calls(const void *data, size_t len)
{
    const uint8_t *end = data + len - (len % sizeof(uint64_t));
    const uint8_t left = len & (sizeof(uint64_t) - 1);
    uint64_t b = len;
    for (; data != end; data += sizeof(uint64_t))
        b = (b ^ load_le64(data)) * 31 + first_word(data);
    switch (left) {
    case 7: b |= ((uint64_t)end[6]) << 48; /* fall through */
    case 6: b |= ((uint64_t)end[5]) << 40; /* fall through */
    case 5: b |= ((uint64_t)end[4]) << 32; /* fall through */
    case 4: b |= load_le32(end); break;
    case 3: b |= ((uint64_t)end[2]) << 16; /* fall through */
    case 2: b |= le16_at(data); break;
    case 1: b |= end[0];
    }
    return b;
}

/* a header function reading 16 bytes at a cursor with 8 before end */
uint64_t wide_call(const void *data, size_t len)
{
    const uint8_t *end = data + len - (len % 8);
    uint64_t b = 0;
    for (; data != end; data += 8)
        b ^= two_words(data);
    return b;
}

/* a 4-byte read where the tail may hold 3 */
uint64_t short_tail(const void *data, size_t len)
{
    const uint8_t *end = data + len - (len % 8);
    uint64_t b = 0;
    for (; data != end; data += 8)
        b ^= load_le64(data);
    switch (len % 8) {
    case 3: b |= load_le32(end); break;
    case 1: b |= end[0];
    }
    return b;
}

/* end points at words: end[1] reads bytes 4..7 past it */
uint32_t word_end(const void *data, size_t len)
{
    const uint32_t *end = data + len - (len % 8);
    uint32_t b = 0;
    for (; data != end; data += 8)
        b ^= load_le32(data);
    switch (len % 8) {
    case 7: b |= end[1];
    }
    return b;
}

/* a label inside a block lets left = 1 reach end[6] */
uint64_t inner_label(const uint8_t *p, size_t n, int x)
{
    const uint8_t *end = p + n - (n % 8);
    uint64_t b = 0;
    for (; p != end; p += 8)
        b += p[7];
    switch (n % 8) {
    case 7: {
        if (x) {
    case 1: b++;
        }
        b |= end[6];
    }
    }
    return b;
}

/* xxhash's shape: a local cursor, its end and a limit, four 4-byte reads a turn, then 4 at a time, then bytes */
uint32_t walk4(const void *input, size_t len)
{
    const uint8_t *p = (const uint8_t *)input;
    const uint8_t *const b_end = p + len;
    uint32_t h = 5;

    if (len >= 16) {
        const uint8_t *const limit = b_end - 16;
        do {
            h = h * 31 + load_le32(p);
            p += 4;
            h = h * 31 + load_le32(p);
            p += 4;
            h = h * 31 + load_le32(p);
            p += 4;
            h = h * 31 + load_le32(p);
            p += 4;
        } while (p <= limit);
    }
    while (p + 4 <= b_end) {
        h ^= load_le32(p);
        p += 4;
    }
    while (p < b_end) {
        h += *p;
        p++;
    }
    return h;
}

/* the parameter itself steps */
uint32_t walk_param(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n;
    uint32_t h = 0;
    while (p + 2 <= end) {
        h += p[0] + p[1];
        p += 2;
    }
    if (p < end)
        h += *p;
    return h;
}

/* a 4-byte read where two bytes are known left */
uint32_t short_guard(const void *input, size_t len)
{
    const uint8_t *p = input;
    const uint8_t *end = p + len;
    uint32_t h = 0;
    while (p + 2 <= end) {
        h += load_le32(p);
        p += 2;
    }
    return h;
}

/* reads the byte at the end itself */
uint32_t at_end(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n;
    uint32_t h = 0;
    while (p <= end) {
        h += *p;
        p++;
    }
    return h;
}

/* the end is taken from a cursor already moved: it lies 4 past the buffer's */
uint32_t moved_first(const uint8_t *input, size_t n)
{
    const uint8_t *p = input;
    uint32_t h = 0;
    p += 4;
    const uint8_t *end = p + n;
    while (p < end) {
        h += *p;
        p++;
    }
    return h;
}

/* the cursor is returned */
const uint8_t *first_zero(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n;
    while (p < end) {
        if (*p == 0)
            return p;
        p++;
    }
    return 0;
}

/* read as words through another pointer */
uint32_t as_words(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n;
    const uint32_t *w = (const uint32_t *)p;
    uint32_t h = 0;
    while (p + 4 <= end) {
        h += *w;
        p += 4;
    }
    return h;
}

/* the tail's first byte's address given to an 8-byte copy */
uint64_t address_tail(const uint8_t *p, size_t n)
{
    const uint8_t *end = p + n - (n % 8);
    uint64_t b = 0;
    for (; p != end; p += 8)
        b ^= p[0];
    switch (n % 8) {
    case 7: memcpy(&b, &end[0], 8);
    }
    return b;
}
