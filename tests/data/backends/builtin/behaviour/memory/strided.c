/* A loop stepping by s from 0 under `i < n`, after a guard that returns when n is no multiple of s: i and n
   are multiples of s, so `p[i + s - 1]` stays below n (counted loop, signatures/loops.py). */
#include <stddef.h>

int sd_hex(const char *src, size_t n) {  /* a hex decoder's pairs */
    int v = 0;
    if (n % 2 != 0) { v = -1; return v; }
    for (size_t i = 0; i < n; i += 2) v = v * 7 + (src[i] - '0') * 16 + (src[i + 1] - '0');
    return v;
}

int sd_rgb(const unsigned char *px, int n) {
    int s = 0;
    if (n % 3) return -3;
    for (int i = 0; i < n; i += 3) s = s * 5 + px[i] - px[i + 1] + px[i + 2];
    return s;
}

int sd_odd(const int *a, int n) { int s = 0; if (n & 1) return 0; for (int i = 0; i < n; i += 2) s += a[i + 1]; return s; }

/* must stay raw (each reads past n for some n; called here on arrays longer than n): no guard, a guard
   by another step, a start past 0, a guard after the loop, a count changed after the guard */
int sd_noguard(const int *a, int n) { int s = 0; for (int i = 0; i < n; i += 2) s += a[i + 1]; return s; }
int sd_other(const int *a, int n) { int s = 0; if (n % 2) return 0; for (int i = 0; i < n; i += 3) s += a[i + 2]; return s; }
int sd_from1(const int *a, int n) { int s = 0; if (n % 2) return 0; for (int i = 1; i < n; i += 2) s += a[i + 1]; return s; }
int sd_after(const int *a, int n) { int s = 0; for (int i = 0; i < n; i += 2) s += a[i + 1]; if (n % 2) return 0; return s; }
int sd_moved(const int *a, int n) { int s = 0; if (n % 2) return 0; n = n - 1; for (int i = 0; i < n; i += 2) s += a[i + 1]; return s; }

int sd_run(int k) {
    const char hex[6] = {'1', '2', '3', (char)('0' + (k & 7)), '9', '0'};
    unsigned char px[6] = {10, 20, 30, (unsigned char)k, 50, 60};
    int a[6] = {3, k, -5, 7, 2, 9};
    int s = sd_hex(hex, 6) + sd_hex(hex, 5) + sd_hex(hex, 0) + sd_rgb(px, 6) + sd_rgb(px, 4) + sd_odd(a, 6) + sd_odd(a, 3);
    return s + sd_noguard(a, 5) + sd_other(a, 4) + sd_from1(a, 4) + sd_after(a, 5) + sd_moved(a, 6);
}
