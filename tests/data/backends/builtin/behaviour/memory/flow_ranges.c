/* Indexes proven in [0, n) along every path by signatures/flow.py (rule index-range), not by a counted loop. */
#include <stddef.h>

void fr_insert(int *a, int n) {  /* insertion sort: j = i - 1, then j-- under `j >= 0 &&` */
    for (int i = 1; i < n; i++) {
        int j = i - 1, key = a[i];
        while (j >= 0 && key < a[j]) { a[j + 1] = a[j]; j = j - 1; }
        a[j + 1] = key;
    }
}

int fr_guard(const int *a, int n, int i) { if (i < 0 || i >= n) return -1; return a[i]; }

int fr_last(const int *a, int n) { if (n <= 0) return 0; return a[n - 1]; }

int fr_back(const int *a, int n) { int s = 0; for (int i = n - 1; i >= 0; i--) s = s * 3 + a[i]; return s; }

int fr_pairs(const int *a, int n) { int s = 0, i = 0; while (i + 1 < n) { s += a[i] * a[i + 1]; i += 2; } return s; }

long fr_ufrom(const long *a, size_t n) { long s = 0; for (size_t i = n; i > 0; i--) s = s * 2 + a[i - 1]; return s; }

int fr_switch(const int *a, int n, int k) {
    int i = 0;
    switch (k) { case 0: i = n - 1; break; case 1: i = n / 2; break; default: if (k < n && k >= 0) i = k; }
    return n > 0 && i >= 0 && i < n ? a[i] : 0;
}

/* must stay raw: one past the count, a guard on the wrong variable, a decrement without a guard, an index
   from a parameter, an unsigned count minus one that wraps at 0, a sentinel search */
int fr_past(const int *a, int n, int i) { if (i < 0 || i > n) return 0; return a[i]; }
int fr_wrong(const int *a, int n, int i, int j) { if (j < 0 || j >= n) return 0; return a[i]; }
int fr_down(const int *a, int n, int key) { int j = n - 1; while (key < a[j]) j--; return j; }
int fr_at(const int *a, int n, int i) { return a[i] + n; }
int fr_uwrap(const int *a, unsigned n) { unsigned k = n - 1; return a[k]; }
int fr_find(int *a, int n, int key) { int i = 0, t = a[n - 1]; a[n - 1] = key; while (a[i] != key) i++; a[n - 1] = t; return i; }

int fr_run(int k) {
    int a[7] = {5, k, -2, 9, 0, 3, 1}, b[6] = {1, 2, 3, 4, 5, 6};
    long l[4] = {k, 2, -3, 4};
    fr_insert(a, 7);
    fr_insert(b, 0);
    int s = 0;
    for (int i = 0; i < 7; i++) s = s * 5 + a[i];
    s += fr_guard(b, 6, k) + fr_guard(b, 6, 3) + fr_last(b, 6) + fr_last(b, 0) + fr_back(b, 6) + fr_back(b, k);
    s += fr_pairs(b, 6) + fr_pairs(b, 5) + (int)fr_ufrom(l, 4) + fr_switch(b, 6, 0) + fr_switch(b, 6, 1);
    s += fr_switch(b, 6, k) + fr_switch(b, 0, 1);
    s += fr_past(b, 5, 2) + fr_wrong(b, 6, 2, 1) + fr_down(b, 6, 3) + fr_at(b, 6, 4) + fr_uwrap(b, 6);
    return s + fr_find(b, 6, 4) + fr_find(b, 6, k);
}
