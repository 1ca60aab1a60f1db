/* Loop variables growing by a factor (signatures/loops.py _geometric): `i *= 2` from 1 below 64 keeps i a
   power of two up to 32, so `t[i + j]` under `j < i` stays below 64: a slice of the declared size; `i <<= 1`
   up to `i <= 16` reaches t[16] of 17 on its last turn. */
#include <stdint.h>

void gm_table(uint8_t t[64], uint8_t poly) {
    int i, j;
    uint8_t c = 0x80;
    t[0] = 0;
    for (i = 1; i < 64; i *= 2) {
        c = (uint8_t)((c << 1) ^ (c & 0x80 ? poly : 0));
        for (j = 0; j < i; j++)
            t[i + j] = t[j] ^ c;
    }
}
long gm_thirds(const int16_t w[30]) { long s = 0; for (long i = 1; i < 30; i *= 3) s = s * 5 + w[i + 2]; return s; }

void gm_past(uint8_t t[17]) { for (int i = 1; i <= 16; i <<= 1) t[i] = (uint8_t)(t[i - 1] + i); }

long gm_run(int k) {
    uint8_t t[64];
    uint8_t u[17] = {0};
    int16_t w[30];
    long s = 0;
    gm_table(t, (uint8_t)(k * 29 + 7));
    for (int i = 0; i < 30; i++) w[i] = (int16_t)(k * i - 11);
    gm_past(u);
    for (int i = 0; i < 64; i++) s = s * 3 + t[i];
    for (int i = 0; i < 17; i++) s = s * 2 + u[i];
    return s + gm_thirds(w);
}
