/* Elements of a slice lent to a callee's references (rule distinct-elements, signatures/elements.py), a
   slice passed on to the function itself with a smaller count, and a last element read where the count
   is not known positive (rule last-element); beside them, pointers that must stay raw. */

void le_swap(int *x, int *y) { int t = *x; *x = *y; *y = t; }

void le_bubble(int *a, int n) {  /* j and j + 1: apart by the difference bounds */
    for (int i = 0; i < n - 1; i++)
        for (int j = 0; j < n - 1 - i; j++)
            if (a[j] > a[j + 1]) le_swap(&a[j], &a[j + 1]);
}

void le_select(int *a, int n) {  /* i and m: apart under `if (m != i)` */
    for (int i = 0; i < n - 1; i++) {
        int m = i;
        for (int j = i + 1; j < n; j++) if (a[j] < a[m]) m = j;
        if (m != i) le_swap(a + i, a + m);
    }
}

void le_rec(int *a, int n) {  /* a + i and a + i + 1, then itself on n - 1 elements */
    if (n <= 1) return;
    for (int i = 0; i < n - 1; ++i) if (a[i] > a[i + 1]) le_swap(a + i, a + i + 1);
    le_rec(a, n - 1);
}

int le_sentinel(int *a, int n, int key) {  /* a[n - 1] first: n >= 1 after it, then a[i] stops there */
    if (key == a[n - 1]) return n - 1;
    int t = a[n - 1];
    a[n - 1] = key;
    int i = 0;
    while (a[n - 1] != a[i]) i++;
    a[n - 1] = t;
    return i != n - 1 ? i : -1;
}

/* must stay raw: i and m unguarded (m == i swaps an element with itself, which C allows), a callee that
   keeps its pointer, a recursion on more elements than it has */
void le_select_any(int *a, int n) {
    for (int i = 0; i < n - 1; i++) {
        int m = i;
        for (int j = i + 1; j < n; j++) if (a[j] < a[m]) m = j;
        le_swap(a + i, a + m);
    }
}
int *le_kept;
void le_keep(int *x, int *y) { le_kept = x; int t = *x; *x = *y; *y = t; }
void le_keep_pairs(int *a, int n) { for (int j = 0; j + 1 < n; j += 2) le_keep(&a[j], &a[j + 1]); }
int le_grow(int *a, int n) { if (n <= 0 || n > 3) return 0; return a[0] + le_grow(a, n + 1); }
