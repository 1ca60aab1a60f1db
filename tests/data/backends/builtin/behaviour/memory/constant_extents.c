/* Pointers indexed only below a constant they reach on every call (signatures/reaches.py, rule
   constant-extent): slices of that many elements; the shapes after the marker stay raw. */
#include <stdint.h>

int ce_bits(const uint8_t *in) {
    int t = 0;
    for (uint8_t i = 0; i < 6; i++)
        for (uint8_t j = 0; j < 8; j++)
            t += (in[i] >> (7 - j)) & 1;
    return t;
}
void ce_unpack(uint8_t *out, int v) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            out[i * 4 + j] = (uint8_t)((v >> (i + j)) & 1);
}
long ce_pairs(const int16_t *p) { long s = 0; for (int i = 0; i < 5; i++) s = s * 3 + p[2 * i] - p[2 * i + 1]; return s; }
int ce_ends(const int *p) { return p[0] * 7 + p[3]; }

/* must stay raw: an element past the loop's on one path only, a loop that may stop early, a bound held in a
   global another buffer's length sets */
int ce_past(int *p, int k) { int t = 0; for (int i = 0; i < 4; i++) t += p[i]; if (k > 2) p[4] = t; return t; }
int ce_early(const int *p) { int t = 0; for (int i = 0; i < 6; i++) { if (p[i] < 0) break; t += p[i]; } return t; }
int ce_len = 3;
int ce_other(const int *p) { int t = 0; for (int i = 0; i < ce_len; i++) t += p[i] * (i + 1); return t; }

long ce_run(int k) {
    uint8_t bytes[8] = {0x81, 0x42, (uint8_t)k, 0xff, 0x10, (uint8_t)(k * 5), 0x77, 0x01};
    uint8_t out[12];
    int16_t w[10];
    int v[6] = {k, 2, -3, 4, k * 2, 9};
    long s = ce_bits(bytes) + ce_ends(v);
    ce_unpack(out, k * 37 + 5);
    for (int i = 0; i < 10; i++) w[i] = (int16_t)(k * i - 7);
    s = s * 31 + ce_pairs(w);
    for (int i = 0; i < 12; i++) s = s * 2 + out[i];
    s += ce_past(v, k) + ce_early(v) + ce_other(v + 1);
    return s + v[4];
}
