/* A byte buffer read and written through wider pointers at odd offsets: C's casts promise no alignment
 * there, and x86-64 performs the unaligned accesses; accesses C knows to be aligned keep their plain form. */
#include <stdint.h>

struct una_hdr { uint16_t kind; uint32_t len; uint64_t stamp; };

static unsigned char una_buf[64];

static uint32_t una_le32(const unsigned char *p) { return *(const uint32_t *)p; }

static void una_fill(void) {
    for (int i = 0; i < 64; i++)
        una_buf[i] = (unsigned char)(i * 7 + 1);
}

uint64_t una_read(int off) {
    una_fill();
    uint64_t v = una_le32(una_buf + off);
    v += *(uint16_t *)(una_buf + off + 1);
    v += ((uint64_t *)(una_buf + off))[1];
    return v;
}

uint64_t una_write(int off) {
    una_fill();
    uint32_t *w = (uint32_t *)(una_buf + off);
    w[0] = 0x11223344u;
    w[1] += 5;
    (*w)++;
    *(uint64_t *)(una_buf + off + 9) = 0x0102030405060708ull;
    uint64_t s = 0;
    for (int i = 0; i < 24; i++)
        s = s * 31 + una_buf[off + i];
    return s;
}

uint64_t una_struct(int off) {
    una_fill();
    struct una_hdr *h = (struct una_hdr *)(una_buf + off);
    h->len += 3;
    h->stamp = h->len * 2ull;
    struct una_hdr copy = *h;
    return copy.kind + copy.len + copy.stamp + una_buf[off + 4];
}

uint32_t una_void(int off) {
    una_fill();
    void *v = una_buf;
    v = (char *)v + off;
    uint32_t *q = v;
    return *q;
}

uint32_t una_aligned(int n) {
    uint32_t words[4] = {1, 2, 3, 4};
    uint32_t *p = words;
    return p[n & 3] + *(p + 1);
}
