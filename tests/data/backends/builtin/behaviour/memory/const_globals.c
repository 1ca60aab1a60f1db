/* Parameters beside const global objects a function reads (file-static tables, a const scalar): nothing
   writes those bytes, so a mutable view never points into them (its entry asks for writable memory) and a
   read-only one may (cg_weigh(cg_box)): references (signatures/overlaps._read_only). */
#include <stdint.h>

static const uint8_t cg_box[8] = {5, 1, 7, 0, 3, 6, 2, 4};
static const uint64_t cg_mul = 0x9E3779B97F4A7C15ull;

void cg_map(uint8_t *b) { *b = cg_box[*b & 7]; }
int cg_weigh(const uint8_t *v) { return *v * 3 + cg_box[*v & 7]; }
uint64_t cg_hash(uint64_t *h, unsigned k) { *h = (*h ^ k) * cg_mul; return *h >> 60; }

/* must stay raw: a const table of pointers (they may lead anywhere), a file-static table that is written */
static const char *const cg_names[2] = {"ab", "cd"};
static uint8_t cg_counts[4];
void cg_name(char *out, int k) { *out = cg_names[k & 1][0]; }
void cg_count(uint8_t *out, int k) { cg_counts[k & 3]++; *out = cg_counts[k & 3]; }

long cg_run(int k) {
    uint8_t b = (uint8_t)k;
    cg_map(&b);
    cg_map(&b);
    uint64_t h = (uint64_t)k;
    long s = cg_hash(&h, 7) + (long)(h & 0xff);
    char c;
    cg_name(&c, k);
    uint8_t n;
    cg_count(&n, k);
    cg_count(&n, k);
    return s * 1000 + b * 100 + cg_weigh(&b) * 10 + cg_weigh(cg_box) + cg_weigh(&cg_box[7]) + c + n;
}
